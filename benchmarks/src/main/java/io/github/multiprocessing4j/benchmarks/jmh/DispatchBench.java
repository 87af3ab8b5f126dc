package io.github.multiprocessing4j.benchmarks.jmh;

import io.github.multiprocessing4j.Pool;
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

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** The pool's dispatch: one apply round trip, and a map of 10,000 tiny items, on 2 workers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DispatchBench {

    private Pool pool;
    private final List<Integer> items = IntStream.range(0, 10_000).boxed().toList();

    @Setup
    public void setUp() {
        pool = new Pool(2);
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public Integer applyRoundTrip() {
        return pool.apply(() -> 6 * 7);
    }

    @Benchmark
    public List<Integer> mapTenThousand() {
        return pool.map(x -> x * x, items);
    }
}
