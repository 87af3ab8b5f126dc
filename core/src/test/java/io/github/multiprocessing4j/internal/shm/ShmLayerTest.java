package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.testing.JavaProgram;
import io.github.multiprocessing4j.testing.programs.NoNativeAccessProgram;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared-memory layer: segments, futex waits, the robust lock (also across JVMs). */
class ShmLayerTest {

    @Test
    void aSegmentIsARunFileWithMode0600AndAValidatedHeader() throws Exception {
        Segment s = Segment.create("test", 24, body -> Words.setLong(body, 8, 42));
        Path file = Path.of(s.path());
        assertTrue(file.getFileName().toString().startsWith("mp4j-" + RunDirectory.get().runId() + "-test-"), file.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(SegmentDescriptor.HEADER_SIZE + 24, Files.size(file));
        assertEquals(24, s.bodySize());
        assertSame(s, Segment.attach(s.path(), "test"), "one mapping per JVM");
        assertEquals(42, Words.getLong(s.body(), 8));
        IllegalStateException wrongKind = assertThrows(IllegalStateException.class, () -> Segment.attach(s.path(), "other"));
        assertTrue(wrongKind.getMessage().contains("holds a test, not a other"), wrongKind.getMessage());
        s.unlink();
        assertFalse(Files.exists(file));
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> Segment.attach(file + "x", "test"));
        assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Segment.create("Bad-Kind", 8, b -> { }));
        assertThrows(IllegalArgumentException.class, () -> Segment.create("test", -1, b -> { }));
    }

    @Test
    void attachingRefusesFilesThatAreNotSegmentsOfThisLayout() throws Exception {
        String prefix = "/dev/shm/mp4j-" + RunDirectory.get().runId() + "-test-bad";
        Path tooShort = Path.of(prefix + "1");
        Path notOurs = Path.of(prefix + "2");
        Path otherVersion = Path.of(prefix + "3");
        try {
            Files.write(tooShort, new byte[10]);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Segment.attach(tooShort.toString(), "test"));
            assertTrue(e.getMessage().contains("too short"), e.getMessage());

            byte[] header = new byte[SegmentDescriptor.HEADER_SIZE + 8];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.nativeOrder());
            b.putLong(0, 0x1234L).putInt((int) SegmentDescriptor.READY_OFFSET, 1);
            Files.write(notOurs, header);
            e = assertThrows(IllegalStateException.class, () -> Segment.attach(notOurs.toString(), "test"));
            assertTrue(e.getMessage().contains("is not a multiprocessing4j shared-memory segment"), e.getMessage());

            b.putLong(0, SegmentDescriptor.MAGIC).putInt((int) SegmentDescriptor.VERSION_OFFSET, 999);
            Files.write(otherVersion, header);
            e = assertThrows(IllegalStateException.class, () -> Segment.attach(otherVersion.toString(), "test"));
            assertTrue(e.getMessage().contains("layout version 999") && e.getMessage().contains("same multiprocessing4j version"),
                    e.getMessage());
        } finally {
            Files.deleteIfExists(tooShort);
            Files.deleteIfExists(notOurs);
            Files.deleteIfExists(otherVersion);
        }
    }

    @Test
    void smallObjectsArePackedIntoHeapSegmentsAndCheckedOnAttach() throws Exception {
        SharedHeap.Block a = SharedHeap.allocate("test", 12, m -> Words.setInt(m, 8, 7));
        SharedHeap.Block b = SharedHeap.allocate("test", 12, m -> { });
        if (a.segment() == b.segment()) {
            assertTrue(b.offset() >= a.offset() + 64 && b.offset() % 64 == 0, a.offset() + " then " + b.offset());
        }
        SharedHeap.Block again = SharedHeap.attach(a.segment().path(), a.offset(), "test");
        assertEquals(7, Words.getInt(again.memory(), 8));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SharedHeap.attach(a.segment().path(), a.offset(), "lock"));
        assertTrue(e.getMessage().contains("holds a test, not a lock"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> SharedHeap.attach(a.segment().path(), a.offset() + 8, "test"));
        assertTrue(e.getMessage().contains("no block at offset"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> SharedHeap.attach(a.segment().path(), SharedHeap.ARENA_SIZE - 64, "test"));
        assertTrue(e.getMessage().contains("holds nothing"), e.getMessage());

        SharedHeap.Block big = SharedHeap.allocate("test", 100_000, m -> Words.setLong(m, 99_992, 42));
        assertEquals(0, big.offset(), "a big block has a segment of its own");
        assertEquals(42, Words.getLong(SharedHeap.attach(big.segment().path(), 0, "test").memory(), 99_992));
        big.segment().unlink();

        java.util.Set<String> files = new java.util.HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            files.add(SharedHeap.allocate("test", RobustLock.SIZE, m -> { }).segment().path());
        }
        assertTrue(files.size() <= 25, "20,000 locks take a few files, not 20,000: " + files.size());
    }

    @Test
    void futexWaitsUntilWokenAndTimesOut() throws Exception {
        Segment s = Segment.create("test", 64, b -> { });
        MemorySegment m = s.body();
        long t0 = System.nanoTime();
        assertFalse(Futex.await(m, 0, 4, 0, Futex.deadline(50_000_000L)));
        assertTrue(System.nanoTime() - t0 >= 50_000_000L);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean saw = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                while (Words.getInt(m, 0) == 0) {
                    Futex.await(m, 0, 4, 0, Futex.FOREVER);
                }
                saw.set(true);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        started.await();
        Thread.sleep(50);
        Words.setInt(m, 0, 1);
        Futex.wake(m, 0, 4, Integer.MAX_VALUE);
        waiter.join(5_000);
        assertTrue(saw.get());
        assertEquals(0, Words.getInt(m, 4), "the waiter unregistered");
        s.unlink();
    }

    @Test
    void virtualThreadsParkInsteadOfHoldingTheirCarrierInAFutexWait() throws Exception {
        Segment s = Segment.create("test", 64, b -> { });
        MemorySegment m = s.body();
        AtomicBoolean virtualParks = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().start(() -> {
            virtualParks.set(Waiter.forCurrentThread().strategy().equals("park"));
            try {
                while (Words.getInt(m, 0) == 0) {
                    Futex.await(m, 0, 4, 0, Futex.deadline(30_000_000_000L));
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(50);
        Words.setInt(m, 0, 1);
        Futex.wake(m, 0, 4, Integer.MAX_VALUE);
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertTrue(virtualParks.get());
        s.unlink();
    }

    @Test
    void robustLockBasics() throws Exception {
        Segment s = Segment.create("test", RobustLock.SIZE, b -> { });
        RobustLock lock = new RobustLock(s.body(), 0, "lock");
        assertTrue(lock.tryAcquire());
        assertTrue(lock.isLocked());
        assertTrue(lock.isHeldByCurrentThread());
        assertFalse(lock.tryAcquire());
        assertFalse(lock.acquire(Futex.deadline(20_000_000L)));
        lock.release();
        assertThrows(IllegalStateException.class, lock::release);
        assertTrue(lock.acquireRecursive(Futex.FOREVER));
        assertTrue(lock.acquireRecursive(Futex.FOREVER));
        assertEquals(2, lock.holdCount());
        Thread other = Thread.ofPlatform().start(() -> assertThrows(IllegalMonitorStateException.class, lock::releaseRecursive));
        other.join();
        assertEquals(2, lock.releaseFully());
        assertFalse(lock.isLocked());
        lock.restore(2);
        lock.releaseRecursive();
        lock.releaseRecursive();
        assertFalse(lock.isLocked());
        s.unlink();
    }

    @Test
    void aLockWhoseOwnerIsKilledGoesToTheNextAcquirerWithOwnerDied() throws Exception {
        try (Capture io = new Capture()) {
            Segment s = Segment.create("test", 64, b -> { });
            RobustLock lock = new RobustLock(s.body(), 0, "the test's lock");
            try (JavaProgram holder = JavaProgram.start(LockHolderProgram.class, s.path(), "test", "0")) {
                assertEquals("held", holder.nextLine());
                assertEquals(holder.process().pid(), lock.ownerPid());
                assertFalse(lock.tryAcquire());
                holder.process().toHandle().destroyForcibly();
                holder.process().waitFor(); // dead and reaped: its pid names no process
                Thread.sleep(20); // past the 10 ms for which the failed try above believes the owner alive
                assertTrue(lock.acquire(Futex.deadline(1_000_000L)),
                        "even a try shorter than the liveness period takes over from a dead owner");
                assertTrue(lock.ownerDied());
                assertTrue(lock.isHeldByCurrentThread());
                lock.release();
                assertFalse(lock.ownerDied(), "release clears the flag");
            } finally {
                s.unlink();
            }
            assertTrue(io.err().contains("the test's lock was held by process"), io.err());
        }
    }

    /** Without native access: parking, no JDK warning, and it interoperates with a futex child. */
    @Test
    void withoutNativeAccessTheLibraryParksAndPrintsNoWarning() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NoNativeAccessProgram.class.getName());
        java.lang.Process program = new ProcessBuilder(command).start();
        String out;
        String err;
        try {
            program.getOutputStream().close();
            var errBytes = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(program.getErrorStream().readAllBytes());
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            out = new String(program.getInputStream().readAllBytes());
            assertTrue(program.waitFor(60, TimeUnit.SECONDS));
            err = errBytes.get(10, TimeUnit.SECONDS);
        } finally {
            program.destroyForcibly();
        }
        assertEquals(List.of("strategy=park", "answered=true", "pollers marked=true", "exit=0"), out.lines().toList(), "stderr: " + err);
        assertFalse(err.contains("restricted method"), err);
        assertTrue(err.contains("short parks instead of futex"), "said once through System.Logger: " + err);
        assertEquals(1, err.split("short parks instead of futex", -1).length - 1, err);
    }
}
