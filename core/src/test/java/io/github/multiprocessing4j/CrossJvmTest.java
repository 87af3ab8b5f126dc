package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.WarmPool;
import io.github.multiprocessing4j.testing.Await;
import io.github.multiprocessing4j.testing.JavaProgram;
import io.github.multiprocessing4j.testing.programs.SharedMemoryProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.github.multiprocessing4j.Multiprocessing.event;
import static io.github.multiprocessing4j.Multiprocessing.lock;
import static io.github.multiprocessing4j.Multiprocessing.rawArray;
import static io.github.multiprocessing4j.Multiprocessing.rawValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared memory at scale across JVMs, and its cleanup after a root killed with SIGKILL. */
class CrossJvmTest {

    @Test
    void twoJvmsEachDoAMillionLockedIncrements() throws Exception {
        int n = 1_000_000;
        Lock lock = lock();
        Value counter = rawValue('q', 0);
        Process a = new Process(() -> increment(lock, counter, n));
        Process b = new Process(() -> increment(lock, counter, n));
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(0, a.exitCode());
        assertEquals(0, b.exitCode());
        assertEquals(2L * n, counter.getLong(), "not one increment lost");
        assertTrue(!lock.locked());
    }

    private static void increment(Lock lock, Value counter, int n) {
        for (int i = 0; i < n; i++) {
            lock.acquire();
            try {
                counter.setLong(counter.getLong() + 1);
            } finally {
                lock.release();
            }
        }
    }

    @Test
    void tenMillionDoublesWrittenByOneJvmAndReadByAnother() throws Exception {
        int n = 10_000_000;
        Array data = rawArray('d', n);
        Event written = event();
        Value sum = rawValue('d', 0);
        Value mismatches = rawValue('i', 0);
        Process writer = new Process(() -> {
            for (int i = 0; i < n; i++) {
                data.setDouble(i, i * 0.5);
            }
            written.set();
        });
        Process reader = new Process(() -> {
            written.await();
            double s = 0;
            int bad = 0;
            for (int i = 0; i < n; i++) {
                double d = data.getDouble(i);
                if (d != i * 0.5) {
                    bad++;
                }
                s += d;
            }
            sum.setDouble(s);
            mismatches.setInt(bad);
        });
        reader.start();
        writer.start();
        writer.join();
        reader.join();
        assertEquals(0, writer.exitCode());
        assertEquals(0, reader.exitCode());
        assertEquals(0, mismatches.getInt());
        assertEquals(0.5 * ((double) n * (n - 1) / 2), sum.getDouble());
        assertEquals((n - 1) * 0.5, data.getDouble(n - 1), "and this JVM sees the same memory");
    }

    @AfterAll
    static void stopTheWarmJvms() {
        WarmPool.get().shutdown();
    }

    /** A warm JVM (started before the objects existed) attaches to them all the same. */
    @Test
    void sharedObjectsReachWarmProcessesToo() throws Exception {
        Context warm = Multiprocessing.getContext("warm");
        Lock lock = warm.lock();
        Value counter = warm.rawValue('i', 0);
        Event done = warm.event();
        Process p = warm.process(() -> {
            for (int i = 0; i < 1000; i++) {
                try (var held = lock.acquired()) {
                    counter.setInt(counter.getInt() + 1);
                }
            }
            done.set();
        });
        p.start();
        for (int i = 0; i < 1000; i++) {
            try (var held = lock.acquired()) {
                counter.setInt(counter.getInt() + 1);
            }
        }
        assertTrue(done.await(java.time.Duration.ofSeconds(60)));
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(2000, counter.getInt());
    }

    @Test
    void theSegmentsOfARootKilledWithSigkillAreSwept() throws Exception {
        String runId;
        long childPid;
        try (JavaProgram root = JavaProgram.start(SharedMemoryProgram.class)) {
            runId = root.valueOf("run=");
            childPid = Long.parseLong(root.valueOf("child="));
            assertEquals("value=2 array=1000", root.nextLine());
            List<Path> segments = segmentsOf(runId);
            assertTrue(segments.size() >= 2, "the root's and the child's shared memory: " + segments);
            assertTrue(segments.stream().anyMatch(p -> p.getFileName().toString().contains("-heap-" + childPid + ".")),
                    "the child's segment is named under the root's run: " + segments);
            root.process().toHandle().destroyForcibly();
            root.process().waitFor();
            Await.until("the orphaned child " + childPid + " to exit", 20, () -> !Await.alive(childPid));
            assertEquals(segments, segmentsOf(runId), "a SIGKILLed root cannot tidy its segments");
        }
        RunDirectory.sweep();
        assertEquals(List.of(), segmentsOf(runId), "the next sweep removes the dead run's shared memory");
    }

    private static List<Path> segmentsOf(String runId) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("mp4j-" + runId + "-")).sorted().toList();
        }
    }
}
