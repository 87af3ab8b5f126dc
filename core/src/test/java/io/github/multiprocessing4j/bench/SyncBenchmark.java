package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.internal.shm.Waiter;

import java.time.Duration;
import java.util.Arrays;

/**
 * Figures for the shared-memory synchronization, run by hand (not a test: timing is the point):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp core/target/classes:core/target/test-classes \
 *      io.github.multiprocessing4j.bench.SyncBenchmark
 * </pre>
 * <ol>
 *   <li>creating a Lock (a block of a shared heap segment), ns each;</li>
 *   <li>uncontended Lock acquire+release in one thread, ns per pair;</li>
 *   <li>locked increments per second, two (then four) child JVMs hammering one Lock and one
 *       Value;</li>
 *   <li>Event wake-up latency across JVMs: the parent sets an event (stamped with
 *       {@link System#nanoTime()}, which is the same clock in every process of a machine) that
 *       a child waits for; the child records when it woke. Median and 99th percentile.</li>
 * </ol>
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("waiting strategy: " + Waiter.get().strategy() + ", cpus: " + Runtime.getRuntime().availableProcessors());
        creation();
        uncontended();
        int each = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        lockedIncrements(2, each);
        lockedIncrements(4, each / 2);
        eventLatency(200);
    }

    private static void creation() {
        int n = 100_000;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Multiprocessing.lock();
            }
            System.out.printf("creating a Lock: %.0f ns%n", (System.nanoTime() - t0) / (double) n);
        }
    }

    private static void uncontended() {
        Lock lock = Multiprocessing.lock();
        int n = 20_000_000;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                lock.acquire();
                lock.release();
            }
            long t1 = System.nanoTime();
            System.out.printf("uncontended Lock acquire+release: %.1f ns%n", (t1 - t0) / (double) n);
        }
    }

    private static void lockedIncrements(int jvms, int each) throws Exception {
        Lock lock = Multiprocessing.lock();
        Value counter = Multiprocessing.rawValue('q', 0);
        Value start = Multiprocessing.rawValue('q', 0);
        Event go = Multiprocessing.event();
        Value ready = Multiprocessing.rawValue('i', 0);
        Process[] ps = new Process[jvms];
        for (int k = 0; k < jvms; k++) {
            ps[k] = new Process(() -> {
                ready.incrementAndGet();
                go.await();
                for (int i = 0; i < each; i++) {
                    lock.acquire();
                    counter.setLong(counter.getLong() + 1);
                    lock.release();
                }
            });
            ps[k].start();
        }
        while (ready.getInt() < jvms) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        long t0 = System.nanoTime();
        go.set();
        for (Process p : ps) {
            p.join();
        }
        long t1 = System.nanoTime();
        System.out.printf("%d JVMs, %,d locked increments each: total %,d in %d ms = %,.0f increments/s%n",
                jvms, each, counter.getLong(), (t1 - t0) / 1_000_000, (double) jvms * each / ((t1 - t0) / 1e9));
    }

    private static void eventLatency(int rounds) throws Exception {
        Event ping = Multiprocessing.event();
        Event pong = Multiprocessing.event();
        Value setAt = Multiprocessing.rawValue('q', 0);
        var latencies = Multiprocessing.rawArray('q', rounds);
        Process child = new Process(() -> {
            for (int r = 0; r < rounds; r++) {
                ping.await();
                long woke = System.nanoTime();
                latencies.setLong(r, woke - setAt.getLong());
                ping.clear();
                pong.set();
            }
        });
        child.start();
        for (int r = 0; r < rounds; r++) {
            Thread.sleep(5); // let the child fall asleep: this measures a real wake-up, not a spin
            setAt.setLong(System.nanoTime());
            ping.set();
            if (!pong.await(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the child did not answer");
            }
            pong.clear();
        }
        child.join();
        long[] l = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            l[r] = latencies.getLong(r);
        }
        Arrays.sort(l);
        System.out.printf("Event wake-up across JVMs (sleeping waiter), %d rounds: median %.1f us, p90 %.1f us, p99 %.1f us%n",
                rounds, l[rounds / 2] / 1e3, l[rounds * 9 / 10] / 1e3, l[rounds * 99 / 100] / 1e3);
    }
}
