package io.github.multiprocessing4j;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's start-method functions: {@code get_start_method}, {@code set_start_method} and
 * {@code get_all_start_methods}, with Python's rules. The start method is global to the JVM, so
 * each test puts back what it found.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartMethodTest {

    private Optional<String> before;

    @BeforeEach
    void unset() {
        before = Multiprocessing.getStartMethod(true);
        Multiprocessing.setStartMethod(null, true);
    }

    @AfterEach
    void restore() {
        Multiprocessing.setStartMethod(before.orElse(null), true);
        io.github.multiprocessing4j.internal.runtime.WarmPool.get().shutdown();
        io.github.multiprocessing4j.internal.runtime.WarmPool.forkserver().shutdown();
    }

    @Test
    void theStartMethodsAreSpawnFirstThenForkserverAndWarm() {
        assertEquals(List.of("spawn", "forkserver", "warm"), Multiprocessing.getAllStartMethods());
    }

    /** Counts the processes that ran in one JVM. */
    static int ranHere;

    @Test
    void aForkserverProcessRunsInAJvmStartedAheadThatServesItAlone() {
        Context forkserver = Multiprocessing.getContext("forkserver");
        Queue<long[]> seen = forkserver.queue();
        try {
            for (int i = 0; i < 3; i++) {
                Process p = forkserver.process(() -> seen.put(new long[] {ProcessHandle.current().pid(), ++ranHere,
                        System.getProperty("mp4j.warm") != null ? 1 : 0}));
                p.start();
                p.join();
                assertEquals(0, p.exitCode());
            }
            java.util.Set<Long> pids = new java.util.HashSet<>();
            for (int i = 0; i < 3; i++) {
                long[] r = seen.get();
                pids.add(r[0]);
                assertEquals(1, r[1], "a JVM ran a second process: its static state was not fresh");
                assertEquals(1, r[2], "not a JVM of the forkserver");
            }
            assertEquals(3, pids.size());
        } finally {
            io.github.multiprocessing4j.internal.runtime.WarmPool.forkserver().shutdown();
        }
    }

    @Test
    void anUnsetStartMethodIsEmptyWhenAllowedAndFixedToSpawnWhenAsked() {
        assertEquals(Optional.empty(), Multiprocessing.getStartMethod(true));
        assertEquals("spawn", Multiprocessing.getStartMethod());
        assertEquals(Optional.of("spawn"), Multiprocessing.getStartMethod(true)); // asking fixed it
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Multiprocessing.setStartMethod("warm"));
        assertEquals("context has already been set", e.getMessage());
    }

    @Test
    void settingTwiceWithoutForceFailsAndForceReplacesOrUnsets() {
        Multiprocessing.setStartMethod("warm");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Multiprocessing.setStartMethod("spawn"));
        assertEquals("context has already been set", e.getMessage());
        Multiprocessing.setStartMethod("spawn", true);
        assertEquals("spawn", Multiprocessing.getStartMethod());
        Multiprocessing.setStartMethod(null, true);
        assertEquals(Optional.empty(), Multiprocessing.getStartMethod(true));
    }

    @Test
    void anUnknownStartMethodIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multiprocessing.setStartMethod("fork"));
        assertTrue(e.getMessage().contains("[spawn, forkserver, warm]"), e.getMessage());
        assertEquals(Optional.empty(), Multiprocessing.getStartMethod(true));
    }

    @Test
    void getContextIsTheContextOfTheStartMethodSet() {
        Multiprocessing.setStartMethod("warm");
        assertEquals(Multiprocessing.getContext("warm"), Multiprocessing.getContext());
    }

    @Test
    void aChildStartsWithNoStartMethodSetEvenInAWarmJvm() {
        Multiprocessing.setStartMethod("warm");
        Process p = new Process(() -> System.exit(Multiprocessing.getStartMethod(true).isPresent() ? 3 : 0));
        p.start();
        p.join();
        assertEquals(0, p.exitCode(), "the warm JVM's warm-up fixed the start method");
    }

    @Test
    void processesOfTheDefaultContextUseTheStartMethodSet() {
        Multiprocessing.setStartMethod("warm");
        Process p = new Process(() -> System.exit(System.getProperty("mp4j.warm") != null ? 42 : 43));
        p.start();
        p.join();
        assertEquals(42, p.exitCode(), "not a warm JVM");
        try (Pool pool = new Pool(1)) {
            assertTrue(pool.apply(() -> System.getProperty("mp4j.warm") != null), "the pool's worker is not a warm JVM");
        }
    }

    @Test
    void startingAProcessFromAnExplicitContextNeverFixesTheDefault() {
        Process p = Multiprocessing.getContext("warm").process(() -> { });
        p.start();
        p.join();
        assertEquals(Optional.empty(), Multiprocessing.getStartMethod(true));
    }

    @Test
    void objectsMadeInOneContextWorkWithProcessesOfAnother() {
        Queue<String> queue = Multiprocessing.getContext("warm").queue();
        Process p = Multiprocessing.getContext("spawn").process(() -> queue.put("from spawn"));
        p.start();
        assertEquals("from spawn", queue.get());
        p.join();
        assertEquals(0, p.exitCode());
    }
}
