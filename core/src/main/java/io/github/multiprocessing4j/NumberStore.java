package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.Typecode;
import io.github.multiprocessing4j.internal.shm.RobustLock;
import io.github.multiprocessing4j.internal.shm.SharedHeap;
import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shared memory of a {@link Value} (one element) or an {@link Array}: shared-heap blocks
 * tagged "value" and "array", one layout.
 *
 * <h2>Layout</h2>
 * <pre>
 *   0                                                                             32
 *   +-----------------------------------------------------------------------------+
 *   | lock (RobustLock, 32 bytes; unused by a raw value or array)                 |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | typecode (char)   | flags: 1 = lock   | length            | (reserved)        |
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | (reserved to 64)                                                            |
 *   +-----------------------------------------------------------------------------+
 *   | elements: length × width bytes, packed, natural alignment; padded to 8 bytes |
 *   +-----------------------------------------------------------------------------+
 *   64
 * </pre>
 * Everything but the elements is written once, before the block is handed out.
 */
final class NumberStore {

    static final long LOCK = 0;
    static final long TYPECODE = 32;
    static final long FLAGS = 36;
    static final long LENGTH = 40;
    static final long ELEMENTS = 64;
    static final int HAS_LOCK = 1;

    final SharedHeap.Block block;
    final SharedKind tag;
    final MemorySegment memory;
    final Typecode type;
    final int length;
    final boolean hasLock;

    NumberStore(SharedHeap.Block block, SharedKind tag) {
        this.block = block;
        this.tag = tag;
        this.memory = block.memory();
        this.type = Typecode.of((char) Words.getInt(memory, TYPECODE));
        this.length = Words.getInt(memory, LENGTH);
        this.hasLock = (Words.getInt(memory, FLAGS) & HAS_LOCK) != 0;
    }

    /** Creates the memory for {@code length} elements, initialised from {@code raws} (null: zeros). */
    static NumberStore create(SharedKind tag, Typecode type, int length, long[] raws, boolean lock) {
        if (length < 0) {
            throw new IllegalArgumentException("an array's size cannot be negative: " + length);
        }
        // Padded to 8 bytes: an atomic update of a 1- or 2-byte element works on its enclosing int.
        long elements = ((long) length * type.width + 7) & ~7L;
        SharedHeap.Block block = SharedHeap.allocate(tag, ELEMENTS + elements, body -> {
            Words.setInt(body, TYPECODE, type.code);
            Words.setInt(body, FLAGS, lock ? HAS_LOCK : 0);
            Words.setInt(body, LENGTH, length);
            if (raws != null) {
                for (int i = 0; i < raws.length; i++) {
                    type.store(body, ELEMENTS + (long) i * type.width, raws[i]);
                }
            }
        });
        return new NumberStore(block, tag);
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

    long offset(int i) {
        Objects.checkIndex(i, length);
        return ELEMENTS + (long) i * type.width;
    }

    long load(int i) {
        return type.load(memory, offset(i));
    }

    void store(int i, long raw) {
        type.store(memory, offset(i), raw);
    }

    RLock lock(String of) {
        if (!hasLock) {
            throw new IllegalStateException("a raw " + of + " has no lock: create it with " + of.toLowerCase(java.util.Locale.ROOT)
                    + "(…) instead of raw" + of + "(…), or guard it with a Lock of your own");
        }
        return new SharedRLock(block, tag, LOCK);
    }

    List<Number> list(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        List<Number> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(type.box(load(i)));
        }
        return out;
    }

    // ---- typed access, shared by Value (index 0) and Array --------------------------------------

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
        long off = offset(i);
        type.store(memory, off, type.checkedRaw(v, v));
    }

    double getDouble(int i) {
        return type.toDouble(load(i));
    }

    void setDouble(int i, double v) {
        long off = offset(i);
        type.store(memory, off, type.doubleToRaw(v));
    }

    boolean getBoolean(int i) {
        requireType(Typecode.BOOL, "getBoolean");
        return load(i) != 0;
    }

    void setBoolean(int i, boolean v) {
        requireType(Typecode.BOOL, "setBoolean");
        store(i, v ? 1 : 0);
    }

    char getChar(int i) {
        requireType(Typecode.UNICODE, "getChar");
        return (char) load(i);
    }

    void setChar(int i, char v) {
        requireType(Typecode.UNICODE, "setChar");
        store(i, v);
    }

    long addAndGet(int i, long delta) {
        return type.addAndGet(memory, offset(i), delta);
    }

    double addAndGet(int i, double delta) {
        return type.addAndGet(memory, offset(i), delta);
    }

    boolean compareAndSet(int i, long expected, long update) {
        type.requireIntegral("compareAndSet(long, long)");
        long off = offset(i);
        long raw = type.checkedRaw(update, update);
        if (expected < type.min || expected > type.max) {
            return false;
        }
        return type.cas(memory, off, type.checkedRaw(expected, expected), raw);
    }

    boolean compareAndSet(int i, double expected, double update) {
        long off = offset(i);
        long raw = type.doubleToRaw(update);
        return type.cas(memory, off, type.doubleToRaw(expected), raw);
    }

    private void requireType(Typecode wanted, String what) {
        if (type != wanted) {
            throw new IllegalStateException(what + " is for typecode '" + wanted.code + "', this one is '" + type.code + "'");
        }
    }

    String show(int max) {
        List<Number> shown = list(0, Math.min(length, max));
        String s = shown.toString();
        return length > max ? s.substring(0, s.length() - 1) + ", … (" + length + " elements)]" : s;
    }
}
