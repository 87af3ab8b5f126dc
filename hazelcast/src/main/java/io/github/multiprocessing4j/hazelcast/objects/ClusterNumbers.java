package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.internal.shm.Typecode;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The elements of a cluster {@code Value} (one) or {@code Array}: an entry of the map
 * {@value ClusterObject#NUMBERS} holding a {@code long[]} of raw values, read and changed by the
 * entry processors of {@link NumberOps}, so every single-element operation (set, add,
 * compare-and-set) is atomic on the entry's partition. An IMap entry rather than an
 * {@code IAtomicLong}: the CP subsystem is not in Hazelcast Community, and one entry holds a
 * whole array. The typecode, length and whether there is a lock are carried by the object
 * itself (they never change), so checks happen before any call to the cluster.
 */
final class ClusterNumbers extends ClusterObject {

    @Serial
    private static final long serialVersionUID = 1L;

    final Typecode type;
    final int length;
    final boolean hasLock;

    private ClusterNumbers(ClusterLink link, String kind, Typecode type, int length, boolean hasLock) {
        super(link, kind);
        this.type = type;
        this.length = length;
        this.hasLock = hasLock;
    }

    static ClusterNumbers create(ClusterLink link, String kind, Typecode type, long[] raws, boolean lock) {
        ClusterNumbers numbers = new ClusterNumbers(link, kind, type, raws.length, lock);
        numbers.entries().set(numbers.id, raws);
        return numbers;
    }

    /** @return the raw values of {@code values}, every one checked */
    static long[] raws(Typecode type, Number... values) {
        Objects.requireNonNull(values, "values");
        long[] raws = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                raws[i] = type.toRaw(values[i]);
            } catch (IllegalArgumentException e) {
                throw values.length == 1 ? e : new IllegalArgumentException("element " + i + ": " + e.getMessage(), e);
            }
        }
        return raws;
    }

    private IMap<String, long[]> entries() {
        return map(NUMBERS);
    }

    long load(int i) {
        Objects.checkIndex(i, length);
        return entries().executeOnKey(id, new NumberOps.Load(i));
    }

    void store(int i, long raw) {
        Objects.checkIndex(i, length);
        entries().executeOnKey(id, new NumberOps.Store(i, new long[] {raw}));
    }

    void storeAll(int from, long[] raws) {
        Objects.checkFromIndexSize(from, raws.length, length);
        if (raws.length > 0) {
            entries().executeOnKey(id, new NumberOps.Store(from, raws));
        }
    }

    List<Number> list(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        long[] all = entries().get(id);
        List<Number> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(type.box(all[i]));
        }
        return out;
    }

    RLock lock(String of) {
        if (!hasLock) {
            throw new IllegalStateException("a raw " + of + " has no lock: create it with " + of.toLowerCase(Locale.ROOT)
                    + "(…) instead of raw" + of + "(…), or guard it with a Lock of your own");
        }
        return new ClusterRLock(link, id + ".lock");
    }

    Number get(int i) {
        return type.box(load(i));
    }

    void set(int i, Number v) {
        Objects.checkIndex(i, length);
        store(i, type.toRaw(v));
    }

    int getInt(int i) {
        type.requireIntegral("getInt");
        long v = load(i);
        if (v != (int) v) {
            throw new ArithmeticException("the value " + v + " does not fit an int; use getLong");
        }
        return (int) v;
    }

    long getLong(int i) {
        type.requireIntegral("getLong");
        return load(i);
    }

    void setLong(int i, long v) {
        type.requireIntegral("setLong");
        Objects.checkIndex(i, length);
        store(i, type.checkedRaw(v, v));
    }

    double getDouble(int i) {
        return type.toDouble(load(i));
    }

    void setDouble(int i, double v) {
        Objects.checkIndex(i, length);
        store(i, type.doubleToRaw(v));
    }

    boolean getBoolean(int i) {
        type.requireType(Typecode.BOOL, "getBoolean");
        return load(i) != 0;
    }

    void setBoolean(int i, boolean v) {
        type.requireType(Typecode.BOOL, "setBoolean");
        store(i, v ? 1 : 0);
    }

    char getChar(int i) {
        type.requireType(Typecode.UNICODE, "getChar");
        return (char) load(i);
    }

    void setChar(int i, char v) {
        type.requireType(Typecode.UNICODE, "setChar");
        store(i, v);
    }

    long addAndGet(int i, long delta) {
        type.requireIntegral("addAndGet");
        if (type == Typecode.BOOL) {
            throw new IllegalStateException("typecode '?' holds booleans: there is no arithmetic on them");
        }
        Objects.checkIndex(i, length);
        Object next = entries().executeOnKey(id, new NumberOps.Add(i, delta, type));
        if (next instanceof String message) {
            throw new ArithmeticException(message);
        }
        return (Long) next;
    }

    double addAndGet(int i, double delta) {
        type.requireFloating("addAndGet(double)");
        Objects.checkIndex(i, length);
        return type.toDouble(entries().executeOnKey(id, new NumberOps.AddDouble(i, delta, type)));
    }

    boolean compareAndSet(int i, long expected, long update) {
        type.requireIntegral("compareAndSet(long, long)");
        Objects.checkIndex(i, length);
        long raw = type.checkedRaw(update, update);
        if (expected < type.min || expected > type.max) {
            return false;
        }
        return entries().executeOnKey(id, new NumberOps.CompareAndSet(i, type.checkedRaw(expected, expected), raw));
    }

    boolean compareAndSet(int i, double expected, double update) {
        Objects.checkIndex(i, length);
        long raw = type.doubleToRaw(update);
        return entries().executeOnKey(id, new NumberOps.CompareAndSet(i, type.doubleToRaw(expected), raw));
    }

    String show(int max) {
        List<Number> shown = list(0, Math.min(length, max));
        String s = shown.toString();
        return length > max ? s.substring(0, s.length() - 1) + ", … (" + length + " elements)]" : s;
    }
}
