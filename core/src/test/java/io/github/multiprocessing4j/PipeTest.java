package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.BlockedReceive;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pipe and Connection: CPython's test_connection, test_duplex_false, test_sendbytes, … (cases 85–89). */
class PipeTest {

    private static final byte[] M26 = "abcdefghijklmnopqrstuvwxyz".getBytes();

    /** An echo child: returns every message as bytes until the pipe ends. */
    private static Process echo(Connection end) {
        Process p = new Process(() -> {
            while (true) {
                byte[] message;
                try {
                    message = end.recvBytes();
                } catch (UncheckedIOException eof) {
                    break;
                }
                end.sendBytes(message);
            }
            end.close();
        });
        p.start();
        return p;
    }

    /** Case 85: objects, bytes, recvBytesInto, BufferTooShort, a 16 MiB message, through an echo child. */
    @Test
    void echoThroughAChild() {
        Pipe pipe = Multiprocessing.pipe();
        Connection conn = pipe.left();
        Process p = echo(pipe.right());
        pipe.right().close();

        conn.send(Arrays.asList(1, 2.25, null));
        assertEquals(Arrays.asList(1, 2.25, null), conn.recv());

        conn.sendBytes("hello world".getBytes());
        assertArrayEquals("hello world".getBytes(), conn.recvBytes());

        byte[] ints = new byte[40];
        byte[] four = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3};
        conn.sendBytes(four);
        assertEquals(16, conn.recvBytesInto(ints));
        assertArrayEquals(four, Arrays.copyOf(ints, 16));
        conn.sendBytes(four);
        assertEquals(16, conn.recvBytesInto(ints, 12));
        assertArrayEquals(four, Arrays.copyOfRange(ints, 12, 28));

        byte[] longer = new byte[110];
        new Random(1).nextBytes(longer);
        conn.sendBytes(longer);
        BufferTooShortException tooShort = assertThrows(BufferTooShortException.class, () -> conn.recvBytesInto(new byte[40]));
        assertArrayEquals(longer, tooShort.message(), "the exception carries the whole message");

        byte[] big = new byte[16 << 20];
        new Random(2).nextBytes(big);
        conn.sendBytes(big);
        assertArrayEquals(big, conn.recvBytes());

        conn.close();
        p.join();
        assertEquals(0, p.exitCode(), "the child saw the end of stream and exited");
    }

    /** Case 86: poll, and the end of stream once the peer closed. */
    @Test
    void pollAndEndOfStream() {
        Pipe pipe = Multiprocessing.pipe();
        Connection a = pipe.left();
        Connection b = pipe.right();
        assertFalse(a.poll());
        assertFalse(a.poll(Duration.ofMillis(-1)));
        long start = System.nanoTime();
        assertFalse(a.poll(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= 90_000_000L, "poll(0.1 s) waited");
        b.send("x");
        assertTrue(a.poll(Duration.ofMillis(100)));
        assertTrue(a.poll(), "poll does not consume");
        assertEquals("x", a.recv());
        b.close();
        assertTrue(a.poll(), "the end of stream is pollable");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, a::recv);
        assertInstanceOf(EOFException.class, e.getCause());
        assertThrows(UncheckedIOException.class, a::recvBytes);
        UncheckedIOException broken = assertThrows(UncheckedIOException.class, () -> a.send("to nobody"));
        assertTrue(broken.getMessage().contains("broken pipe"), broken.getMessage());
        a.close();
    }

    /** The end of stream also comes when the process holding the other end dies. */
    @Test
    void endOfStreamWhenThePeerProcessIsKilled() {
        Pipe pipe = Multiprocessing.pipe(false);
        Connection sender = pipe.right();
        Process p = new Process(() -> {
            sender.send("alive");
            Thread.sleep(60_000);
        });
        p.start();
        sender.close();
        assertEquals("alive", pipe.left().recv());
        p.kill();
        p.join();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> pipe.left().recv());
        assertInstanceOf(EOFException.class, e.getCause());
        pipe.left().close();
    }

    /** Case 87: a one-way pipe; misuse is a clear error; try-with-resources closes both. */
    @Test
    void oneWayPipe() {
        Pipe pipe = Multiprocessing.pipe(false);
        try (Connection reader = pipe.left(); Connection writer = pipe.right()) {
            assertTrue(reader.readable());
            assertFalse(reader.writable());
            assertTrue(writer.writable());
            assertFalse(writer.readable());
            assertTrue(assertThrows(IllegalStateException.class, () -> reader.send(1)).getMessage().contains("receive-only"));
            assertTrue(assertThrows(IllegalStateException.class, writer::recv).getMessage().contains("send-only"));
            assertThrows(IllegalStateException.class, writer::poll);
            writer.send(42);
            assertEquals(42, (int) reader.recv());
        }
        assertTrue(pipe.left().closed());
        assertTrue(pipe.right().closed());
        assertThrows(IllegalStateException.class, () -> pipe.left().recv());
        pipe.left().close();
    }

    /** Case 88: sendBytes with offsets and sizes. */
    @Test
    void sendBytesOffsetsAndSizes() {
        Pipe pipe = Multiprocessing.pipe();
        Connection a = pipe.left();
        Connection b = pipe.right();
        a.sendBytes(M26, 5);
        assertArrayEquals(Arrays.copyOfRange(M26, 5, 26), b.recvBytes());
        a.sendBytes(M26, 7, 8);
        assertArrayEquals(Arrays.copyOfRange(M26, 7, 15), b.recvBytes());
        a.sendBytes(M26, 26);
        assertArrayEquals(new byte[0], b.recvBytes());
        a.sendBytes(M26, 26, 0);
        assertArrayEquals(new byte[0], b.recvBytes());
        for (int[] bad : List.of(new int[] {27}, new int[] {22, 5}, new int[] {26, 1}, new int[] {-1}, new int[] {4, -1})) {
            assertThrows(IllegalArgumentException.class,
                    () -> { if (bad.length == 1) a.sendBytes(M26, bad[0]); else a.sendBytes(M26, bad[0], bad[1]); },
                    Arrays.toString(bad));
        }
        assertFalse(b.poll(), "nothing was sent by the bad calls");
        assertThrows(IllegalArgumentException.class, () -> b.recvBytes(-1));
        a.sendBytes(M26);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> b.recvBytes(10));
        assertTrue(e.getMessage().contains("bad message length"), e.getMessage());
        a.close();
        b.close();
    }

    /** Case 89: messages never merge; an empty message is a message. */
    @Test
    void messagesNeverMerge() {
        Pipe pipe = Multiprocessing.pipe();
        Connection a = pipe.left();
        Connection b = pipe.right();
        a.sendBytes("a".getBytes());
        a.sendBytes("b".getBytes());
        a.sendBytes("cd".getBytes());
        assertTrue(b.poll());
        assertArrayEquals("a".getBytes(), b.recvBytes());
        assertTrue(b.poll());
        assertArrayEquals("b".getBytes(), b.recvBytes());
        assertArrayEquals("cd".getBytes(), b.recvBytes());
        assertFalse(b.poll());
        a.sendBytes(new byte[0]);
        assertTrue(b.poll());
        assertTrue(b.poll());
        assertArrayEquals(new byte[0], b.recvBytes());
        assertFalse(b.poll());
        a.close();
        b.close();
    }

    /** A pipe end that travels to a child works there, both ways, and through a queue too. */
    @Test
    void endsTravelToChildrenAndThroughQueues() {
        Pipe pipe = Multiprocessing.pipe();
        Queue<Connection> q = Multiprocessing.queue();
        q.put(pipe.right());
        pipe.right().close();
        Process p = new Process(() -> {
            try (Connection c = q.get()) {
                String s = c.recv();
                c.send(s.toUpperCase());
            }
        });
        p.start();
        pipe.left().send("hello");
        assertEquals("HELLO", pipe.left().recv());
        p.join();
        assertEquals(0, p.exitCode());
        assertThrows(UncheckedIOException.class, () -> pipe.left().recv(), "the child closed the only other holder");
        pipe.left().close();
    }

    @Test
    void aClosedConnectionRefusesEverything() {
        Pipe pipe = Multiprocessing.pipe();
        Connection a = pipe.left();
        a.close();
        a.close();
        assertTrue(a.closed());
        assertThrows(IllegalStateException.class, () -> a.send(1));
        assertThrows(IllegalStateException.class, a::recv);
        assertThrows(IllegalStateException.class, a::poll);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.right().send(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        Process p = new Process(() -> a.send("from a closed end"));
        IllegalArgumentException sent = assertThrows(IllegalArgumentException.class, p::start);
        assertTrue(sent.getMessage().contains("is closed"), sent.getMessage());
        pipe.right().close();
    }

    /** Case 90: Connection.await on several connections. */
    @Test
    void awaitOnSeveralConnections() {
        Pipe one = Multiprocessing.pipe(false);
        Pipe two = Multiprocessing.pipe(false);
        Connection r1 = one.left();
        Connection r2 = two.left();
        long start = System.nanoTime();
        assertEquals(List.of(), Connection.await(List.of(r1, r2), Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start >= 290_000_000L, "await waited for its timeout");
        two.right().send(null);
        assertEquals(List.of(r2), Connection.await(List.of(r1, r2), Duration.ofSeconds(5)));
        start = System.nanoTime();
        assertEquals(List.of(), Connection.await(List.of(r1), Duration.ofMillis(-1)));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "a negative timeout checks once, without waiting");

        Connection w1 = one.right();
        Process p = new Process(() -> {
            Thread.sleep(200);
            w1.send("late");
        });
        p.start();
        w1.close();
        assertEquals(List.of(r1), Connection.await(List.of(r1), Duration.ofSeconds(60)));
        assertEquals("late", r1.recv());
        p.join();
        assertEquals(List.of(r1, r2), Connection.await(List.of(r1, r2)), "r1 at its end of stream, r2 with a message");
        for (Connection c : List.of(r1, r2, two.right())) {
            c.close();
        }
        assertThrows(IllegalStateException.class, () -> Connection.await(List.of(r1), Duration.ZERO));
    }

    /** An end that a process drops without closing is released when it is garbage collected. */
    @Test
    void anEndDroppedWithoutCloseIsReleasedByTheGarbageCollector() {
        Pipe pipe = Multiprocessing.pipe(false);
        Queue<Connection> handOver = Multiprocessing.queue();
        Queue<String> done = Multiprocessing.queue();
        handOver.put(pipe.right());
        pipe.right().close();
        Process p = new Process(() -> {
            handOver.get(); // dropped at once
            while (true) {
                System.gc();
                try {
                    done.get(Duration.ofMillis(100));
                    return;
                } catch (QueueEmptyException notYet) {
                    // collect again
                }
            }
        });
        p.start();
        assertTrue(pipe.left().poll(Duration.ofSeconds(60)), "the end of stream came while the child still runs");
        assertTrue(p.isAlive());
        assertThrows(UncheckedIOException.class, () -> pipe.left().recv());
        done.put("done");
        p.join();
        pipe.left().close();
    }

    /** A sender waits while the ring is full; it learns of a broken pipe when the receiver goes. */
    @Test
    void aSenderWaitsForRoomAndLearnsWhenTheReceiverGoes() throws Exception {
        Pipe pipe = Multiprocessing.pipe(false);
        Connection receiver = pipe.left();
        Connection sender = pipe.right();
        java.util.concurrent.CompletableFuture<Void> sending = java.util.concurrent.CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) { // 3.2 MiB through a 1 MiB ring
                byte[] m = new byte[16 * 1024];
                m[0] = (byte) i;
                sender.sendBytes(m);
            }
        });
        for (int i = 0; i < 200; i++) {
            assertEquals((byte) i, receiver.recvBytes()[0]);
        }
        sending.get(60, java.util.concurrent.TimeUnit.SECONDS);

        java.util.concurrent.CompletableFuture<Void> blocked = java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (true) {
                sender.sendBytes(new byte[16 * 1024]);
            }
        });
        Thread.sleep(200);
        assertFalse(blocked.isDone(), "the sender waits for room");
        receiver.close();
        Throwable e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> blocked.get(60, java.util.concurrent.TimeUnit.SECONDS)).getCause();
        assertTrue(e instanceof UncheckedIOException && e.getMessage().contains("broken pipe"), String.valueOf(e));
        sender.close();
    }

    /** A receive blocked on a pipe ends on an interrupt (flag restored), or when its end is closed. */
    @Test
    void aBlockedReceiveEndsOnInterruptOrClose() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        Connection c = pipe.left();
        BlockedReceive.endsOnInterruptThenOnClose(c, c);
        pipe.right().close();
    }

    /**
     * Three child processes share the sending end: every message arrives whole and each
     * sender's in order, and the end of stream comes once the last of them has exited.
     */
    @Test
    void severalSendersShareAnEnd() {
        Pipe pipe = Multiprocessing.pipe(false);
        Connection sender = pipe.right();
        List<Process> senders = new java.util.ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int id = s;
            Process p = new Process(() -> {
                for (int i = 0; i < 2000; i++) {
                    byte[] m = new byte[i % 500 == 0 ? 600 * 1024 : 8 + i % 200]; // some go through blobs
                    m[0] = (byte) id;
                    m[1] = (byte) (i >> 8);
                    m[2] = (byte) i;
                    m[m.length - 1] = (byte) 0x7e;
                    sender.sendBytes(m);
                }
            });
            p.start();
            senders.add(p);
        }
        sender.close();
        int[] next = new int[3];
        int received = 0;
        while (true) {
            byte[] m;
            try {
                m = pipe.left().recvBytes();
            } catch (UncheckedIOException eof) {
                assertInstanceOf(EOFException.class, eof.getCause());
                break;
            }
            int id = m[0];
            int i = (m[1] & 0xff) << 8 | (m[2] & 0xff);
            assertEquals(next[id]++, i, "sender " + id + "'s messages in order");
            assertEquals(i % 500 == 0 ? 600 * 1024 : 8 + i % 200, m.length, "a whole message");
            assertEquals(0x7e, m[m.length - 1]);
            received++;
        }
        assertEquals(6000, received);
        senders.forEach(Process::join);
        pipe.left().close();
    }
}
