package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.multiprocessing4j.Multiprocessing.boundedSemaphore;
import static io.github.multiprocessing4j.Multiprocessing.event;
import static io.github.multiprocessing4j.Multiprocessing.semaphore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Semaphore, BoundedSemaphore and Event (CPython's test_semaphore, test_bounded_semaphore, test_timeout, test_event). */
class SemaphoreEventTest {

    @Test
    void semaphoreCountsAsCPython() {
        Semaphore sem = semaphore(2);
        assertEquals(2, sem.getValue());
        assertTrue(sem.acquire());
        assertEquals(1, sem.getValue());
        assertTrue(sem.acquire());
        assertEquals(0, sem.getValue());
        assertFalse(sem.acquire(false));
        assertEquals(0, sem.getValue());
        sem.release();
        assertEquals(1, sem.getValue());
        sem.release();
        assertEquals(2, sem.getValue());
        sem.release();
        assertEquals(3, sem.getValue(), "a plain semaphore has no upper bound");
        sem.release();
        assertEquals(4, sem.getValue());
        assertEquals("Semaphore(value=4)", sem.toString());
        assertEquals(1, semaphore().getValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> semaphore(-1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void boundedSemaphoreRefusesToGoAboveItsStart() {
        Semaphore sem = boundedSemaphore(2);
        assertTrue(sem.acquire());
        assertTrue(sem.acquire());
        assertFalse(sem.acquire(false));
        sem.release();
        sem.release();
        assertEquals(2, sem.getValue());
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
        assertEquals(2, sem.getValue(), "unchanged");
        assertEquals("BoundedSemaphore(value=2, maxvalue=2)", sem.toString());
        try (var held = sem.acquired()) {
            assertEquals(1, sem.getValue());
        }
        assertEquals(2, sem.getValue());
    }

    @Test
    void timeoutsOfAnEmptySemaphore() {
        Semaphore sem = semaphore(0);
        assertFalse(sem.acquire(false));
        assertFalse(sem.acquire(Duration.ZERO));
        assertFalse(sem.acquire(Duration.ofMillis(-5)));
        long t0 = System.nanoTime();
        assertFalse(sem.acquire(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= 100_000_000L, "waited the timeout");
    }

    @Test
    void aChildReleasesWhatTheParentWaitsFor() throws Exception {
        Semaphore sem = semaphore(0);
        Process p = new Process(() -> {
            sem.release();
            sem.release();
        });
        p.start();
        assertTrue(sem.acquire(Duration.ofSeconds(30)));
        assertTrue(sem.acquire(Duration.ofSeconds(30)));
        p.join();
        assertEquals(0, sem.getValue());
    }

    @Test
    void eventAsCPython() throws Exception {
        Event event = event();
        assertFalse(event.isSet());
        assertFalse(event.await(Duration.ZERO));
        long t0 = System.nanoTime();
        assertFalse(event.await(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= 100_000_000L);
        assertEquals("Event(unset)", event.toString());
        event.set();
        assertTrue(event.isSet());
        assertTrue(event.await());
        assertTrue(event.await(Duration.ofMillis(100)));
        assertEquals("Event(set)", event.toString());
        event.clear();
        assertFalse(event.isSet());
        Process p = new Process(() -> {
            Thread.sleep(100);
            event.set();
        });
        p.start();
        assertTrue(event.await(Duration.ofSeconds(30)));
        p.join();
        assertEquals(0, p.exitCode());
    }

    @Test
    void aWaiterSeesASetEvenIfClearedAtOnce() throws Exception {
        Event event = event();
        Event waiting = event();
        var result = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            waiting.set();
            result.set(event.await(Duration.ofSeconds(30)));
        });
        waiting.await();
        Thread.sleep(100);
        event.set();
        event.clear();
        t.join(30_000);
        assertTrue(result.get(), "set() wakes the waiters even when clear() follows at once, as in Python");
    }

    /** Four processes share a bounded semaphore of 2: never more than two inside at once. */
    @Test
    void aSemaphoreBoundsHowManyProcessesAreInside() throws Exception {
        Semaphore sem = boundedSemaphore(2);
        Value inside = Multiprocessing.rawValue('i', 0);
        Value most = Multiprocessing.rawValue('i', 0);
        java.util.List<Process> ps = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            ps.add(new Process(() -> {
                for (int i = 0; i < 2_000; i++) {
                    try (var held = sem.acquired()) {
                        long now = inside.incrementAndGet();
                        long seen;
                        while ((seen = most.getLong()) < now && !most.compareAndSet(seen, now)) {
                            Thread.onSpinWait();
                        }
                        inside.decrementAndGet();
                    }
                }
            }));
        }
        ps.forEach(Process::start);
        for (Process p : ps) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        assertTrue(most.getInt() <= 2, "at most two inside: " + most.getInt());
        assertEquals(2, sem.getValue(), "every permit given back");
        assertEquals(0, inside.getInt());
    }
}
