package io.github.multiprocessing4j.internal.serial;

/**
 * The encoding of a block of values: the items of a pool chunk, or its results. A block whose
 * items are all Integers, all Longs or all Doubles travels as a column of raw numbers (and is
 * read back as a primitive array by {@link #decodeColumn}: a map's million numeric results stay
 * a few megabytes, with no boxing until they are read); any other block is one
 * {@code Object[]} written by {@link CompactSerializer}, in one stream. {@link RemoteFailure}s
 * travel in place of failed results.
 *
 * <pre>
 *  block   := int count, byte format, body
 *  format  INTS     body := count × int              every item an Integer
 *          LONGS    body := count × long             every item a Long
 *          DOUBLES  body := count × long (raw bits)  every item a Double
 *          OBJECTS  body := bytes (CompactSerializer of the Object[] of the items)
 * </pre>
 */
public final class ValueCodec {

    private static final byte INTS = 1;
    private static final byte LONGS = 2;
    private static final byte DOUBLES = 3;
    private static final byte OBJECTS = 4;

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
            Object[] block = from == 0 && to == items.length ? items : java.util.Arrays.copyOfRange(items, from, to);
            out.putByte(OBJECTS);
            out.putBytes(CompactSerializer.INSTANCE.serialize(block, what));
        }
    }

    /**
     * Reads one block as a column: an {@code int[]}, {@code long[]} or {@code double[]} for the
     * numeric formats, else an {@code Object[]}. Read it with {@link Column}.
     *
     * @throws SerializationException when an object cannot be read here
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
            case OBJECTS -> {
                Object[] items = (Object[]) CompactSerializer.INSTANCE.deserialize(in.getBytes());
                if (items.length != count) {
                    throw new SerializationException("corrupt value block: " + items.length + " items, " + count + " announced", null);
                }
                return items;
            }
            default -> throw new IllegalStateException("unknown value block format " + format);
        }
    }

    /**
     * Reads one block, boxing its values.
     *
     * @throws SerializationException when an object cannot be read here
     */
    public static Object[] decode(ByteSource in) {
        Object column = decodeColumn(in);
        if (column instanceof int[] ints) { // the common case, without Column's switch per item
            Object[] items = new Object[ints.length];
            for (int i = 0; i < ints.length; i++) {
                items[i] = ints[i];
            }
            return items;
        }
        return Column.boxed(column);
    }
}
