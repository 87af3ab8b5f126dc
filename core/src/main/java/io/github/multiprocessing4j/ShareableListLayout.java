package io.github.multiprocessing4j;

/**
 * The layout of a {@link ShareableList} in its {@link SharedMemory} block. Little of Python's
 * layout is kept (its format string is computed, not stored) because Python's loses data: it
 * strips trailing NUL bytes of every {@code bytes} item (cpython#106939) and sizes a string's
 * slot by characters, not UTF-8 bytes (cpython#145261). Here each slot records its value's exact
 * byte length.
 * <pre>
 *   0                 8          12         16
 *   +-----------------+----------+----------+
 *   | magic (long)    | count n  | pad      |
 *   +-----------------+----------+----------+---------------------+  16
 *   | slot 0: kind    | capacity | length   | offset (int each)   |
 *   | slot 1 …                                                    |  16 + 16 × i
 *   +-------------------------------------------------------------+  16 + 16 × n
 *   | data: each slot's capacity bytes, at its offset from here   |
 *   +-------------------------------------------------------------+
 * </pre>
 * <ul>
 *   <li><b>kind</b>: {@link #NULL}, {@link #LONG}, {@link #INT}, {@link #DOUBLE}, {@link #BOOLEAN},
 *       {@link #STRING} (UTF-8) or {@link #BYTES};</li>
 *   <li><b>capacity</b>: the slot's bytes, fixed at creation: 8 for a number, a boolean or null;
 *       for a string or bytes, its length rounded up to the next multiple of 8 above it (Python's
 *       rule: 3 bytes get 8, 8 bytes get 16), so the list's shape is Python's;</li>
 *   <li><b>length</b>: the bytes the value uses now (a string's UTF-8 length).</li>
 * </ul>
 * Numbers are stored in native byte order, as Python's {@code struct} does with its default format.
 */
final class ShareableListLayout {

    static final long MAGIC = 0x6d70346a534c3031L; // "mp4jSL01"
    static final long MAGIC_OFFSET = 0;
    static final long COUNT_OFFSET = 8;
    static final long SLOTS_OFFSET = 16;
    static final long SLOT_SIZE = 16;
    static final long KIND = 0;
    static final long CAPACITY = 4;
    static final long LENGTH = 8;
    static final long OFFSET = 12;

    static final int NULL = 0;
    static final int LONG = 1;
    static final int INT = 2;
    static final int DOUBLE = 3;
    static final int BOOLEAN = 4;
    static final int STRING = 5;
    static final int BYTES = 6;

    private ShareableListLayout() {
    }

    /** @return where slot {@code i}'s header starts */
    static long slot(int i) {
        return SLOTS_OFFSET + SLOT_SIZE * i;
    }

    /** @return where the data of a list of {@code n} items starts */
    static long data(int n) {
        return SLOTS_OFFSET + SLOT_SIZE * n;
    }

    /** Python's slot size for a string or bytes of {@code length} bytes. */
    static int capacityFor(int length) {
        return 8 * (length / 8 + 1);
    }
}
