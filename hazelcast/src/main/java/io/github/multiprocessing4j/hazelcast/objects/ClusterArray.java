package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.internal.shm.Typecode;

import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * {@link Array} in the cluster: a {@link ClusterNumbers} (one IMap entry holding every element,
 * changed by entry processors, so each element operation is atomic); its lock, unless raw, is a
 * {@link ClusterRLock}. {@link #setSlice} writes all its elements in one atomic operation.
 */
final class ClusterArray implements Array, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ClusterNumbers numbers;

    private ClusterArray(ClusterNumbers numbers) {
        this.numbers = numbers;
    }

    static ClusterArray create(ClusterLink link, char typecode, int size, boolean lock) {
        Typecode type = Typecode.of(typecode);
        if (size < 0) {
            throw new IllegalArgumentException("an array's size cannot be negative: " + size);
        }
        return new ClusterArray(ClusterNumbers.create(link, "array", type, new long[size], lock));
    }

    static ClusterArray create(ClusterLink link, char typecode, Number[] initial, boolean lock) {
        Typecode type = Typecode.of(typecode);
        return new ClusterArray(ClusterNumbers.create(link, "array", type, ClusterNumbers.raws(type, initial), lock));
    }

    @Override
    public int length() {
        return numbers.length;
    }

    @Override
    public Number get(int i) {
        return numbers.get(i);
    }

    @Override
    public void set(int i, Number v) {
        numbers.set(i, v);
    }

    @Override
    public List<Number> toList() {
        return numbers.list(0, numbers.length);
    }

    @Override
    public char typecode() {
        return numbers.type.code;
    }

    @Override
    public RLock getLock() {
        return numbers.lock("Array");
    }

    @Override
    public List<Number> slice(int from, int to) {
        return numbers.list(from, to);
    }

    @Override
    public int getInt(int i) {
        return numbers.getInt(i);
    }

    @Override
    public void setInt(int i, int v) {
        numbers.setLong(i, v);
    }

    @Override
    public long getLong(int i) {
        return numbers.getLong(i);
    }

    @Override
    public void setLong(int i, long v) {
        numbers.setLong(i, v);
    }

    @Override
    public double getDouble(int i) {
        return numbers.getDouble(i);
    }

    @Override
    public void setDouble(int i, double v) {
        numbers.setDouble(i, v);
    }

    @Override
    public boolean getBoolean(int i) {
        return numbers.getBoolean(i);
    }

    @Override
    public void setBoolean(int i, boolean v) {
        numbers.setBoolean(i, v);
    }

    @Override
    public char getChar(int i) {
        return numbers.getChar(i);
    }

    @Override
    public void setChar(int i, char v) {
        numbers.setChar(i, v);
    }

    @Override
    public long incrementAndGet(int i) {
        return numbers.addAndGet(i, 1L);
    }

    @Override
    public long addAndGet(int i, long delta) {
        return numbers.addAndGet(i, delta);
    }

    @Override
    public double addAndGet(int i, double delta) {
        return numbers.addAndGet(i, delta);
    }

    @Override
    public boolean compareAndSet(int i, long expected, long update) {
        return numbers.compareAndSet(i, expected, update);
    }

    @Override
    public boolean compareAndSet(int i, double expected, double update) {
        return numbers.compareAndSet(i, expected, update);
    }


    @Override
    public void setSlice(int from, Number... values) {
        Objects.requireNonNull(values, "values");
        Objects.checkFromIndexSize(from, values.length, numbers.length);
        numbers.storeAll(from, ClusterNumbers.raws(numbers.type, values));
    }

    @Override
    public String toString() {
        return "Array('" + numbers.type.code + "', " + numbers.show(20) + ")";
    }
}
