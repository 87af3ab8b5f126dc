package io.github.multiprocessing4j.internal.serial;

/**
 * Reads the columns {@link ValueCodec#decodeColumn} returns: an {@code int[]}, {@code long[]},
 * {@code double[]} or {@code Object[]}, boxing a primitive value only when it is read.
 */
public final class Column {

    private Column() {
    }

    public static int length(Object column) {
        return switch (column) {
            case int[] a -> a.length;
            case long[] a -> a.length;
            case double[] a -> a.length;
            case Object[] a -> a.length;
            default -> throw new IllegalArgumentException("not a column: " + column.getClass());
        };
    }

    public static Object get(Object column, int i) {
        return switch (column) {
            case int[] a -> a[i];
            case long[] a -> a[i];
            case double[] a -> a[i];
            case Object[] a -> a[i];
            default -> throw new IllegalArgumentException("not a column: " + column.getClass());
        };
    }

    /** @return the column as boxed values (the same array when it already is one) */
    public static Object[] boxed(Object column) {
        if (column instanceof Object[] a) {
            return a;
        }
        Object[] out = new Object[length(column)];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(column, i);
        }
        return out;
    }
}
