package io.github.multiprocessing4j.benchmarks.jmh;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Queue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** The shared-memory ring of a Queue: a put and a get in one JVM (no wake-ups: the cost of the ring itself). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class QueueBench {

    private Queue<Object> queue;
    private final byte[] bytes64 = new byte[64];
    private final Integer number = 42;

    @Setup
    public void setUp() {
        queue = Multiprocessing.queue(1000);
    }

    @TearDown
    public void tearDown() {
        queue.close();
    }

    @Benchmark
    public Object putGetBytes64() {
        queue.put(bytes64);
        return queue.get();
    }

    @Benchmark
    public Object putGetInteger() {
        queue.put(number);
        return queue.get();
    }
}
