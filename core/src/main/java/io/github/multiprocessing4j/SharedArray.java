package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Typecode;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** {@link Array} over a {@link NumberStore} (block tag "array"). */
final class SharedArray implements Array, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final SharedKind TAG = SharedKind.ARRAY;

    private final transient NumberStore store;

    SharedArray(NumberStore store) {
        this.store = store;
    }

    static SharedArray create(char typecode, int size, boolean lock) {
        return new SharedArray(NumberStore.create(TAG, Typecode.of(typecode), size, null, lock));
    }

    static SharedArray create(char typecode, Number[] initial, boolean lock) {
        Typecode type = Typecode.of(typecode);
        long[] raws = NumberStore.raws(type, initial);
        return new SharedArray(NumberStore.create(TAG, type, raws.length, raws, lock));
    }

    @Override
    public int length() {
        return store.length;
    }

    @Override
    public Number get(int i) {
        return store.type.box(store.load(i));
    }

    @Override
    public void set(int i, Number v) {
        store.offset(i);
        store.store(i, store.type.toRaw(v));
    }

    @Override
    public List<Number> toList() {
        return store.list(0, store.length);
    }

    @Override
    public char typecode() {
        return store.type.code;
    }

    @Override
    public RLock getLock() {
        return store.lock("Array");
    }

    @Override
    public List<Number> slice(int from, int to) {
        return store.list(from, to);
    }

    @Override
    public void setSlice(int from, Number... values) {
        Objects.requireNonNull(values, "values");
        Objects.checkFromIndexSize(from, values.length, store.length);
        long[] raws = NumberStore.raws(store.type, values);
        for (int i = 0; i < raws.length; i++) {
            store.store(from + i, raws[i]);
        }
    }

    @Override
    public int getInt(int i) {
        return store.getInt(i);
    }

    @Override
    public void setInt(int i, int v) {
        store.setLong(i, v);
    }

    @Override
    public long getLong(int i) {
        return store.getLong(i);
    }

    @Override
    public void setLong(int i, long v) {
        store.setLong(i, v);
    }

    @Override
    public double getDouble(int i) {
        return store.getDouble(i);
    }

    @Override
    public void setDouble(int i, double v) {
        store.setDouble(i, v);
    }

    @Override
    public boolean getBoolean(int i) {
        return store.getBoolean(i);
    }

    @Override
    public void setBoolean(int i, boolean v) {
        store.setBoolean(i, v);
    }

    @Override
    public char getChar(int i) {
        return store.getChar(i);
    }

    @Override
    public void setChar(int i, char v) {
        store.setChar(i, v);
    }

    @Override
    public long incrementAndGet(int i) {
        return store.addAndGet(i, 1L);
    }

    @Override
    public long addAndGet(int i, long delta) {
        return store.addAndGet(i, delta);
    }

    @Override
    public double addAndGet(int i, double delta) {
        return store.addAndGet(i, delta);
    }

    @Override
    public boolean compareAndSet(int i, long expected, long update) {
        return store.compareAndSet(i, expected, update);
    }

    @Override
    public boolean compareAndSet(int i, double expected, double update) {
        return store.compareAndSet(i, expected, update);
    }

    @Serial
    private Object writeReplace() {
        return SharedHandle.of(SharedKind.ARRAY, store.block, store.tag, 0, null);
    }

    @Override
    public String toString() {
        return "Array('" + store.type.code + "', " + store.show(20) + ")";
    }
}
