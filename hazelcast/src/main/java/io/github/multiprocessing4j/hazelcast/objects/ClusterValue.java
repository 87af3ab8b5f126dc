package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.internal.shm.Typecode;

import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.io.Serializable;

/**
 * {@link Value} in the cluster: element 0 of a {@link ClusterNumbers} (an IMap entry changed by
 * entry processors); its lock, unless raw, is a {@link ClusterRLock}.
 */
final class ClusterValue implements Value, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ClusterNumbers numbers;

    private ClusterValue(ClusterNumbers numbers) {
        this.numbers = numbers;
    }

    static ClusterValue create(ClusterLink link, char typecode, Number initial, boolean lock) {
        Typecode type = Typecode.of(typecode);
        return new ClusterValue(ClusterNumbers.create(link, "value", type, ClusterNumbers.raws(type, initial), lock));
    }

    @Override
    public Number get() {
        return numbers.get(0);
    }

    @Override
    public void set(Number v) {
        numbers.set(0, v);
    }

    @Override
    public char typecode() {
        return numbers.type.code;
    }

    @Override
    public RLock getLock() {
        return numbers.lock("Value");
    }

    @Override
    public int getInt() {
        return numbers.getInt(0);
    }

    @Override
    public void setInt(int v) {
        numbers.setLong(0, v);
    }

    @Override
    public long getLong() {
        return numbers.getLong(0);
    }

    @Override
    public void setLong(long v) {
        numbers.setLong(0, v);
    }

    @Override
    public double getDouble() {
        return numbers.getDouble(0);
    }

    @Override
    public void setDouble(double v) {
        numbers.setDouble(0, v);
    }

    @Override
    public boolean getBoolean() {
        return numbers.getBoolean(0);
    }

    @Override
    public void setBoolean(boolean v) {
        numbers.setBoolean(0, v);
    }

    @Override
    public char getChar() {
        return numbers.getChar(0);
    }

    @Override
    public void setChar(char v) {
        numbers.setChar(0, v);
    }

    @Override
    public long incrementAndGet() {
        return numbers.addAndGet(0, 1L);
    }

    @Override
    public long decrementAndGet() {
        return numbers.addAndGet(0, -1L);
    }

    @Override
    public long addAndGet(long delta) {
        return numbers.addAndGet(0, delta);
    }

    @Override
    public double addAndGet(double delta) {
        return numbers.addAndGet(0, delta);
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return numbers.compareAndSet(0, expected, update);
    }

    @Override
    public boolean compareAndSet(double expected, double update) {
        return numbers.compareAndSet(0, expected, update);
    }


    @Override
    public String toString() {
        return "Value('" + numbers.type.code + "', " + get() + ")";
    }
}
