package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.Capture;
import io.github.multiprocessing4j.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.multiprocessing4j.Multiprocessing.event;
import static io.github.multiprocessing4j.Multiprocessing.lock;
import static io.github.multiprocessing4j.Multiprocessing.rLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lock and RLock (CPython's test_lock, test_lock_context, test_rlock, test_repr_*), across processes, robust. */
class LockTest {

    @Test
    void lockAcquireReleaseAsCPython() {
        Lock lock = lock();
        assertFalse(lock.locked());
        assertTrue(lock.acquire());
        assertTrue(lock.locked());
        assertFalse(lock.acquire(false));
        assertFalse(lock.acquire(Duration.ofMillis(50)), "non-recursive: the holder itself waits");
        assertFalse(lock.acquire(Duration.ZERO));
        lock.release();
        assertFalse(lock.locked());
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().contains("unlocked"), e.getMessage());
        try (var held = lock.acquired()) {
            assertTrue(lock.locked());
        }
        assertFalse(lock.locked());
        assertThrows(NullPointerException.class, () -> lock.acquire((Duration) null));
    }

    @Test
    void anyThreadMayReleaseAPlainLock() throws Exception {
        Lock lock = lock();
        lock.acquire();
        Thread t = Thread.ofPlatform().start(lock::release);
        t.join();
        assertFalse(lock.locked());
    }

    @Test
    void reprSaysWhoHoldsIt() throws Exception {
        Lock lock = lock();
        assertEquals("Lock(owner=None)", lock.toString());
        lock.acquire();
        assertEquals("Lock(owner=this thread)", lock.toString());
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> seen.set(lock.toString()));
        t.join();
        assertTrue(seen.get().startsWith("Lock(owner=thread "), seen.get());
        lock.release();
        RLock r = rLock();
        assertEquals("RLock(None, 0)", r.toString());
        r.acquire();
        r.acquire();
        r.acquire();
        assertEquals("RLock(this thread, 3)", r.toString());
        r.release();
        r.release();
        r.release();
    }

    @Test
    void rLockIsRecursiveAndOwned() throws Exception {
        RLock lock = rLock();
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        assertEquals(3, lock.getHoldCount());
        assertTrue(lock.isHeldByCurrentThread());
        lock.release();
        assertTrue(lock.locked());
        AtomicReference<Throwable> fromOther = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            assertFalse(lock.acquire(false));
            assertEquals(0, lock.getHoldCount());
            try {
                lock.release();
            } catch (Throwable e) {
                fromOther.set(e);
            }
        });
        t.join();
        assertTrue(fromOther.get() instanceof IllegalMonitorStateException, String.valueOf(fromOther.get()));
        assertTrue(fromOther.get().getMessage().contains("another thread of this process holds it"), fromOther.get().getMessage());
        assertEquals(2, lock.getHoldCount(), "the failed release changed nothing");
        lock.release();
        lock.release();
        assertFalse(lock.locked());
        assertThrows(IllegalMonitorStateException.class, lock::release);
        try (var held = lock.acquired()) {
            assertTrue(lock.isHeldByCurrentThread());
        }
        assertFalse(lock.locked());
    }

    @Test
    void aLockHeldByAChildIsLockedInTheParentAndReleasedByIt() throws Exception {
        Lock lock = lock();
        RLock rlock = rLock();
        Event held = event();
        Event done = event();
        Process p = new Process(() -> {
            lock.acquire();
            rlock.acquire();
            held.set();
            done.await(Duration.ofSeconds(30));
            rlock.release();
        });
        p.start();
        assertTrue(held.await(Duration.ofSeconds(30)));
        assertTrue(lock.locked());
        assertTrue(rlock.locked());
        assertTrue(lock.toString().startsWith("Lock(owner=process " + p.pid()), lock.toString());
        assertTrue(rlock.toString().startsWith("RLock(process " + p.pid() + ", 1"), rlock.toString());
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, rlock::release);
        assertTrue(e.getMessage().contains("process " + p.pid() + " holds it"), e.getMessage());
        assertFalse(lock.acquire(false));
        lock.release(); // a plain Lock may be released by anyone, as in Python
        assertTrue(lock.acquire(Duration.ofSeconds(5)));
        lock.release();
        done.set();
        p.join();
        assertEquals(0, p.exitCode());
        assertFalse(rlock.locked());
    }

    /** Shared objects travel on: a child passes the parent's lock and value to its own child. */
    @Test
    void aGrandchildUsesTheSameLockAndValue() throws Exception {
        Lock lock = lock();
        Value counter = Multiprocessing.rawValue('i', 0);
        Process child = new Process(() -> {
            Process grandchild = new Process(() -> {
                for (int i = 0; i < 1000; i++) {
                    try (var held = lock.acquired()) {
                        counter.setInt(counter.getInt() + 1);
                    }
                }
            });
            grandchild.start();
            for (int i = 0; i < 1000; i++) {
                try (var held = lock.acquired()) {
                    counter.setInt(counter.getInt() + 1);
                }
            }
            grandchild.join();
            if (grandchild.exitCode() != 0) {
                throw new IllegalStateException("the grandchild failed: " + grandchild.exitCode());
            }
        });
        child.start();
        for (int i = 0; i < 1000; i++) {
            try (var held = lock.acquired()) {
                counter.setInt(counter.getInt() + 1);
            }
        }
        child.join();
        assertEquals(0, child.exitCode());
        assertEquals(3000, counter.getInt());
    }

    @Test
    void aLockAndAnRLockWhoseHolderIsKilledGoToTheNextAcquirer() throws Exception {
        try (Capture io = new Capture()) {
            Lock lock = lock();
            RLock rlock = rLock();
            Event held = event();
            Process p = new Process(() -> {
                lock.acquire();
                rlock.acquire();
                rlock.acquire();
                held.set();
                Thread.sleep(60_000);
            });
            p.start();
            assertTrue(held.await(Duration.ofSeconds(30)));
            p.kill();
            assertTrue(lock.acquire(Duration.ofSeconds(20)), "the lock of a killed owner is taken over");
            assertTrue(lock.ownerDied(), "and the taker is told");
            assertTrue(rlock.acquire(Duration.ofSeconds(20)));
            assertTrue(rlock.ownerDied());
            assertEquals(1, rlock.getHoldCount(), "the dead owner's hold count is gone");
            lock.release();
            rlock.release();
            assertFalse(lock.ownerDied());
            assertFalse(rlock.locked());
            p.join();
            assertEquals(-9, p.exitCode());
            assertTrue(io.err().contains("WARNING: multiprocessing4j: Lock ") && io.err().contains("WARNING: multiprocessing4j: RLock "), io.err());
            assertTrue(io.err().contains("which died; process " + ProcessHandle.current().pid() + " has taken it over"), io.err());
        }
    }

    @Test
    void aWaiterIsNotWokenByTheDeathOfAnotherWaiter() throws Exception {
        Lock lock = lock();
        lock.acquire();
        Event waiting = event();
        Process p = new Process(() -> {
            waiting.set();
            lock.acquire();
        });
        p.start();
        assertTrue(waiting.await(Duration.ofSeconds(30)));
        Thread.sleep(200);
        p.kill();
        p.join();
        assertTrue(lock.locked(), "a dead waiter takes nothing");
        assertFalse(lock.ownerDied());
        lock.release();
    }

    @Test
    void anInterruptedAcquireThrowsAndKeepsTheFlag() throws Exception {
        Lock lock = lock();
        lock.acquire();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                lock.acquire();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        Await.until("the thread to wait", 10, () -> t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.TIMED_WAITING);
        Thread.sleep(100);
        t.interrupt();
        t.join(10_000);
        assertTrue(thrown.get() instanceof ProcessException, String.valueOf(thrown.get()));
        assertTrue(flag.get());
        assertTrue(lock.locked());
        lock.release();
    }
}
