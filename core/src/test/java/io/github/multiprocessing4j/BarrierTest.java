package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.multiprocessing4j.Multiprocessing.barrier;
import static io.github.multiprocessing4j.Multiprocessing.rawArray;
import static io.github.multiprocessing4j.Multiprocessing.rawValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barrier (CPython's test_barrier, test_wait_return, test_action, test_abort, test_reset,
 * test_abort_and_reset, test_timeout, test_default_timeout, test_single_thread, test_thousand).
 * Parties are threads of this JVM (quick), plus a process-only round to show it crosses JVMs.
 */
class BarrierTest {

    private static final int N = 5;

    private static <T> List<T> parties(int n, Callable<T> party) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(party));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    results.add(null);
                    if (!(e.getCause() instanceof BarrierBrokenException)) {
                        throw e;
                    }
                }
            }
            return results;
        }
    }

    @Test
    void partiesPassInLockstepAndExactlyOneGetsIndexZero() throws Exception {
        Barrier b = barrier(N);
        assertEquals(N, b.getParties());
        Value passes = rawValue('i', 0);
        List<List<Integer>> indexes = parties(N, () -> {
            List<Integer> mine = new ArrayList<>();
            for (int pass = 0; pass < 10; pass++) {
                mine.add(b.await(Duration.ofSeconds(30)));
                passes.incrementAndGet();
            }
            return mine;
        });
        assertEquals(10 * N, passes.getInt());
        for (int pass = 0; pass < 10; pass++) {
            List<Integer> round = new ArrayList<>();
            for (List<Integer> mine : indexes) {
                round.add(mine.get(pass));
            }
            assertEquals(List.of(0, 1, 2, 3, 4), round.stream().sorted().toList(), "round " + pass);
        }
        assertEquals(0, b.getNumberWaiting());
        assertFalse(b.isBroken());
        Barrier single = barrier(1);
        assertEquals(0, single.await());
        assertEquals(0, single.await());
        assertThrows(IllegalArgumentException.class, () -> barrier(0));
    }

    @Test
    void theActionRunsOncePerGenerationBeforeRelease() throws Exception {
        Value runs = rawValue('i', 0);
        Barrier b = barrier(N, runs::incrementAndGet);
        List<Boolean> sawAction = parties(N, () -> {
            b.await(Duration.ofSeconds(30));
            return runs.getInt() == 1;
        });
        assertEquals(List.of(true, true, true, true, true), sawAction);
        assertEquals(1, runs.getInt());
        parties(N, () -> b.await(Duration.ofSeconds(30)));
        assertEquals(2, runs.getInt());
    }

    @Test
    void abortBreaksTheOthers() throws Exception {
        Barrier b = barrier(N);
        Value broken = rawValue('i', 0);
        Value turn = rawValue('i', 0);
        parties(N, () -> {
            if (turn.incrementAndGet() == N / 2 + 1) {
                Thread.sleep(100);
                b.abort();
                return null;
            }
            try {
                b.await(Duration.ofSeconds(30));
            } catch (BarrierBrokenException e) {
                broken.incrementAndGet();
            }
            return null;
        });
        assertEquals(N - 1, broken.getInt());
        assertTrue(b.isBroken());
        assertThrows(BarrierBrokenException.class, b::await, "a broken barrier refuses new parties");
        b.reset();
        assertFalse(b.isBroken(), "reset makes it usable again");
        parties(N, () -> b.await(Duration.ofSeconds(30)));
    }

    @Test
    void resetBreaksTheWaitersThenAllPassTheNextRound() throws Exception {
        Barrier b = barrier(N);
        Value broken = rawValue('i', 0);
        Value turn = rawValue('i', 0);
        Barrier again = barrier(N);
        parties(N, () -> {
            if (turn.incrementAndGet() == N / 2 + 1) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (b.getNumberWaiting() < N - 1 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                b.reset();
            } else {
                try {
                    b.await(Duration.ofSeconds(30));
                } catch (BarrierBrokenException e) {
                    broken.incrementAndGet();
                }
            }
            again.await(Duration.ofSeconds(30));
            return b.await(Duration.ofSeconds(30));
        });
        assertEquals(N - 1, broken.getInt());
        assertFalse(b.isBroken());
    }

    @Test
    void aTimeoutBreaksTheBarrierForEveryParty() throws Exception {
        Barrier b = barrier(N);
        Value broken = rawValue('i', 0);
        Value turn = rawValue('i', 0);
        parties(N, () -> {
            if (turn.incrementAndGet() == N) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!b.isBroken() && System.nanoTime() < deadline) {
                    Thread.sleep(10); // the late party: comes after the others' timeouts broke the barrier
                }
            }
            try {
                b.await(Duration.ofMillis(200));
            } catch (BarrierBrokenException e) {
                broken.incrementAndGet();
            }
            return null;
        });
        assertEquals(N, broken.getInt());
        assertTrue(b.isBroken());
        Barrier withDefault = barrier(2, null, Duration.ofMillis(100));
        BarrierBrokenException e = assertThrows(BarrierBrokenException.class, withDefault::await);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void aFailingActionBreaksTheBarrier() throws Exception {
        Barrier b = barrier(2, () -> {
            throw new IllegalStateException("boom");
        });
        List<Object> results = parties(2, () -> b.await(Duration.ofSeconds(30)));
        assertEquals(2, results.stream().filter(r -> r == null).count());
        assertTrue(b.isBroken());
    }

    /** Test_thousand, scaled: 3 processes × 100 passes record their pass index; every index 3 times, in order. */
    @Test
    void processesPassTogetherManyTimes() throws Exception {
        int parties = 3;
        int passes = 100;
        Barrier b = barrier(parties);
        Array seen = rawArray('i', parties * passes);
        Value slot = rawValue('i', 0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            Process p = new Process(() -> {
                for (int pass = 0; pass < passes; pass++) {
                    seen.setInt((int) slot.incrementAndGet() - 1, pass);
                    b.await(Duration.ofSeconds(30));
                }
            });
            p.start();
            ps.add(p);
        }
        for (Process p : ps) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        for (int i = 0; i < parties * passes; i++) {
            assertEquals(i / parties, seen.getInt(i), "slot " + i);
        }
    }
}
