package io.github.multiprocessing4j;

/**
 * One number in shared memory: Python's {@code multiprocessing.Value} / {@code RawValue}. Every
 * process that has the value (captured by a lambda, passed to a {@link Process}) reads and
 * writes the same memory.
 *
 * <pre>{@code
 * Value counter = Multiprocessing.value('i', 0);
 * Process p = new Process(() -> {
 *     for (int i = 0; i < 1000; i++) {
 *         counter.incrementAndGet();                 // atomic, no lock needed
 *     }
 * });
 * p.start();
 * p.join();
 * System.out.println(counter.get());                  // 1000
 *
 * // a read-modify-write of several steps needs the value's lock, as in Python:
 * try (var held = counter.getLock().acquired()) {
 *     counter.setInt(counter.getInt() * 2);
 * }
 * }</pre>
 *
 * <h2>Typecodes</h2>
 * {@code 'b'} byte, {@code 'h'} short, {@code 'i'} int, {@code 'l'} and {@code 'q'} long,
 * {@code 'f'} float, {@code 'd'} double, {@code 'c'} a single byte (-128 to 255, read back as a
 * {@code Byte}), {@code 'u'} a {@code char} (read back as its {@code Integer} code), {@code '?'} a
 * boolean (0 or 1, read back as an {@code Integer}); and the unsigned {@code 'B'} (0 to 255) and
 * {@code 'H'} (0 to 65535), read back as {@code Integer}, and {@code 'I'} (0 to 2<sup>32</sup>-1),
 * read back as {@code Long}. {@link #get()} boxes to the matching {@link Number}; the typed
 * accessors do not box.
 *
 * <h2>Errors</h2>
 * A value that does not fit the typecode ({@code set(1.5)} on {@code 'i'}, 300 on {@code 'b'})
 * throws {@link IllegalArgumentException}; an atomic operation whose result would leave the
 * range throws {@link ArithmeticException}; an integer operation on {@code 'f'}/{@code 'd'}, or a
 * floating one on an integer typecode, throws {@link IllegalStateException}. In every case the
 * value is unchanged.
 *
 * <h2>Lifetime</h2>
 * The memory lives as long as the run: it is freed when the root JVM exits (or, if that JVM
 * was killed, by the next root JVM's sweep). There is no explicit free; a long-running
 * application should create its shared values once and reuse them.
 */
public interface Value {

    /** {@return the value, boxed as the typecode's Number type} */
    Number get();

    /**
     * Writes the value.
     *
     * @param v the new value; must fit the typecode
     * @throws IllegalArgumentException when it does not (the value is unchanged)
     */
    void set(Number v);

    /** {@return the typecode} */
    char typecode();

    /**
     * The lock that guards compound updates (Python's {@code get_lock()}).
     *
     * @return the {@link RLock} created with this value (Python's {@code get_lock()})
     * @throws IllegalStateException for a raw value, which has none
     */
    RLock getLock();

    /** {@return the value as an int; for {@code 'l'}/{@code 'q'} when it fits (else ArithmeticException)} */
    int getInt();

    /**
     * Writes an int, without boxing.
     *
     * @param v the new value, range-checked for the typecode
     */
    void setInt(int v);

    /** {@return the value as a long (integer typecodes)} */
    long getLong();

    /**
     * Writes a long, without boxing (integer typecodes).
     *
     * @param v the new value, range-checked for the typecode (integer typecodes)
     */
    void setLong(long v);

    /** {@return the value as a double (any typecode)} */
    double getDouble();

    /**
     * Writes a double, without boxing.
     *
     * @param v the new value ({@code 'f'} and {@code 'd'} only)
     */
    void setDouble(double v);

    /** {@return the value of a {@code '?'} value} */
    boolean getBoolean();

    /**
     * Writes the value of a {@code '?'} value.
     *
     * @param v the new value of a {@code '?'} value
     */
    void setBoolean(boolean v);

    /** {@return the value of a {@code 'u'} value} */
    char getChar();

    /**
     * Writes the value of a {@code 'u'} (or {@code 'c'}) value.
     *
     * @param v the new value of a {@code 'u'} value
     */
    void setChar(char v);

    /** {@return the value after atomically adding 1 (integer typecodes)} */
    long incrementAndGet();

    /** {@return the value after atomically subtracting 1 (integer typecodes)} */
    long decrementAndGet();

    /**
     * Adds {@code delta}, atomically, without the lock (integer typecodes).
     *
     * @param delta what to add atomically (integer typecodes)
     * @return the new value
     * @throws ArithmeticException when the result would leave the typecode's range
     */
    long addAndGet(long delta);

    /**
     * Adds {@code delta}, atomically, without the lock ({@code 'f'} and {@code 'd'}).
     *
     * @param delta what to add atomically ({@code 'f'} and {@code 'd'})
     * @return the new value
     */
    double addAndGet(double delta);

    /**
     * Atomically sets the value to {@code update} if it is {@code expected} (integer typecodes).
     *
     * @param update the value to set if the expected one is there
     * @param expected the value expected
     * @return whether it was set
     */
    boolean compareAndSet(long expected, long update);

    /**
     * Atomically sets the value to {@code update} if it is {@code expected} ({@code 'f'} and
     * {@code 'd'}; compared bit for bit, as {@link Double#equals}).
     *
     * @param update the value to set if the expected one is there
     * @param expected the value expected
     * @return whether it was set
     */
    boolean compareAndSet(double expected, double update);
}
