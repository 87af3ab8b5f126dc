package io.github.multiprocessing4j.benchmarks.jmh;

import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Shared-memory locks and values, uncontended, in one JVM (the robust futex lock's fast path). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SyncBench {

    private Lock lock;
    private RLock rlock;
    private Value value;

    @Setup
    public void setUp() {
        lock = Multiprocessing.lock();
        rlock = Multiprocessing.rLock();
        value = Multiprocessing.value('q', 0L);
    }

    @Benchmark
    public void lockAcquireRelease() {
        lock.acquire();
        lock.release();
    }

    @Benchmark
    public void rlockAcquireRelease() {
        rlock.acquire();
        rlock.release();
    }

    @Benchmark
    public long valueIncrementAndGet() {
        return value.incrementAndGet();
    }

    @Benchmark
    public long lockedIncrement() {
        RLock l = value.getLock();
        l.acquire();
        try {
            long v = value.getLong() + 1;
            value.setLong(v);
            return v;
        } finally {
            l.release();
        }
    }
}
