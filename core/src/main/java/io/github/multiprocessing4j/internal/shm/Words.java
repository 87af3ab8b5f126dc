package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Atomic access to aligned 32- and 64-bit words of shared memory, through {@link VarHandle}s on
 * {@link MemorySegment}s. Every layout in this package reads and writes its words through here.
 *
 * <p>All methods take the segment and a byte offset into it; the offset must be aligned to the
 * word's size (4 or 8), or the access throws {@link IllegalArgumentException}. "Volatile" here is
 * Java's volatile semantics (sequentially consistent), which also holds across processes that
 * map the same file: the hardware does not know about JVMs.
 */
public final class Words {

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private Words() {
    }

    public static int getInt(MemorySegment s, long offset) {
        return (int) INT.getVolatile(s, offset);
    }

    public static int getIntAcquire(MemorySegment s, long offset) {
        return (int) INT.getAcquire(s, offset);
    }

    public static void setInt(MemorySegment s, long offset, int value) {
        INT.setVolatile(s, offset, value);
    }

    public static void setIntRelease(MemorySegment s, long offset, int value) {
        INT.setRelease(s, offset, value);
    }

    public static boolean casInt(MemorySegment s, long offset, int expected, int value) {
        return INT.compareAndSet(s, offset, expected, value);
    }

    public static int getAndAddInt(MemorySegment s, long offset, int delta) {
        return (int) INT.getAndAdd(s, offset, delta);
    }

    public static int getAndSetInt(MemorySegment s, long offset, int value) {
        return (int) INT.getAndSet(s, offset, value);
    }

    public static long getLong(MemorySegment s, long offset) {
        return (long) LONG.getVolatile(s, offset);
    }

    public static void setLong(MemorySegment s, long offset, long value) {
        LONG.setVolatile(s, offset, value);
    }

    public static void setLongRelease(MemorySegment s, long offset, long value) {
        LONG.setRelease(s, offset, value);
    }

    public static boolean casLong(MemorySegment s, long offset, long expected, long value) {
        return LONG.compareAndSet(s, offset, expected, value);
    }

    public static long getAndAddLong(MemorySegment s, long offset, long delta) {
        return (long) LONG.getAndAdd(s, offset, delta);
    }
}
