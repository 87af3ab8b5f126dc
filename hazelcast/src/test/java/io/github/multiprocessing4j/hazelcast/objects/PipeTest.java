package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.BufferTooShortException;
import io.github.multiprocessing4j.Connection;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeTest {

    private static HazelcastInstance member;
    private static HazelcastContext ctx;

    @BeforeAll
    static void start() {
        member = ClusterTesting.member();
        ctx = ClusterTesting.context(member);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        member.shutdown();
    }

    @Test
    void aDuplexPipeCarriesObjectsAndBytesBothWays() {
        Pipe pipe = ctx.pipe(true);
        Connection a = pipe.left();
        Connection b = pipe.right();
        assertFalse(b.poll());
        a.send(List.of(1, 2.25));
        a.send(null);
        a.sendBytes(new byte[] {9, 8, 7, 6}, 1, 2);
        a.sendBytes(new byte[0]);
        assertTrue(b.poll(Duration.ofSeconds(10)));
        assertEquals(List.of(1, 2.25), b.recv());
        assertNull(b.recv());
        assertArrayEquals(new byte[] {8, 7}, b.recvBytes());
        assertArrayEquals(new byte[0], b.recvBytes());
        b.send("back");
        assertEquals("back", a.recv());
    }

    @Test
    void aOneWayPipeReceivesOnTheLeftAndSendsOnTheRight() {
        Pipe pipe = ctx.pipe(false);
        assertTrue(pipe.left().readable());
        assertFalse(pipe.left().writable());
        assertFalse(pipe.right().readable());
        assertTrue(pipe.right().writable());
        assertThrows(IllegalStateException.class, () -> pipe.left().send(1));
        assertThrows(IllegalStateException.class, () -> pipe.right().recv());
        pipe.right().send("one way");
        assertEquals("one way", pipe.left().recv());
    }

    @Test
    void aClosedPeerEndsTheStreamAfterWhatItSent() {
        Pipe pipe = ctx.pipe(true);
        pipe.right().send("last");
        pipe.right().close();
        pipe.right().close();
        assertTrue(pipe.right().closed());
        assertEquals("last", pipe.left().recv());
        assertTrue(pipe.left().poll());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> pipe.left().recv());
        assertInstanceOf(EOFException.class, e.getCause());
        assertThrows(UncheckedIOException.class, () -> pipe.left().send("nobody"));
        assertThrows(IllegalStateException.class, () -> pipe.right().send("closed"));
    }

    @Test
    void aMessageLongerThanAllowedOrTheBufferIsRefused() {
        Pipe pipe = ctx.pipe(true);
        pipe.left().sendBytes(new byte[] {1, 2, 3});
        assertThrows(UncheckedIOException.class, () -> pipe.right().recvBytes(2));
        pipe.left().sendBytes(new byte[] {1, 2, 3});
        BufferTooShortException e = assertThrows(BufferTooShortException.class, () -> pipe.right().recvBytesInto(new byte[4], 2));
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
        pipe.left().sendBytes(new byte[] {4, 5});
        byte[] buffer = new byte[4];
        assertEquals(2, pipe.right().recvBytesInto(buffer, 1));
        assertArrayEquals(new byte[] {0, 4, 5, 0}, buffer);
        assertThrows(IllegalArgumentException.class, () -> pipe.left().sendBytes(new byte[2], 1, 5));
        assertThrows(IllegalArgumentException.class, () -> pipe.right().recvBytes(-1));
    }

    @Test
    void connectionAwaitSeesAReadyClusterConnection() {
        Pipe one = ctx.pipe(true);
        Pipe two = ctx.pipe(true);
        two.right().send("x");
        assertEquals(List.of(two.left()), Connection.await(List.of(one.left(), two.left()), Duration.ofSeconds(10)));
    }

    @Test
    void aChildEchoesWhatTheParentSends() {
        Pipe pipe = ctx.pipe(true);
        Connection child = pipe.right();
        Process p = ClusterTesting.child(() -> {
            Object o;
            while ((o = child.recv()) != null) {
                child.send(o);
            }
            child.close();
        });
        try {
            pipe.left().send("hello");
            assertTrue(pipe.left().poll(Duration.ofSeconds(60)));
            assertEquals("hello", pipe.left().recv());
            pipe.left().send(null);
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode());
            assertThrows(UncheckedIOException.class, () -> pipe.left().recv());
        } finally {
            p.kill();
            p.join();
            p.close();
        }
    }
}
