package io.github.multiprocessing4j;

import java.util.List;

/**
 * A fixed-length array of numbers in shared memory: Python's {@code multiprocessing.Array} /
 * {@code RawArray}. Every process that has the array reads and writes the same memory. The
 * typecodes, conversions and errors are those of {@link Value}; an index out of range throws
 * {@link IndexOutOfBoundsException}.
 *
 * <pre>{@code
 * Array a = Multiprocessing.array('i', 1, 2, 3, 4);
 * Process p = new Process(() -> {
 *     try (var held = a.getLock().acquired()) {
 *         for (int i = 0; i < a.length(); i++) {
 *             a.setInt(i, a.getInt(i) + 1);
 *         }
 *     }
 * });
 * p.start();
 * p.join();
 * System.out.println(a.toList());     // [2, 3, 4, 5]
 * }</pre>
 *
 * <p>Elements are read with acquire and written with release semantics; a read-modify-write
 * of several elements needs the lock. The typed accessors ({@code getDouble(i)} …) and atomic
 * operations do not box. Like a {@link Value}, the memory lives as long as the run.
 */
public interface Array {

    /** {@return the number of elements} */
    int length();

    /**
     * Reads element {@code i}.
     *
     * @return element {@code i}, boxed as the typecode's Number type
     *
     * @param i the index, from 0
     */
    Number get(int i);

    /**
     * Writes element {@code i}.
     *
     * @param i the index
     * @param v the new value; must fit the typecode
     * @throws IllegalArgumentException when it does not (the array is unchanged)
     */
    void set(int i, Number v);

    /** {@return every element, in order (a copy)} */
    List<Number> toList();

    /** {@return the typecode} */
    char typecode();

    /**
     * The lock that guards compound updates (Python's {@code get_lock()}).
     *
     * @return the {@link RLock} created with this array
     * @throws IllegalStateException for a raw array, which has none
     */
    RLock getLock();

    /**
     * Python's {@code arr[from:to]}.
     *
     * @param to the end index, exclusive
     * @param from the first index, inclusive
     * @return elements {@code from} (inclusive) to {@code to} (exclusive), a copy
     */
    List<Number> slice(int from, int to);

    /**
     * Python's {@code arr[from:from + values.length] = values}: every value is checked before
     * any is written.
     *
     * @param from   the first index written
     * @param values the new values
     */
    void setSlice(int from, Number... values);

    /**
     * Reads element {@code i} as an int, without boxing.
     *
     * @return element {@code i} as an int (integer typecodes; ArithmeticException when it does not fit)
     *
     * @param i the index, from 0
     */
    int getInt(int i);

    /**
     * Sets element {@code i}, range-checked for the typecode (integer typecodes).
     *
     * @param v the new value; it must fit the typecode
     * @param i the index, from 0
     */
    void setInt(int i, int v);

    /**
     * Reads element {@code i} as a long, without boxing (integer typecodes).
     *
     * @return element {@code i} as a long (integer typecodes)
     *
     * @param i the index, from 0
     */
    long getLong(int i);

    /**
     * Sets element {@code i}, range-checked for the typecode (integer typecodes).
     *
     * @param v the new value; it must fit the typecode
     * @param i the index, from 0
     */
    void setLong(int i, long v);

    /**
     * Reads element {@code i} as a double (any typecode).
     *
     * @return element {@code i} as a double (any typecode)
     *
     * @param i the index, from 0
     */
    double getDouble(int i);

    /**
     * Sets element {@code i} ({@code 'f'} and {@code 'd'} only).
     *
     * @param v the new value; it must fit the typecode
     * @param i the index, from 0
     */
    void setDouble(int i, double v);

    /**
     * Reads element {@code i} of a {@code '?'} array.
     *
     * @return element {@code i} of a {@code '?'} array
     *
     * @param i the index, from 0
     */
    boolean getBoolean(int i);

    /**
     * Sets element {@code i} of a {@code '?'} array.
     *
     * @param v the new value; it must fit the typecode
     * @param i the index, from 0
     */
    void setBoolean(int i, boolean v);

    /**
     * Reads element {@code i} of a {@code 'u'} (or {@code 'c'}) array.
     *
     * @return element {@code i} of a {@code 'u'} array
     *
     * @param i the index, from 0
     */
    char getChar(int i);

    /**
     * Sets element {@code i} of a {@code 'u'} array.
     *
     * @param v the new value; it must fit the typecode
     * @param i the index, from 0
     */
    void setChar(int i, char v);

    /**
     * Adds one to element {@code i}, atomically, without the lock.
     *
     * @return element {@code i} after atomically adding 1 (integer typecodes)
     *
     * @param i the index, from 0
     */
    long incrementAndGet(int i);

    /**
     * Adds {@code delta} to element {@code i}, atomically, without the lock (integer typecodes).
     *
     * @param delta the amount to add
     * @return element {@code i} after atomically adding {@code delta} (integer typecodes)
     *
     * @param i the index, from 0
     */
    long addAndGet(int i, long delta);

    /**
     * Adds {@code delta} to element {@code i}, atomically, without the lock ({@code 'f'} and {@code 'd'}).
     *
     * @param delta the amount to add
     * @return element {@code i} after atomically adding {@code delta} ({@code 'f'}, {@code 'd'})
     *
     * @param i the index, from 0
     */
    double addAndGet(int i, double delta);

    /**
     * Atomically sets element {@code i} to {@code update} if it is {@code expected} (integer typecodes).
     *
     * @param update the value to set if the expected one is there
     * @param i the index, from 0
     * @param expected the value expected
     * @return true when element {@code i} held {@code expected} and now holds {@code update}
     */
    boolean compareAndSet(int i, long expected, long update);

    /**
     * Atomically sets element {@code i} to {@code update} if it is {@code expected} ({@code 'f'}, {@code 'd'}).
     *
     * @param update the value to set if the expected one is there
     * @param i the index, from 0
     * @param expected the value expected
     * @return true when element {@code i} held {@code expected} and now holds {@code update}
     */
    boolean compareAndSet(int i, double expected, double update);
}
