package io.github.multiprocessing4j.hazelcast.objects;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The typecodes of {@code Value} and {@code Array}, with the conversions, ranges and messages of
 * core's local values (core keeps its own enum package-private): a value is stored as a raw
 * {@code long}, as core stores it in shared memory, so both wrap, box and compare alike.
 */
enum NumberType {
    BYTE('b', Byte.MIN_VALUE, Byte.MAX_VALUE, "byte"),
    UNSIGNED_BYTE('B', 0, 0xFF, "unsigned byte"),
    SHORT('h', Short.MIN_VALUE, Short.MAX_VALUE, "short"),
    UNSIGNED_SHORT('H', 0, 0xFFFF, "unsigned short"),
    INT('i', Integer.MIN_VALUE, Integer.MAX_VALUE, "int"),
    UNSIGNED_INT('I', 0, 0xFFFFFFFFL, "unsigned int"),
    LONG('l', Long.MIN_VALUE, Long.MAX_VALUE, "long"),
    LONG_LONG('q', Long.MIN_VALUE, Long.MAX_VALUE, "long"),
    FLOAT('f', 0, 0, "float"),
    DOUBLE('d', 0, 0, "double"),
    CHAR('c', Byte.MIN_VALUE, 255, "a single byte"),
    UNICODE('u', Character.MIN_VALUE, Character.MAX_VALUE, "char"),
    BOOL('?', 0, 1, "boolean (0 or 1)");

    final char code;
    final long min;
    final long max;
    final String holds;

    NumberType(char code, long min, long max, String holds) {
        this.code = code;
        this.min = min;
        this.max = max;
        this.holds = holds;
    }

    static NumberType of(char code) {
        for (NumberType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown typecode '" + code + "': the valid ones are "
                + Arrays.stream(values()).map(t -> "'" + t.code + "' (" + t.holds + ")").collect(Collectors.joining(", ")));
    }

    boolean floating() {
        return this == FLOAT || this == DOUBLE;
    }

    long toRaw(Number v) {
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
        return checkedRaw(integral(v), v);
    }

    long checkedRaw(long x, Object shown) {
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

    Number box(long raw) {
        return switch (this) {
            case BYTE, CHAR -> (byte) raw;
            case SHORT -> (short) raw;
            case INT, UNSIGNED_BYTE, UNSIGNED_SHORT, UNICODE, BOOL -> (int) raw;
            case LONG, LONG_LONG, UNSIGNED_INT -> raw;
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
        };
    }

    double toDouble(long raw) {
        return switch (this) {
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
            default -> raw;
        };
    }

    long doubleToRaw(double d) {
        requireFloating("a floating-point value");
        return toRaw(d);
    }

    void requireIntegral(String what) {
        if (floating()) {
            throw new IllegalStateException("typecode '" + code + "' holds " + holds + ", not integers: " + what
                    + " is for integer typecodes (use the double forms)");
        }
    }

    void requireFloating(String what) {
        if (!floating()) {
            throw new IllegalStateException("typecode '" + code + "' holds " + holds + ", not floating-point numbers: "
                    + what + " is for 'f' and 'd' (use the long forms)");
        }
    }

    void requireType(NumberType wanted, String what) {
        if (this != wanted) {
            throw new IllegalStateException(what + " is for typecode '" + wanted.code + "', this one is '" + code + "'");
        }
    }

    /**
     * Runs on a member: adds {@code delta} to a raw integer, refusing to leave the range.
     *
     * @return the new raw value, or the message of the {@link ArithmeticException} to throw
     */
    Object add(long raw, long delta) {
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
