package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ProcessException;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockTest {

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
    void aLockExcludesOtherThreadsUntilReleased() throws Exception {
        Lock lock = ctx.lock();
        assertFalse(lock.locked());
        assertTrue(lock.acquire());
        assertTrue(lock.locked());
        assertFalse(CompletableFuture.supplyAsync(() -> lock.acquire(false)).get(10, TimeUnit.SECONDS));
        lock.release();
        assertFalse(lock.locked());
        assertTrue(CompletableFuture.supplyAsync(() -> lock.acquire(Duration.ofSeconds(10))).get(20, TimeUnit.SECONDS));
        lock.release(); // any thread may release a Lock
        assertFalse(lock.locked());
    }

    @Test
    void aLockIsNotReentrant() {
        Lock lock = ctx.lock();
        lock.acquire();
        try {
            assertFalse(lock.acquire(false));
            assertFalse(lock.acquire(Duration.ofMillis(50)));
        } finally {
            lock.release();
        }
    }

    @Test
    void locksPrintAsLocalLocksDo() {
        Lock lock = ctx.lock();
        assertEquals("Lock(owner=None)", lock.toString());
        RLock rLock = ctx.rLock();
        assertEquals("RLock(None, 0)", rLock.toString());
        rLock.acquire();
        rLock.acquire();
        assertTrue(rLock.toString().matches("RLock\\(thread \\d+ of Hazelcast endpoint .+, 2\\)"), rLock.toString());
        rLock.release();
        rLock.release();
    }

    @Test
    void releasingAnUnlockedLockThrows() {
        Lock lock = ctx.lock();
        assertThrows(IllegalStateException.class, lock::release);
        lock.acquire();
        lock.release();
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void anRLockCountsItsHoldsAndOnlyItsOwnerMayRelease() throws Exception {
        RLock lock = ctx.rLock();
        lock.acquire();
        lock.acquire();
        assertEquals(2, lock.getHoldCount());
        assertTrue(lock.isHeldByCurrentThread());
        Throwable e = CompletableFuture.supplyAsync(() -> {
            try {
                lock.release();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof IllegalMonitorStateException, String.valueOf(e));
        assertFalse(CompletableFuture.supplyAsync(() -> lock.isHeldByCurrentThread()).get(10, TimeUnit.SECONDS));
        lock.release();
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked());
        assertEquals(0, lock.getHoldCount());
        assertThrows(IllegalMonitorStateException.class, lock::release);
    }

    @Test
    void anInterruptedAcquireThrowsProcessExceptionAndRestoresTheFlag() throws Exception {
        Lock lock = ctx.lock();
        lock.acquire();
        try {
            Boolean flagged = CompletableFuture.supplyAsync(() -> {
                Thread.currentThread().interrupt();
                try {
                    lock.acquire();
                    return false;
                } catch (ProcessException e) {
                    return Thread.interrupted() && e.getCause() instanceof InterruptedException;
                }
            }).get(10, TimeUnit.SECONDS);
            assertTrue(flagged);
        } finally {
            lock.release();
        }
    }

    @Test
    void aTimedAcquireReturnsFalseWithinItsTimeout() {
        Lock lock = ctx.lock();
        lock.acquire();
        try {
            long start = System.nanoTime();
            Boolean got = CompletableFuture.supplyAsync(() -> lock.acquire(Duration.ofMillis(100))).join();
            assertFalse(got);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        } finally {
            lock.release();
        }
    }

    @Test
    void aLockHeldByAKilledChildIsTakenOverAndReportsOwnerDied() {
        Lock lock = ctx.lock();
        Event held = ctx.event();
        Process p = ClusterTesting.child(() -> {
            lock.acquire();
            held.set();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<LogRecord> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger("io.github.multiprocessing4j");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (warnings) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // the member warns when it cleans up the killed child's client: captured too
        Logger hazelcast = Logger.getLogger("com.hazelcast");
        logger.addHandler(capture);
        hazelcast.addHandler(capture);
        boolean parents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        hazelcast.setUseParentHandlers(false);
        try {
            assertTrue(held.await(Duration.ofSeconds(60)), "the child took the lock");
            assertTrue(lock.locked());
            p.kill();
            p.join();
            assertTrue(lock.acquire(Duration.ofSeconds(60)), "Hazelcast freed the dead client's lock");
            assertTrue(lock.ownerDied());
            lock.release();
            assertFalse(lock.ownerDied());
            synchronized (warnings) {
                List<LogRecord> ours = warnings.stream().filter(r -> r.getLoggerName().equals(logger.getName())).toList();
                assertEquals(1, ours.size());
                assertEquals(Level.WARNING, ours.get(0).getLevel());
                assertTrue(ours.get(0).getMessage().contains("died"), ours.get(0).getMessage());
            }
        } finally {
            logger.removeHandler(capture);
            hazelcast.removeHandler(capture);
            logger.setUseParentHandlers(parents);
            hazelcast.setUseParentHandlers(true);
            p.kill();
            p.join();
            p.close();
        }
    }
}
