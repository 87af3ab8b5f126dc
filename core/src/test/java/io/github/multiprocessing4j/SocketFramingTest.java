package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire format of socket connections, byte by byte: CPython's, with its 64-bit length form. */
class SocketFramingTest {

    @TempDir
    Path dir;

    @Test
    void framesAsCPythonFramesThem() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            SocketChannel raw = SocketChannel.open(address);
            SocketConnection c = new SocketConnection(server.accept(), "a test connection");

            // the short form, the 64-bit form (-1, then a long), an empty message
            raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 2, 'h', 'i'}));
            raw.write(ByteBuffer.allocate(17).putInt(-1).putLong(5).put("hello".getBytes()).flip());
            raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}));
            assertArrayEquals("hi".getBytes(), c.recvBytes());
            assertArrayEquals("hello".getBytes(), c.recvBytes());
            assertArrayEquals(new byte[0], c.recvBytes());

            // a poll with an immense timeout waits (no overflow into "now")
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(100);
                    raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 1, '.'}));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(c.poll(java.time.Duration.ofSeconds(Long.MAX_VALUE)));
            assertArrayEquals(".".getBytes(), c.recvBytes());

            // an interrupt in the middle of a message waits for its end (the flag kept for after)
            raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 4, 'h', 'a'}));
            Thread reader = Thread.currentThread();
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(100);
                    reader.interrupt();
                    Thread.sleep(100);
                    raw.write(ByteBuffer.wrap(new byte[] {'l', 'f'}));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertArrayEquals("half".getBytes(), c.recvBytes());
            assertTrue(Thread.interrupted(), "the interrupt is kept");

            // what this side writes
            c.sendBytes("abc".getBytes());
            ByteBuffer got = ByteBuffer.allocate(7);
            while (got.hasRemaining()) {
                raw.read(got);
            }
            assertArrayEquals(new byte[] {0, 0, 0, 3, 'a', 'b', 'c'}, got.array());

            // too long for the reader: refused and skipped, the next message is intact
            raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 4, 'l', 'o', 'n', 'g', 0, 0, 0, 1, '!'}));
            UncheckedIOException tooLong = assertThrows(UncheckedIOException.class, () -> c.recvBytes(3));
            assertTrue(tooLong.getMessage().contains("bad message length"), tooLong.getMessage());
            assertArrayEquals("!".getBytes(), c.recvBytes());

            // the peer goes in the middle of a message, then at a boundary
            raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 9, 'x'}));
            raw.close();
            UncheckedIOException cut = assertThrows(UncheckedIOException.class, c::recvBytes);
            assertTrue(cut.getMessage().contains("middle of a message"), cut.getMessage());
            UncheckedIOException eof = assertThrows(UncheckedIOException.class, c::recvBytes);
            assertInstanceOf(EOFException.class, eof.getCause());
            c.close();
        }
    }
}
