package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Barrier;
import io.github.multiprocessing4j.BarrierBrokenException;
import io.github.multiprocessing4j.Condition;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ProcessException;
import io.github.multiprocessing4j.Semaphore;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncTest {

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
    void aSemaphoreGivesOutItsPermitsThenWaits() {
        Semaphore s = ctx.semaphore(2);
        assertTrue(s.acquire());
        assertTrue(s.acquire(false));
        assertFalse(s.acquire(false));
        assertFalse(s.acquire(Duration.ofMillis(50)));
        assertEquals(0, s.getValue());
        s.release();
        s.release();
        s.release(); // a plain semaphore grows
        assertEquals(3, s.getValue());
        assertThrows(IllegalArgumentException.class, () -> ctx.semaphore(-1));
    }

    @Test
    void aBoundedSemaphoreRefusesToGoAboveItsStartValue() {
        Semaphore s = ctx.boundedSemaphore(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
        assertEquals(1, s.getValue());
        try (var held = s.acquired()) {
            assertEquals(0, s.getValue());
        }
        assertEquals(1, s.getValue());
    }

    @Test
    void anInterruptedSemaphoreAcquireThrowsProcessException() throws Exception {
        Semaphore s = ctx.semaphore(0);
        assertTrue(CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().interrupt();
            try {
                s.acquire();
                return false;
            } catch (ProcessException e) {
                return Thread.interrupted();
            }
        }).get(10, TimeUnit.SECONDS));
    }

    @Test
    void anEventWakesItsWaiters() throws Exception {
        Event e = ctx.event();
        assertFalse(e.isSet());
        assertFalse(e.await(Duration.ofMillis(30)));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> e.await(Duration.ofSeconds(10)));
        e.set();
        assertTrue(waiter.get(20, TimeUnit.SECONDS));
        assertTrue(e.await());
        e.clear();
        assertFalse(e.isSet());
    }

    @Test
    void aSetFollowedAtOnceByAClearStillWakesTheWaiters() throws Exception {
        Event e = ctx.event();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> e.await(Duration.ofSeconds(30)));
        // set and clear again and again: the flag is up for one round trip only, which a waiter that
        // only looked at the flag would almost never see; one that started waiting before a set must wake
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!waiter.isDone() && System.nanoTime() < until) {
            e.set();
            e.clear();
            Thread.sleep(20);
        }
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        assertFalse(e.isSet());
    }

    @Test
    void aConditionWakesASignalledWaiterWithTheLockHeldAgain() throws Exception {
        Condition c = ctx.condition();
        Value state = ctx.rawValue('i', 0);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            c.acquire();
            try {
                return c.waitFor(() -> state.getInt() == 1, Duration.ofSeconds(20));
            } finally {
                c.release();
            }
        });
        Thread.sleep(100);
        c.acquire();
        try {
            state.setInt(1);
            c.signalAll();
        } finally {
            c.release();
        }
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aConditionWaitTimesOutAndTheLockIsHeldAgain() {
        Lock lock = ctx.lock();
        Condition c = ctx.condition(lock);
        c.acquire();
        try {
            assertFalse(c.await(Duration.ofMillis(50)));
            assertTrue(lock.locked());
            assertFalse(lock.acquire(false));
        } finally {
            c.release();
        }
    }

    @Test
    void aSignalWithoutTheLockThrowsIllegalMonitorState() {
        Condition c = ctx.condition();
        assertThrows(IllegalMonitorStateException.class, c::signal);
        assertThrows(IllegalMonitorStateException.class, () -> c.await(Duration.ofMillis(10)));
        c.acquire();
        try {
            assertThrows(IllegalArgumentException.class, () -> c.signal(-1));
        } finally {
            c.release();
        }
    }

    @Test
    void aConditionRefusesALockThatIsNotTheClusters() {
        assertThrows(IllegalArgumentException.class, () -> ctx.condition(io.github.multiprocessing4j.Multiprocessing.lock()));
    }

    @Test
    void aBarrierReleasesAllPartiesWithTheirArrivalIndexes() throws Exception {
        Value actions = ctx.value('i', 0);
        Barrier b = ctx.barrier(3, () -> actions.incrementAndGet());
        assertEquals(3, b.getParties());
        List<CompletableFuture<Integer>> parties = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parties.add(CompletableFuture.supplyAsync(() -> b.await(Duration.ofSeconds(20))));
        }
        Set<Integer> indexes = new TreeSet<>();
        for (var p : parties) {
            indexes.add(p.get(30, TimeUnit.SECONDS));
        }
        assertEquals(Set.of(0, 1, 2), indexes);
        assertEquals(1, actions.getInt());
        assertEquals(0, b.getNumberWaiting());
        assertFalse(b.isBroken());
    }

    @Test
    void aBarrierBreaksWhenAWaitTimesOutUntilReset() {
        Barrier b = ctx.barrier(2);
        BarrierBrokenException e = assertThrows(BarrierBrokenException.class, () -> b.await(Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(b.isBroken());
        assertThrows(BarrierBrokenException.class, b::await);
        b.reset();
        assertFalse(b.isBroken());
        b.abort();
        assertThrows(BarrierBrokenException.class, b::await);
        assertThrows(IllegalArgumentException.class, () -> ctx.barrier(0));
    }

    @Test
    void aBarrierWhoseActionFailsIsBroken() {
        Barrier b = ctx.barrier(1, () -> {
            throw new IllegalStateException("boom");
        });
        BarrierBrokenException e = assertThrows(BarrierBrokenException.class, b::await);
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertTrue(b.isBroken());
    }

    @Test
    void anInterruptedConditionWaitThrowsWithTheLockHeldAgain() throws Exception {
        io.github.multiprocessing4j.RLock lock = ctx.rLock();
        Condition c = ctx.condition(lock);
        assertTrue(CompletableFuture.supplyAsync(() -> {
            lock.acquire();
            lock.acquire();
            try {
                Thread.currentThread().interrupt();
                c.await(Duration.ofSeconds(20));
                return false;
            } catch (ProcessException e) {
                return Thread.interrupted() && lock.getHoldCount() == 2;
            } finally {
                lock.release();
                lock.release();
            }
        }).get(30, TimeUnit.SECONDS));
        assertFalse(lock.locked());
    }

    @Test
    void anInterruptedBarrierWaitBreaksTheBarrier() throws Exception {
        Barrier b = ctx.barrier(2);
        assertTrue(CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().interrupt();
            try {
                b.await(Duration.ofSeconds(20));
                return false;
            } catch (ProcessException e) {
                return Thread.interrupted() && !(e instanceof BarrierBrokenException);
            }
        }).get(30, TimeUnit.SECONDS));
        assertTrue(b.isBroken());
    }

    @Test
    void aResetReleasesWaitingPartiesWithBarrierBroken() throws Exception {
        Barrier b = ctx.barrier(2);
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                b.await(Duration.ofSeconds(20));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (b.getNumberWaiting() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(1, b.getNumberWaiting());
        b.reset();
        Throwable t = waiter.get(30, TimeUnit.SECONDS);
        assertTrue(t instanceof BarrierBrokenException, String.valueOf(t));
        assertFalse(b.isBroken());
    }

    @Test
    void everyObjectIsSmallWhenSerialized() throws Exception {
        List<Object> objects = List.of(ctx.lock(), ctx.rLock(), ctx.value('i', 1), ctx.array('d', 1000), ctx.semaphore(1),
                ctx.event(), ctx.condition(), ctx.barrier(2), ctx.pipe().left(), ctx.joinableQueue(), ctx.simpleQueue(),
                ctx.manager(), ctx.manager().dict(), ctx.manager().list(), ctx.manager().namespace());
        for (Object o : objects) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            assertTrue(bytes.size() < 2048, o.getClass().getSimpleName() + ": " + bytes.size() + " bytes");
        }
    }

    @Test
    void aChildProcessSetsAnEventAndPassesABarrierWithTheParent() {
        Event ready = ctx.event();
        Barrier b = ctx.barrier(2);
        Process p = ClusterTesting.child(() -> {
            ready.set();
            b.await(Duration.ofSeconds(60));
        });
        try {
            assertTrue(ready.await(Duration.ofSeconds(60)));
            int index = b.await(Duration.ofSeconds(60));
            assertTrue(index == 0 || index == 1);
            assertTrue(p.join(Duration.ofSeconds(60)));
            assertEquals(0, p.exitCode());
        } finally {
            p.kill();
            p.join();
            p.close();
        }
    }
}
