package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.Hello;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.protocol.Refused;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control channel's handshake, over the socket and over a FIFO pair: wrong tokens are
 * dropped, other protocol versions refused; a FIFO pair whose child died before connecting is
 * given up and deleted.
 */
class ControlServerTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void aChildSpeakingAnotherProtocolVersionIsRefusedWithAClearMessage() throws Exception {
        java.lang.Process stand_in = new ProcessBuilder("sleep", "60").start();
        try {
            ControlServer server = ControlServer.get();
            server.expect(TOKEN, new ChildJvm(stand_in, true, () -> System.out, () -> System.err));
            try (FrameChannel channel = FrameChannel.connect(server.path().toString(), Protocol.HELLO,
                    new Hello(Protocol.VERSION + 998, stand_in.pid(), TOKEN).encode())) {
                Frame answer = channel.receive();
                assertNotNull(answer);
                assertEquals(Protocol.REFUSED, answer.type());
                String reason = Refused.decode(answer.payload()).reason();
                assertTrue(reason.contains("protocol " + (Protocol.VERSION + 998)) && reason.contains("speaks " + Protocol.VERSION), reason);
                assertTrue(reason.contains("different versions of multiprocessing4j"), reason);
                assertNull(channel.receive(), "then the connection is closed");
            }
        } finally {
            stand_in.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongTokenIsDropped() throws Exception {
        try (Capture io = new Capture()) {
            ControlServer server = ControlServer.get();
            try (FrameChannel channel = FrameChannel.connect(server.path().toString(), Protocol.HELLO, new Hello(Protocol.VERSION,
                    ProcessHandle.current().pid(), "ffffffffffffffffffffffffffffffff").encode())) {
                assertNull(channel.receive(), "closed without a word");
            }
            assertTrue(io.err().contains("WARNING: refused a connection with a wrong token"), io.err());
        }
    }

    @Test
    void overFifosAChildSpeakingAnotherVersionIsRefusedAfterAWrongTokenWasSkipped() throws Exception {
        java.lang.Process standIn = new ProcessBuilder("sleep", "60").start();
        try (Capture io = new Capture()) {
            assertTrue(FifoPair.available(), "native access is enabled in the tests");
            Path pair = FifoPair.create(RunDirectory.get().dir());
            FifoPair.accept(pair, TOKEN, new ChildJvm(standIn, true, () -> System.out, () -> System.err), "test");
            try (FileChannel impostor = FileChannel.open(FrameChannel.up(pair), StandardOpenOption.WRITE)) {
                new FrameChannel(impostor, impostor).send(Protocol.HELLO,
                        new Hello(Protocol.VERSION, ProcessHandle.current().pid(), "ffffffffffffffffffffffffffffffff").encode());
            } // the reader may meet the end of the stream here: it opens the FIFO again for the child
            try (FrameChannel channel = FrameChannel.connect(FrameChannel.FIFOS + pair, Protocol.HELLO,
                    new Hello(Protocol.VERSION + 998, standIn.pid(), TOKEN).encode())) {
                Frame answer = channel.receive();
                assertNotNull(answer);
                assertEquals(Protocol.REFUSED, answer.type());
                assertTrue(Refused.decode(answer.payload()).reason().contains("protocol " + (Protocol.VERSION + 998)));
                assertNull(channel.receive(), "then the channel is closed");
            }
            assertFalse(Files.exists(FrameChannel.up(pair)) || Files.exists(FrameChannel.down(pair)), "the FIFOs are deleted");
            assertTrue(io.err().contains("WARNING: refused a connection with a wrong token"), io.err());
        } finally {
            standIn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFifoPairWhoseChildDiedBeforeConnectingIsGivenUpAndDeleted() throws Exception {
        java.lang.Process standIn = new ProcessBuilder("sleep", "60").start();
        Path pair = FifoPair.create(RunDirectory.get().dir());
        ChildJvm child = new ChildJvm(standIn, true, () -> System.out, () -> System.err);
        child.startThreads("fifo-test-" + standIn.pid());
        FifoPair.accept(pair, TOKEN, child, "fifo-test");
        standIn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        child.exitCode().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handshakeRunning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(handshakeRunning(), "the handshake waiting for the child has ended");
        assertFalse(Files.exists(FrameChannel.up(pair)) || Files.exists(FrameChannel.down(pair)), "the FIFOs are deleted");
    }

    private static boolean handshakeRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mp4j-handshake-fifo-test") && t.isAlive());
    }

    @Test
    void exitCodesAsPythons() {
        assertEquals(0, ChildJvm.exitCodeOf(0, true));
        assertEquals(0, ChildJvm.exitCodeOf(0, false));
        assertEquals(7, ChildJvm.exitCodeOf(7, true));
        assertEquals(137, ChildJvm.exitCodeOf(137, true), "System.exit(137) said so");
        assertEquals(-9, ChildJvm.exitCodeOf(137, false), "SIGKILL");
        assertEquals(-15, ChildJvm.exitCodeOf(143, false), "SIGTERM");
        assertEquals(-6, ChildJvm.exitCodeOf(134, false), "SIGABRT, a JVM crash");
        assertEquals(1, ChildJvm.exitCodeOf(1, false), "a JVM that failed to start");
        assertEquals(255, ChildJvm.exitCodeOf(255, false), "not a signal number");
    }
}
