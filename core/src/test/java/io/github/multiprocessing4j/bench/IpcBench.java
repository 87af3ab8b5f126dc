package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.Connection;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;

import java.time.Duration;

/**
 * Measures, by hand (not a test): small-item and 1 MiB-item throughput of a Queue from one
 * producer JVM to one consumer JVM, and the round trip of a Pipe between two JVMs. The workloads
 * mirror {@code python_peer.py}'s. Run with the test class path:
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... io.github.multiprocessing4j.bench.IpcBench}.
 *
 * <h2>Figures (2026-11-24, the 2-core development machine, shared: load average 3-5)</h2>
 * <table>
 *   <caption>second round of a run; CPython 3.11 from {@code python_peer.py --quick} at the same load</caption>
 *   <tr><th></th><th>multiprocessing4j</th><th>CPython</th></tr>
 *   <tr><td>Queue, 64-byte items, 1 producer JVM → 1 consumer JVM</td><td>630,000–1,270,000 items/s</td><td>120,000–245,000</td></tr>
 *   <tr><td>Queue, 1 MiB items</td><td>800–1,300 MB/s</td><td>450–930 MB/s</td></tr>
 *   <tr><td>Pipe round trip, 8-byte messages ({@code sendBytes})</td><td>10–17 µs</td><td>22–34 µs</td></tr>
 *   <tr><td>Pipe round trip, Integer objects ({@code send}/{@code recv})</td><td>17–19 µs</td><td>(pickled ints) 22–34 µs</td></tr>
 * </table>
 * With other engineers' builds running, single runs vary by 2-4x; the ranges are from runs at
 * the quieter moments. A {@code byte[]} item travels unserialized (one copy into the ring, one
 * out); other items go through the compact serializer. In one thread, a put+get through a ring costs about 0.1 µs; the rest is
 * serialization, the futex hand-offs and the scheduler.
 */
public final class IpcBench {

    private IpcBench() {
    }

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int trips = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        for (int round = 0; round < 2; round++) {
            double smallRate = queue(new byte[64], small);
            double largeRate = queue(new byte[1 << 20], large);
            double rtt = pipe(trips, false);
            double objects = pipe(trips, true);
            System.out.printf("round %d: queue small %.0f items/s, queue 1 MiB %.0f items/s = %.0f MB/s, pipe round trip %.1f us"
                    + " (bytes), %.1f us (Integer objects)%n",
                    round, smallRate, largeRate, largeRate * (1 << 20) / 1e6, rtt, objects);
        }
    }

    /** One producer JVM puts {@code n} copies of {@code payload}, then null; this JVM (the consumer) takes them. */
    static double queue(byte[] payload, int n) {
        Queue<byte[]> q = Multiprocessing.queue();
        Queue<String> ready = Multiprocessing.queue();
        Queue<String> go = Multiprocessing.queue();
        Process producer = new Process(() -> {
            ready.put("ready");
            go.get(); // so that JVM start-up is not measured
            for (int i = 0; i < n; i++) {
                q.put(payload);
            }
            q.put(null);
        });
        producer.start();
        ready.get(Duration.ofSeconds(60));
        go.put("go");
        long t = System.nanoTime();
        int got = 0;
        while (q.get() != null) {
            got++;
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        producer.join();
        if (got != n) {
            throw new AssertionError(got + " != " + n);
        }
        return n / seconds;
    }

    /** A child echoes {@code n} messages (bytes, or Integer objects); returns the mean round trip in microseconds. */
    static double pipe(int n, boolean objects) {
        Pipe pipe = Multiprocessing.pipe();
        Connection child = pipe.right();
        Process ponger = new Process(() -> {
            for (int i = 0; i < n + 1000; i++) {
                if (objects) {
                    child.send(child.recv());
                } else {
                    child.sendBytes(child.recvBytes());
                }
            }
        });
        ponger.start();
        Connection c = pipe.left();
        byte[] msg = new byte[8];
        long t = 0;
        for (int i = 0; i < n + 1000; i++) {
            if (i == 1000) { // after the warm-up
                t = System.nanoTime();
            }
            if (objects) {
                c.send(i);
                c.recv();
            } else {
                c.sendBytes(msg);
                c.recvBytes();
            }
        }
        double micros = (System.nanoTime() - t) / 1e3 / n;
        ponger.join();
        return micros;
    }
}
