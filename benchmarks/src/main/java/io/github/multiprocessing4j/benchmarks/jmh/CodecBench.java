package io.github.multiprocessing4j.benchmarks.jmh;

import io.github.multiprocessing4j.SerializableFunction;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.JdkSerializer;
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

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The compact codec against JDK serialization, on what processes and queues carry. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBench {

    record Order(String id, int quantity, double price, List<String> tags) implements Serializable { }

    private Object order;
    private Object lambda;
    private Object map;
    private byte[] compactOrder;
    private byte[] jdkOrder;
    private byte[] compactLambda;
    private byte[] jdkLambda;

    @Setup
    public void setUp() {
        order = new Order("A-17", 3, 9.5, List.of("x", "y"));
        int base = 10;
        lambda = (SerializableFunction<Integer, Integer>) x -> x * base;
        map = Map.of("one", 1, "two", 2, "three", 3);
        compactOrder = CompactSerializer.INSTANCE.serialize(order, "bench");
        jdkOrder = JdkSerializer.INSTANCE.serialize(order, "bench");
        compactLambda = CompactSerializer.INSTANCE.serialize(lambda, "bench");
        jdkLambda = JdkSerializer.INSTANCE.serialize(lambda, "bench");
    }

    @Benchmark
    public byte[] compactWriteRecord() {
        return CompactSerializer.INSTANCE.serialize(order, "bench");
    }

    @Benchmark
    public byte[] jdkWriteRecord() {
        return JdkSerializer.INSTANCE.serialize(order, "bench");
    }

    @Benchmark
    public Object compactReadRecord() {
        return CompactSerializer.INSTANCE.deserialize(compactOrder);
    }

    @Benchmark
    public Object jdkReadRecord() {
        return JdkSerializer.INSTANCE.deserialize(jdkOrder);
    }

    @Benchmark
    public Object compactRoundTripLambda() {
        return CompactSerializer.INSTANCE.deserialize(CompactSerializer.INSTANCE.serialize(lambda, "bench"));
    }

    @Benchmark
    public Object jdkRoundTripLambda() {
        return JdkSerializer.INSTANCE.deserialize(JdkSerializer.INSTANCE.serialize(lambda, "bench"));
    }

    @Benchmark
    public Object compactRoundTripMap() {
        return CompactSerializer.INSTANCE.deserialize(CompactSerializer.INSTANCE.serialize(map, "bench"));
    }

    @Benchmark
    public Object compactReadLambda() {
        return CompactSerializer.INSTANCE.deserialize(compactLambda);
    }

    @Benchmark
    public Object jdkReadLambda() {
        return JdkSerializer.INSTANCE.deserialize(jdkLambda);
    }
}
