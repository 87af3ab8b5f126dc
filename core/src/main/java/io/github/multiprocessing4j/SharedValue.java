package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Typecode;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import java.io.Serial;
import java.io.Serializable;

/** {@link Value} over a one-element {@link NumberStore} (block tag "value"). */
final class SharedValue implements Value, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.VALUE;

    private final transient NumberStore store;

    SharedValue(NumberStore store) {
        this.store = store;
    }

    static SharedValue create(char typecode, Number initial, boolean lock) {
        Typecode type = Typecode.of(typecode);
        return new SharedValue(NumberStore.create(TAG, type, 1, NumberStore.raws(type, initial), lock));
    }

    @Override
    public Number get() {
        return store.type.box(store.load(0));
    }

    @Override
    public void set(Number v) {
        store.store(0, store.type.toRaw(v));
    }

    @Override
    public char typecode() {
        return store.type.code;
    }

    @Override
    public RLock getLock() {
        return store.lock("Value");
    }

    @Override
    public int getInt() {
        return store.getInt(0);
    }

    @Override
    public void setInt(int v) {
        store.setLong(0, v);
    }

    @Override
    public long getLong() {
        return store.getLong(0);
    }

    @Override
    public void setLong(long v) {
        store.setLong(0, v);
    }

    @Override
    public double getDouble() {
        return store.getDouble(0);
    }

    @Override
    public void setDouble(double v) {
        store.setDouble(0, v);
    }

    @Override
    public boolean getBoolean() {
        return store.getBoolean(0);
    }

    @Override
    public void setBoolean(boolean v) {
        store.setBoolean(0, v);
    }

    @Override
    public char getChar() {
        return store.getChar(0);
    }

    @Override
    public void setChar(char v) {
        store.setChar(0, v);
    }

    @Override
    public long incrementAndGet() {
        return store.addAndGet(0, 1L);
    }

    @Override
    public long decrementAndGet() {
        return store.addAndGet(0, -1L);
    }

    @Override
    public long addAndGet(long delta) {
        return store.addAndGet(0, delta);
    }

    @Override
    public double addAndGet(double delta) {
        return store.addAndGet(0, delta);
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return store.compareAndSet(0, expected, update);
    }

    @Override
    public boolean compareAndSet(double expected, double update) {
        return store.compareAndSet(0, expected, update);
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedKind.VALUE, store.block, store.tag, 0, null);
    }

    @Override
    public String toString() {
        return "Value('" + store.type.code + "', " + get() + ")";
    }
}
