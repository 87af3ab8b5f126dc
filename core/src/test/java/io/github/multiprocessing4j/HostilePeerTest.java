package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that lie or go silent (issue 11, items 1 and 4): what they announce is bounded before it
 * is trusted, and no wait they cause outlives a deadline, an interrupt or a close().
 */
class HostilePeerTest {

    @TempDir
    Path dir;

    @Test
    void aSilentClientDoesNotHoldUpAnotherClientsAccept() throws Exception {
        try (Listener listener = new Listener();
             SocketChannel silent = SocketChannel.open(listener.address())) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try (Connection c = Client.connect(listener.address())) {
                    return c.recv();
                }
            });
            Optional<Connection> accepted = listener.accept(Duration.ofSeconds(10)); // the silent one's deadline is 30 s
            assertTrue(accepted.isPresent(), "the second client was accepted while the first said nothing");
            try (Connection c = accepted.get()) {
                c.send("hello");
                assertEquals("hello", answer.get(10, TimeUnit.SECONDS));
            }
            assertTrue(silent.isOpen());
        }
    }

    @Test
    void aHandshakeAnswerAnnouncingGigabytesIsRefusedAtOnce() throws Exception {
        for (byte[] header : new byte[][] {{0x7f, -1, -1, -1}, {-1, -1, -1, -2}, {0x40, 0, 0, 0}}) {
            try (Listener listener = new Listener();
                 SocketChannel liar = SocketChannel.open(listener.address())) {
                CompletableFuture<Void> lie = CompletableFuture.runAsync(() -> {
                    try {
                        ByteBuffer challenge = ByteBuffer.allocate(4 + 59);
                        while (challenge.hasRemaining() && liar.read(challenge) >= 0) {
                            // the listener's challenge: read it, then answer with a lie and go silent
                        }
                        liar.write(ByteBuffer.wrap(header));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long start = System.nanoTime();
                AuthenticationException refused = assertThrows(AuthenticationException.class, () -> listener.accept(Duration.ofSeconds(60)));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "refused at once, not at the 30 s deadline");
                assertTrue(refused.getMessage().contains("length") || refused.getMessage().contains("bytes"), refused.getMessage());
                lie.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void acceptEndsOnInterruptAndOnClose() throws Exception {
        Listener listener = new Listener();
        try (SocketChannel silent = SocketChannel.open(listener.address())) {
            Blocked interrupted = Blocked.start(() -> listener.accept());
            interrupted.interrupt();
            assertTrue(interrupted.failure(Duration.ofSeconds(10)) instanceof ProcessException);
            Blocked closed = Blocked.start(() -> listener.accept());
            listener.close();
            assertTrue(closed.failure(Duration.ofSeconds(10)) instanceof IllegalStateException);
        }
    }

    @Test
    void aMessageLongerThanAJavaArrayFailsWithTheSizeAndTheLimitNotOutOfMemory() throws Exception {
        try (Pair p = pair()) {
            p.raw.write(ByteBuffer.wrap(new byte[] {0x7f, -1, -1, -1}));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, p.c::recvBytes);
            assertTrue(e.getMessage().contains("2147483647 bytes") && e.getMessage().contains("2147483639"), e.getMessage());
            assertTrue(p.c.closed(), "the stream lost its place: the connection is closed");
        }
    }

    @Test
    void aReceiveOfAHugeAnnouncedMessageEndsOnInterruptAndOnClose() throws Exception {
        for (boolean byClose : new boolean[] {false, true}) {
            try (Pair p = pair()) {
                p.raw.write(ByteBuffer.wrap(new byte[] {0x40, 0, 0, 0, 1, 2, 3})); // 1 GiB announced, 3 bytes sent
                Blocked receive = Blocked.start(p.c::recvBytes);
                Thread.sleep(200);
                if (byClose) {
                    p.c.close();
                    assertTrue(receive.failure(Duration.ofSeconds(10)) instanceof IllegalStateException);
                } else {
                    receive.interrupt();
                    assertTrue(receive.failure(Duration.ofSeconds(10)) instanceof ProcessException);
                    assertTrue(p.c.closed(), "interrupted inside a message: closed");
                }
            }
        }
    }

    /** A record of this application's: not a JDK class. */
    record Order(String item, int count) implements java.io.Serializable {
    }

    /**
     * A listener exposed beyond loopback can narrow what its clients may send: with an
     * allow-list of the JDK's classes, an object of the application's is refused, a JDK one
     * arrives, and the connection goes on.
     */
    @Test
    void aListenersAllowListRefusesWhatItDoesNotName() throws Exception {
        try (Listener listener = new Listener()
                .setSerialFilter(java.io.ObjectInputFilter.Config.createFilter("java.base/*;!*"))) {
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                try (Connection c = Client.connect(listener.address())) {
                    c.send(new Order("apple", 3));
                    c.send(new java.util.concurrent.atomic.AtomicLong(5));
                    c.recv(); // until the listener is done
                }
            });
            try (Connection c = listener.accept(Duration.ofSeconds(30)).orElseThrow()) {
                ProcessException refused = assertThrows(ProcessException.class, c::recv);
                assertTrue(refused.getMessage().contains(Order.class.getName()) && refused.getMessage().contains("rejected"),
                        refused.getMessage());
                assertEquals(5L, ((java.util.concurrent.atomic.AtomicLong) c.recv()).get());
                c.send("done");
            }
            client.get(30, TimeUnit.SECONDS);
        }
    }

    private record Pair(SocketChannel raw, SocketConnection c, ServerSocketChannel server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            c.close();
            raw.close();
            server.close();
        }
    }

    private Pair pair() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s" + System.nanoTime()));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(address);
        SocketChannel raw = SocketChannel.open(address);
        return new Pair(raw, new SocketConnection(server.accept(), "a test connection"), server);
    }

    /** A call made on a thread of its own, which the test interrupts or lets a close() end. */
    private static final class Blocked {
        private final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        private final Thread thread;

        private Blocked(java.util.concurrent.Callable<?> call) {
            thread = new Thread(() -> {
                try {
                    call.call();
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            thread.start();
        }

        static Blocked start(java.util.concurrent.Callable<?> call) throws InterruptedException {
            Blocked b = new Blocked(call);
            Thread.sleep(100);
            return b;
        }

        void interrupt() {
            thread.interrupt();
        }

        /** @return what the call threw, waiting at most {@code timeout} for it to end */
        Throwable failure(Duration timeout) throws Exception {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
