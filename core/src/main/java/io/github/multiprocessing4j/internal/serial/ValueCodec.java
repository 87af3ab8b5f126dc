package io.github.multiprocessing4j.internal.serial;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoding of a block of values: the items of a pool chunk, or its results. A block of
 * Integers, Longs or Doubles travels as a column of raw numbers (and is read back as a primitive
 * array, {@link #decodeColumn}); otherwise scalars and strings travel as a tag and their bytes,
 * and everything else is gathered into one side array per block, written by
 * {@link CompactSerializer} (records, collections and lambdas compactly, the rest by JDK
 * serialization, in one stream per block). {@link RemoteFailure}s travel in place of failed
 * results.
 *
 * <pre>
 *  block   := int count, byte format, body
 *  format  INTS    body := count × int              every item an Integer
 *          LONGS   body := count × long             every item a Long
 *          DOUBLES body := count × long (raw bits)  every item a Double
 *          TAGGED  body := int sideLength, side bytes (an Object[] by CompactSerializer; absent when the
 *                          length is 0), then count × item
 *  item    := byte tag, payload: NULL | INT int | LONG long | DOUBLE long | FLOAT int | SHORT int
 *             | BYTE byte | CHAR int | TRUE | FALSE | STRING string | BYTES bytes
 *             | SIDE (the next element of the side array) | FAILURE {@link RemoteFailure}
 * </pre>
 */
public final class ValueCodec {

    private static final byte INTS = 1;
    private static final byte LONGS = 2;
    private static final byte DOUBLES = 3;
    private static final byte TAGGED = 4;

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte FLOAT = 4;
    private static final byte SHORT = 5;
    private static final byte BYTE = 6;
    private static final byte CHAR = 7;
    private static final byte TRUE = 8;
    private static final byte FALSE = 9;
    private static final byte STRING = 10;
    private static final byte BYTES = 11;
    private static final byte SIDE = 12;
    private static final byte FAILURE = 13;

    private ValueCodec() {
    }

    /**
     * Encodes {@code items[from, to)}.
     *
     * @param what what the items are, for the message when one cannot be serialized ("an item of map")
     * @throws IllegalArgumentException when an item cannot be serialized; the message names its type
     */
    public static void encode(ByteSink out, Object[] items, int from, int to, String what) {
        int count = to - from;
        out.putInt(count);
        Class<?> uniform = count > 0 && items[from] != null ? items[from].getClass() : null;
        for (int i = from + 1; i < to && uniform != null; i++) {
            if (items[i] == null || items[i].getClass() != uniform) {
                uniform = null;
            }
        }
        if (uniform == Integer.class) {
            out.putByte(INTS);
            out.putInts(items, from, to);
        } else if (uniform == Long.class) {
            out.putByte(LONGS);
            for (int i = from; i < to; i++) {
                out.putLong((Long) items[i]);
            }
        } else if (uniform == Double.class) {
            out.putByte(DOUBLES);
            for (int i = from; i < to; i++) {
                out.putLong(Double.doubleToRawLongBits((Double) items[i]));
            }
        } else {
            encodeTagged(out, items, from, to, what);
        }
    }

    private static void encodeTagged(ByteSink out, Object[] items, int from, int to, String what) {
        out.putByte(TAGGED);
        List<Object> side = null;
        for (int i = from; i < to; i++) {
            if (!isCompact(items[i])) {
                if (side == null) {
                    side = new ArrayList<>();
                }
                side.add(items[i]);
            }
        }
        if (side == null) {
            out.putInt(0);
        } else {
            out.putBytes(CompactSerializer.INSTANCE.serialize(side.toArray(), what));
        }
        for (int i = from; i < to; i++) {
            putTagged(out, items[i]);
        }
    }

    private static boolean isCompact(Object v) {
        return v == null || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof String
                || v instanceof Boolean || v instanceof byte[] || v instanceof Float || v instanceof Short
                || v instanceof Byte || v instanceof Character || v instanceof RemoteFailure;
    }

    private static void putTagged(ByteSink out, Object v) {
        switch (v) {
            case null -> out.putByte(NULL);
            case Integer i -> out.putByte(INT).putInt(i);
            case Long l -> out.putByte(LONG).putLong(l);
            case Double d -> out.putByte(DOUBLE).putLong(Double.doubleToRawLongBits(d));
            case String s -> out.putByte(STRING).putString(s);
            case Boolean b -> out.putByte(b ? TRUE : FALSE);
            case byte[] bytes -> out.putByte(BYTES).putBytes(bytes);
            case Float f -> out.putByte(FLOAT).putInt(Float.floatToRawIntBits(f));
            case Short s -> out.putByte(SHORT).putInt(s);
            case Byte b -> out.putByte(BYTE).putByte(b);
            case Character c -> out.putByte(CHAR).putInt(c);
            case RemoteFailure f -> {
                out.putByte(FAILURE);
                f.writeTo(out);
            }
            default -> out.putByte(SIDE);
        }
    }

    /**
     * Reads one block as a column: an {@code int[]}, {@code long[]} or {@code double[]} for the
     * uniform formats (no boxing: a map's million results stay a few megabytes), else an
     * {@code Object[]}. Read it with {@link Column}.
     *
     * @throws SerializationException when an object of the side array cannot be read here
     */
    public static Object decodeColumn(ByteSource in) {
        int count = in.getInt();
        byte format = (byte) in.getByte();
        switch (format) {
            case INTS -> {
                int[] values = new int[count];
                in.getInts(values);
                return values;
            }
            case LONGS -> {
                long[] values = new long[count];
                in.getLongs(values);
                return values;
            }
            case DOUBLES -> {
                long[] bits = new long[count];
                in.getLongs(bits);
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Double.longBitsToDouble(bits[i]);
                }
                return values;
            }
            case TAGGED -> {
                Object[] items = new Object[count];
                decodeTagged(in, items);
                return items;
            }
            default -> throw new IllegalStateException("unknown value block format " + format);
        }
    }

    /**
     * Reads one block, boxing its values.
     *
     * @throws SerializationException when an object of the side array cannot be read here
     */
    public static Object[] decode(ByteSource in) {
        int count = in.getInt();
        byte format = (byte) in.getByte();
        Object[] items = new Object[count];
        switch (format) {
            case INTS -> {
                int[] values = new int[count];
                in.getInts(values);
                for (int i = 0; i < count; i++) {
                    items[i] = values[i];
                }
            }
            case LONGS -> {
                for (int i = 0; i < count; i++) {
                    items[i] = in.getLong();
                }
            }
            case DOUBLES -> {
                for (int i = 0; i < count; i++) {
                    items[i] = Double.longBitsToDouble(in.getLong());
                }
            }
            case TAGGED -> decodeTagged(in, items);
            default -> throw new IllegalStateException("unknown value block format " + format);
        }
        return items;
    }

    private static void decodeTagged(ByteSource in, Object[] items) {
        byte[] sideBytes = in.getBytes();
        Object[] side = sideBytes.length == 0 ? null : (Object[]) CompactSerializer.INSTANCE.deserialize(sideBytes);
        int next = 0;
        for (int i = 0; i < items.length; i++) {
            byte tag = (byte) in.getByte();
            items[i] = switch (tag) {
                case NULL -> null;
                case INT -> in.getInt();
                case LONG -> in.getLong();
                case DOUBLE -> Double.longBitsToDouble(in.getLong());
                case STRING -> in.getString();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case BYTES -> in.getBytes();
                case FLOAT -> Float.intBitsToFloat(in.getInt());
                case SHORT -> (short) in.getInt();
                case BYTE -> (byte) in.getByte();
                case CHAR -> (char) in.getInt();
                case FAILURE -> RemoteFailure.readFrom(in);
                case SIDE -> {
                    if (side == null || next >= side.length) {
                        throw new IllegalStateException("corrupt value block: more SIDE items than side objects");
                    }
                    yield side[next++];
                }
                default -> throw new IllegalStateException("unknown value tag " + tag);
            };
        }
    }
}
