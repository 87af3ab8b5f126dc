package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.multiprocessing4j.Multiprocessing.condition;
import static io.github.multiprocessing4j.Multiprocessing.lock;
import static io.github.multiprocessing4j.Multiprocessing.rawValue;
import static io.github.multiprocessing4j.Multiprocessing.semaphore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Condition (CPython's test_notify, test_notify_all, test_notify_n, test_timeout, test_waitfor*, test_wait_result). */
class ConditionTest {

    /** A waiter: counts itself sleeping, waits, counts itself woken. */
    private static SerializableRunnable waiter(Condition cond, Semaphore sleeping, Semaphore woken, Duration timeout) {
        return () -> {
            cond.acquire();
            try {
                sleeping.release();
                if (timeout == null) {
                    cond.await();
                } else {
                    cond.await(timeout);
                }
                woken.release();
            } finally {
                cond.release();
            }
        };
    }

    private static void awaitCount(Semaphore counter, int n) {
        for (int i = 0; i < n; i++) {
            assertTrue(counter.acquire(Duration.ofSeconds(30)), "only " + i + " of " + n + " arrived");
        }
    }

    private static void signal(Condition cond, int n) {
        cond.acquire();
        try {
            cond.signal(n);
        } finally {
            cond.release();
        }
    }

    /** Threads of this JVM and processes, 3 each, wait; signal(2), signal(4), signal(3) wake 2, 6, 6. */
    @Test
    void signalWakesExactlyNWaitersInProcessesAndThreads() throws Exception {
        Condition cond = condition();
        Semaphore sleeping = semaphore(0);
        Semaphore woken = semaphore(0);
        List<Process> processes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process p = new Process(waiter(cond, sleeping, woken, null));
            p.start();
            processes.add(p);
            SerializableRunnable w = waiter(cond, sleeping, woken, null);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    w.run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        awaitCount(sleeping, 6);
        Thread.sleep(200); // let them reach the wait: the count is taken holding the lock, so they are registered
        assertEquals(0, woken.getValue());
        signal(cond, 2);
        awaitCount(woken, 2);
        Thread.sleep(200);
        assertEquals(0, woken.getValue(), "exactly two woke");
        signal(cond, 4);
        awaitCount(woken, 4);
        signal(cond, 3);
        Thread.sleep(200);
        assertEquals(0, woken.getValue(), "nobody left to wake");
        for (Process p : processes) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Test
    void timedWaitersTimeOutThenSignalAllWakesUntimedOnes() throws Exception {
        Condition cond = condition();
        Semaphore sleeping = semaphore(0);
        Semaphore woken = semaphore(0);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SerializableRunnable w = waiter(cond, sleeping, woken, Duration.ofMillis(100));
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    w.run();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        awaitCount(sleeping, 3);
        awaitCount(woken, 3); // all timed out
        Process p1 = new Process(waiter(cond, sleeping, woken, null));
        Process p2 = new Process(waiter(cond, sleeping, woken, null));
        p1.start();
        p2.start();
        awaitCount(sleeping, 2);
        Thread.sleep(200);
        assertEquals(0, woken.getValue());
        cond.acquire();
        cond.signalAll();
        cond.release();
        awaitCount(woken, 2);
        p1.join();
        p2.join();
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Test
    void awaitTimesOutAndNeedsTheLock() {
        Condition cond = condition();
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, cond::await);
        assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
        assertThrows(IllegalMonitorStateException.class, cond::signal);
        cond.acquire();
        cond.acquire(); // recursive: await releases both levels
        long t0 = System.nanoTime();
        assertFalse(cond.await(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= 100_000_000L);
        assertFalse(cond.await(Duration.ZERO));
        cond.signal(); // nobody waits: nothing happens
        cond.release();
        cond.release();
        assertThrows(IllegalArgumentException.class, () -> {
            cond.acquire();
            try {
                cond.signal(-1);
            } finally {
                cond.release();
            }
        });
    }

    @Test
    void waitForAChildToDriveTheState() throws Exception {
        Condition cond = condition();
        Value state = rawValue('i', 0);
        Process p = new Process(() -> {
            for (int i = 1; i <= 4; i++) {
                Thread.sleep(20);
                cond.acquire();
                try {
                    state.setInt(i);
                    cond.signalAll();
                } finally {
                    cond.release();
                }
            }
        });
        cond.acquire();
        try {
            assertFalse(cond.waitFor(() -> state.getInt() == 4, Duration.ofMillis(50)), "nobody drives it yet");
            p.start();
            assertTrue(cond.waitFor(() -> state.getInt() >= 2, Duration.ofSeconds(30)));
            assertTrue(cond.waitFor(() -> state.getInt() == 4));
            assertEquals(4, state.getInt());
        } finally {
            cond.release();
        }
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void aConditionOverAPlainLockAndAWaitResultTrueWhenSignalledByAChild() throws Exception {
        Lock lock = lock();
        Condition cond = condition(lock);
        Semaphore ready = semaphore(0);
        Process p = new Process(() -> {
            ready.acquire();
            cond.acquire();
            try {
                cond.signal();
            } finally {
                cond.release();
            }
        });
        p.start();
        cond.acquire();
        try {
            assertFalse(cond.await(Duration.ZERO));
            ready.release(); // the child signals once it gets the lock, which await gives up
            assertTrue(cond.await(Duration.ofSeconds(30)));
            assertTrue(lock.locked(), "await returns holding the lock");
        } finally {
            cond.release();
        }
        p.join();
        assertEquals(0, p.exitCode());
        assertThrows(IllegalArgumentException.class, () -> condition(new Lock() {
            public boolean acquire() { return true; }
            public boolean acquire(boolean block) { return true; }
            public boolean acquire(Duration timeout) { return true; }
            public void release() { }
            public boolean locked() { return false; }
            public boolean ownerDied() { return false; }
        }));
    }

    /** Test_wait_result's interrupt: the wait ends with an exception, holding the lock again. */
    @Test
    void anInterruptedAwaitThrowsHoldingTheLock() throws Exception {
        Condition cond = condition();
        java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
        Semaphore waiting = semaphore(0);
        Thread t = Thread.ofPlatform().start(() -> {
            cond.acquire();
            try {
                waiting.release();
                cond.await(Duration.ofSeconds(60));
                seen.set("returned");
            } catch (ProcessException e) {
                seen.set("interrupted, flag " + Thread.currentThread().isInterrupted()
                        + ", holding " + ((RLock) ((SharedCondition) cond).lock()).isHeldByCurrentThread());
            } finally {
                cond.release();
            }
        });
        assertTrue(waiting.acquire(Duration.ofSeconds(10)));
        Thread.sleep(100);
        t.interrupt();
        t.join(10_000);
        assertEquals("interrupted, flag true, holding true", seen.get());
        cond.acquire();
        cond.release();
    }

    /** A bounded buffer on one Condition: two producer and two consumer processes, nothing lost or doubled. */
    @Test
    void producersAndConsumersOverAConditionLoseNothing() throws Exception {
        int perProducer = 2_000;
        Condition cond = condition();
        Array buffer = Multiprocessing.rawArray('i', 4);
        Value count = rawValue('i', 0);
        Value putAt = rawValue('i', 0);
        Value takeAt = rawValue('i', 0);
        Value sum = rawValue('q', 0);
        Value taken = rawValue('i', 0);
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int first = k * perProducer + 1;
            ps.add(new Process(() -> {
                for (int x = first; x < first + perProducer; x++) {
                    cond.acquire();
                    try {
                        if (!cond.waitFor(() -> count.getInt() < 4, Duration.ofSeconds(30))) {
                            throw new IllegalStateException("no room for 30 s");
                        }
                        buffer.setInt(putAt.getInt(), x);
                        putAt.setInt((putAt.getInt() + 1) % 4);
                        count.setInt(count.getInt() + 1);
                        cond.signalAll();
                    } finally {
                        cond.release();
                    }
                }
            }));
            ps.add(new Process(() -> {
                for (int n = 0; n < perProducer; n++) {
                    cond.acquire();
                    try {
                        if (!cond.waitFor(() -> count.getInt() > 0, Duration.ofSeconds(30))) {
                            throw new IllegalStateException("nothing to take for 30 s");
                        }
                        sum.addAndGet(buffer.getInt(takeAt.getInt()));
                        takeAt.setInt((takeAt.getInt() + 1) % 4);
                        count.setInt(count.getInt() - 1);
                        taken.incrementAndGet();
                        cond.signalAll();
                    } finally {
                        cond.release();
                    }
                }
            }));
        }
        ps.forEach(Process::start);
        for (Process p : ps) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        long n = 2L * perProducer;
        assertEquals(n, taken.getInt());
        assertEquals(n * (n + 1) / 2, sum.getLong(), "every item taken exactly once");
        assertEquals(0, count.getInt());
    }
}
