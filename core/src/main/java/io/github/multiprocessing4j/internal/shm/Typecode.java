package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The element types of {@code Value} and {@code Array} (of shared memory here, of a cluster's
 * entries in the {@code hazelcast} module), by Python typecode: how many bytes an
 * element takes, what range it holds, how a {@link Number} converts to it and back.
 *
 * <p>Inside, every element is handled as a {@code long} "raw" value: integers sign-extended
 * (unsigned ones, {@code 'u'} and {@code '?'} zero-extended), {@code 'f'} as its float bits, {@code 'd'} as
 * its double bits. Loads are acquire, stores release; compare-and-set works on the element's
 * bits, for 1- and 2-byte elements through the enclosing aligned int.
 */
public enum Typecode {
    BYTE('b', 1, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte"),
    UNSIGNED_BYTE('B', 1, 0, 0xFF, "unsigned byte"),
    SHORT('h', 2, Short.MIN_VALUE, Short.MAX_VALUE, "short"),
    UNSIGNED_SHORT('H', 2, 0, 0xFFFF, "unsigned short"),
    INT('i', 4, Integer.MIN_VALUE, Integer.MAX_VALUE, "int"),
    UNSIGNED_INT('I', 4, 0, 0xFFFFFFFFL, "unsigned int"),
    LONG('l', 8, Long.MIN_VALUE, Long.MAX_VALUE, "long"),
    LONG_LONG('q', 8, Long.MIN_VALUE, Long.MAX_VALUE, "long"),
    FLOAT('f', 4, 0, 0, "float"),
    DOUBLE('d', 8, 0, 0, "double"),
    CHAR('c', 1, Byte.MIN_VALUE, 255, "a single byte"),
    UNICODE('u', 2, Character.MIN_VALUE, Character.MAX_VALUE, "char"),
    BOOL('?', 1, 0, 1, "boolean (0 or 1)");

    private static final VarHandle B = ValueLayout.JAVA_BYTE.varHandle();
    private static final VarHandle S = ValueLayout.JAVA_SHORT.varHandle();
    private static final VarHandle I = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle L = ValueLayout.JAVA_LONG.varHandle();
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    public final char code;
    public final int width;
    public final long min;
    public final long max;
    public final String holds;

    Typecode(char code, int width, long min, long max, String holds) {
        this.code = code;
        this.width = width;
        this.min = min;
        this.max = max;
        this.holds = holds;
    }

    public static Typecode of(char code) {
        for (Typecode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown typecode '" + code + "': the valid ones are "
                + Arrays.stream(values()).map(t -> "'" + t.code + "' (" + t.holds + ")").collect(Collectors.joining(", ")));
    }

    public boolean floating() {
        return this == FLOAT || this == DOUBLE;
    }

    // ---- conversions between Number and raw -------------------------------------------------

    /** @return {@code v} as this type's raw value; IllegalArgumentException when it does not fit */
    public long toRaw(Number v) {
        if (v == null) {
            throw new IllegalArgumentException("typecode '" + code + "' holds " + holds + "; null is not a number");
        }
        if (floating()) {
            double d = v.doubleValue();
            if (this == FLOAT) {
                if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                    throw new IllegalArgumentException("typecode 'f' holds float; " + v + " is out of its range");
                }
                return Float.floatToRawIntBits((float) d) & 0xFFFFFFFFL;
            }
            return Double.doubleToRawLongBits(d);
        }
        long x = integral(v);
        return checkedRaw(x, v);
    }

    /** @return the raw value of the integer {@code x}; IllegalArgumentException when out of range */
    public long checkedRaw(long x, Object shown) {
        if (x < min || x > max) {
            throw new IllegalArgumentException("typecode '" + code + "' holds " + holds + " (" + min + " to " + max + "); "
                    + shown + " is out of range");
        }
        return this == CHAR ? (byte) x : x;
    }

    private long integral(Number v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof AtomicInteger || v instanceof AtomicLong) {
            return v.longValue();
        }
        if (v instanceof BigInteger big) {
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException("typecode '" + code + "' holds " + holds + "; " + v + " is out of range");
            }
            return big.longValue();
        }
        if (v instanceof BigDecimal dec) {
            try {
                return dec.longValueExact();
            } catch (ArithmeticException e) {
                throw notIntegral(v);
            }
        }
        throw notIntegral(v);
    }

    private IllegalArgumentException notIntegral(Number v) {
        return new IllegalArgumentException("typecode '" + code + "' holds " + holds + "; " + v + " ("
                + v.getClass().getSimpleName() + ") is not an integer");
    }

    /** @return the raw value as the boxed Number {@code get()} returns */
    public Number box(long raw) {
        return switch (this) {
            case BYTE, CHAR -> (byte) raw;
            case SHORT -> (short) raw;
            case INT, UNSIGNED_BYTE, UNSIGNED_SHORT, UNICODE, BOOL -> (int) raw;
            case LONG, LONG_LONG, UNSIGNED_INT -> raw;
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
        };
    }

    public double toDouble(long raw) {
        return switch (this) {
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
            default -> raw;
        };
    }

    public long doubleToRaw(double d) {
        requireFloating("a floating-point value");
        return toRaw(d);
    }

    public void requireIntegral(String what) {
        if (floating()) {
            throw new IllegalStateException("typecode '" + code + "' holds " + holds + ", not integers: " + what
                    + " is for integer typecodes (use the double forms)");
        }
    }

    public void requireFloating(String what) {
        if (!floating()) {
            throw new IllegalStateException("typecode '" + code + "' holds " + holds + ", not floating-point numbers: "
                    + what + " is for 'f' and 'd' (use the long forms)");
        }
    }

    // ---- memory access --------------------------------------------------------------------------

    public long load(MemorySegment m, long off) {
        return switch (width) {
            case 1 -> min == 0 ? (byte) B.getAcquire(m, off) & 0xFF : (byte) B.getAcquire(m, off);
            case 2 -> min == 0 ? (short) S.getAcquire(m, off) & 0xFFFF : (short) S.getAcquire(m, off);
            case 4 -> min == 0 ? (int) I.getAcquire(m, off) & 0xFFFFFFFFL : (int) I.getAcquire(m, off);
            default -> (long) L.getAcquire(m, off);
        };
    }

    public void store(MemorySegment m, long off, long raw) {
        switch (width) {
            case 1 -> B.setRelease(m, off, (byte) raw);
            case 2 -> S.setRelease(m, off, (short) raw);
            case 4 -> I.setRelease(m, off, (int) raw);
            default -> L.setRelease(m, off, raw);
        }
    }

    /** Atomically replaces the element if its bits are {@code expected}'s. */
    public boolean cas(MemorySegment m, long off, long expected, long raw) {
        if (width == 8) {
            return L.compareAndSet(m, off, expected, raw);
        }
        if (width == 4) {
            return I.compareAndSet(m, off, (int) expected, (int) raw);
        }
        long word = off & ~3L;
        int shift = (int) (LITTLE ? (off - word) * 8 : (4 - width - (off - word)) * 8);
        int mask = (width == 1 ? 0xFF : 0xFFFF) << shift;
        for (;;) {
            int current = (int) I.getVolatile(m, word);
            if ((current & mask) != (((int) expected << shift) & mask)) {
                return false;
            }
            int next = (current & ~mask) | (((int) raw << shift) & mask);
            if (I.compareAndSet(m, word, current, next)) {
                return true;
            }
        }
    }

    /** Atomically adds {@code delta} to an integer element, refusing to leave the type's range. */
    public long addAndGet(MemorySegment m, long off, long delta) {
        requireIntegral("addAndGet");
        if (this == BOOL) {
            throw new IllegalStateException("typecode '?' holds booleans: there is no arithmetic on them");
        }
        for (;;) {
            long raw = load(m, off);
            long next;
            try {
                next = Math.addExact(raw, delta);
            } catch (ArithmeticException e) {
                throw new ArithmeticException("typecode '" + code + "': " + raw + " + " + delta + " overflows");
            }
            if (next < min || next > max) {
                throw new ArithmeticException("typecode '" + code + "' holds " + holds + " (" + min + " to " + max + "): "
                        + raw + " + " + delta + " = " + next + " is out of range; the value is unchanged");
            }
            if (cas(m, off, raw, next)) {
                return next;
            }
        }
    }

    /** Atomically adds {@code delta} to a floating-point element. */
    public double addAndGet(MemorySegment m, long off, double delta) {
        requireFloating("addAndGet(double)");
        for (;;) {
            long raw = load(m, off);
            double next = toDouble(raw) + delta;
            if (cas(m, off, raw, toRaw(next))) {
                return this == FLOAT ? (float) next : next;
            }
        }
    }

    public void requireType(Typecode wanted, String what) {
        if (this != wanted) {
            throw new IllegalStateException(what + " is for typecode '" + wanted.code + "', this one is '" + code + "'");
        }
    }

    /**
     * Runs on a member: adds {@code delta} to a raw integer, refusing to leave the range.
     *
     * @return the new raw value, or the message of the {@link ArithmeticException} to throw
     */
    public Object add(long raw, long delta) {
        long next;
        try {
            next = Math.addExact(raw, delta);
        } catch (ArithmeticException e) {
            return "typecode '" + code + "': " + raw + " + " + delta + " overflows";
        }
        if (next < min || next > max) {
            return "typecode '" + code + "' holds " + holds + " (" + min + " to " + max + "): "
                    + raw + " + " + delta + " = " + next + " is out of range; the value is unchanged";
        }
        return next;
    }
}
