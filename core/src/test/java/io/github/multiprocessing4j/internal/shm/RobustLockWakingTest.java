package io.github.multiprocessing4j.internal.shm;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The robust lock's waiting: sleepers that leave the waiters count after each sleep, and the
 * "waking" mark that spares a looping owner a wake call per release.
 */
class RobustLockWakingTest {

    @Test
    void aSleeperIsWokenByTheReleaseAndLeavesTheCounts() throws Exception {
        Segment s = Segment.create("test", RobustLock.SIZE, b -> { });
        RobustLock lock = new RobustLock(s.body(), 0, "lock");
        try {
            assertTrue(lock.tryAcquire());
            AtomicBoolean got = new AtomicBoolean();
            Thread waiter = takeAndRelease(lock, got);
            awaitSleeper(s);
            lock.release();
            waiter.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(waiter.isAlive());
            assertTrue(got.get());
            assertEquals(0, Words.getInt(s.body(), RobustLock.WAITERS), "no sleeper left registered");
            assertEquals(0, Words.getInt(s.body(), RobustLock.WAKING), "the wake-up was used up");
        } finally {
            s.unlink();
        }
    }

    /** A mark left by a wake whose sleeper never ran (killed, say) does not keep the next sleepers waiting long. */
    @Test
    void aWakingMarkNobodyUsesUpHoldsNoSleeperBack() throws Exception {
        Segment s = Segment.create("test", RobustLock.SIZE, b -> { });
        RobustLock lock = new RobustLock(s.body(), 0, "lock");
        try {
            for (int round = 0; round < 3; round++) {
                assertTrue(lock.tryAcquire());
                Words.setInt(s.body(), RobustLock.WAKING, (int) (System.nanoTime() >>> 10) | 1); // a fresh mark
                AtomicBoolean got = new AtomicBoolean();
                Thread waiter = takeAndRelease(lock, got);
                awaitSleeper(s);
                lock.release(); // finds the fresh mark: no wake call; the sleeper's slice ends, or a later release wakes it
                waiter.join(TimeUnit.SECONDS.toMillis(10));
                assertFalse(waiter.isAlive(), "the sleeper got the lock");
                assertTrue(got.get());
            }
        } finally {
            s.unlink();
        }
    }

    @Test
    void threadsThatHoldTheLockLongerLoseNoWakeUp() throws Exception {
        Segment s = Segment.create("test", RobustLock.SIZE, b -> { });
        RobustLock lock = new RobustLock(s.body(), 0, "lock");
        int threads = 4;
        int each = 5_000;
        AtomicInteger inside = new AtomicInteger();
        int[] counter = new int[1];
        try {
            Thread[] all = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                all[t] = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            lock.acquire(Futex.FOREVER);
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                        try {
                            assertEquals(1, inside.incrementAndGet(), "mutual exclusion");
                            counter[0]++;
                            if (i % 500 == 0) {
                                LockSupport.parkNanos(200_000); // long enough for the others to fall asleep
                            }
                            inside.decrementAndGet();
                        } finally {
                            lock.release();
                        }
                    }
                });
            }
            for (Thread t : all) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(t.isAlive(), "a thread is stuck waiting for the lock");
            }
            assertEquals(threads * each, counter[0]);
            assertFalse(lock.isLocked());
            assertEquals(0, Words.getInt(s.body(), RobustLock.WAITERS));
        } finally {
            s.unlink();
        }
    }

    /** Starts a thread that takes the lock (waiting as long as it takes), notes that, and releases it. */
    private static Thread takeAndRelease(RobustLock lock, AtomicBoolean got) {
        return Thread.ofPlatform().start(() -> {
            try {
                got.set(lock.acquire(Futex.FOREVER));
                lock.release();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void awaitSleeper(Segment s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Words.getInt(s.body(), RobustLock.WAITERS) == 0) {
            assertTrue(System.nanoTime() < deadline, "the waiter never went to sleep");
            Thread.sleep(1);
        }
        Thread.sleep(5); // from registered to asleep in the kernel: a moment
    }
}
