package io.github.multiprocessing4j;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import static io.github.multiprocessing4j.ShareableListLayout.BOOLEAN;
import static io.github.multiprocessing4j.ShareableListLayout.BYTES;
import static io.github.multiprocessing4j.ShareableListLayout.CAPACITY;
import static io.github.multiprocessing4j.ShareableListLayout.DOUBLE;
import static io.github.multiprocessing4j.ShareableListLayout.INT;
import static io.github.multiprocessing4j.ShareableListLayout.KIND;
import static io.github.multiprocessing4j.ShareableListLayout.LENGTH;
import static io.github.multiprocessing4j.ShareableListLayout.LONG;
import static io.github.multiprocessing4j.ShareableListLayout.NULL;
import static io.github.multiprocessing4j.ShareableListLayout.OFFSET;
import static io.github.multiprocessing4j.ShareableListLayout.STRING;

/**
 * A fixed-length list in a {@link SharedMemory} block, whose items every process that attached
 * reads and sets: Python's {@code multiprocessing.shared_memory.ShareableList}. Items are
 * {@code Long}, {@code Integer}, {@code Double}, {@code Boolean}, {@code String}, {@code byte[]}
 * or null.
 *
 * <pre>{@code
 * try (ShareableList list = ShareableList.create(List.of(1L, "howdy", 2.5, true))) {
 *     Process p = new Process(() -> list.set(1, "hi"));   // attaches in the child by name
 *     p.start();
 *     p.join();
 *     System.out.println(list);                           // [1, hi, 2.5, true]
 *     list.shm().unlink();
 * }
 * }</pre>
 *
 * <h2>Storage, as Python's</h2>
 * Each item has a slot whose size is fixed at creation: 8 bytes for a number, a boolean or null,
 * and for a string or bytes its length rounded up to the next multiple of 8 above it. An item may
 * be replaced by a value of any supported type that fits the slot; one that does not fit (a string
 * that grows past its slot) is refused with {@link IllegalArgumentException} naming the slot's
 * size. The length is fixed: {@code add} and {@code remove} throw
 * {@link UnsupportedOperationException}.
 *
 * <h2>Better than Python's</h2>
 * Values round-trip exactly: {@code byte[]} items keep their trailing NUL bytes (Python strips
 * them, cpython#106939) and strings are sized by their UTF-8 bytes (Python sizes by characters and
 * under-allocates {@code "é"}, cpython#145261).
 *
 * <p>Reads and writes are not synchronized (nor are Python's): an item set while another process
 * reads it may be read half-written; guard such items with a {@link Lock}. The block's lifetime is
 * {@link SharedMemory}'s: {@link #close()} ends this process's mapping, {@code shm().unlink()}
 * removes the name.
 */
public final class ShareableList extends AbstractList<Object> implements RandomAccess, AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient SharedMemory shm;
    private final transient int size;

    private ShareableList(SharedMemory shm) {
        this.shm = shm;
        MemorySegment m = shm.segment();
        if (shm.size() < ShareableListLayout.SLOTS_OFFSET
                || m.get(ValueLayout.JAVA_LONG, ShareableListLayout.MAGIC_OFFSET) != ShareableListLayout.MAGIC) {
            throw new IllegalArgumentException("the shared memory block " + shm.name() + " does not hold a ShareableList");
        }
        this.size = m.get(ValueLayout.JAVA_INT, ShareableListLayout.COUNT_OFFSET);
    }

    /**
     * Creates a list holding {@code items}, in a new block with a generated name (owned by the
     * run, as {@link SharedMemory#create(long)}).
     *
     * @param items the items: {@code Long}, {@code Integer}, {@code Double}, {@code Boolean},
     *              {@code String}, {@code byte[]} or null
     * @return the list
     * @throws IllegalArgumentException for an item of another type (the message names it and the
     *                                  types allowed)
     */
    public static ShareableList create(List<?> items) {
        return create(null, items);
    }

    /**
     * Creates a list holding {@code items} in a new block named {@code name}, owned by you (as
     * {@link SharedMemory#create(String, long)}: it stays until unlinked); Python's
     * {@code ShareableList(sequence, name=name)}.
     *
     * @param name  the block's name (see {@link SharedMemory#create(String, long)}); null for a generated one
     * @param items the items, as {@link #create(List)}
     * @return the list
     * @throws IllegalArgumentException for an item of another type, or a bad name
     * @throws java.io.UncheckedIOException with cause {@link java.nio.file.FileAlreadyExistsException}
     *                                      when a block of that name exists
     */
    public static ShareableList create(String name, List<?> items) {
        Objects.requireNonNull(items, "items");
        int n = items.size();
        int[] kinds = new int[n];
        byte[][] bytes = new byte[n][];
        long data = 0;
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            kinds[i] = kindOf(item, i);
            bytes[i] = encoded(item);
            data += bytes[i] == null ? 8 : ShareableListLayout.capacityFor(bytes[i].length);
        }
        long total = ShareableListLayout.data(n) + data;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a ShareableList of " + total + " bytes is over the 2 GiB it can hold");
        }
        SharedMemory shm = name == null ? SharedMemory.create(total) : SharedMemory.create(name, total);
        MemorySegment m = shm.segment();
        m.set(ValueLayout.JAVA_INT, ShareableListLayout.COUNT_OFFSET, n);
        int offset = 0;
        for (int i = 0; i < n; i++) {
            long slot = ShareableListLayout.slot(i);
            int capacity = bytes[i] == null ? 8 : ShareableListLayout.capacityFor(bytes[i].length);
            m.set(ValueLayout.JAVA_INT, slot + CAPACITY, capacity);
            m.set(ValueLayout.JAVA_INT, slot + OFFSET, offset);
            offset += capacity;
        }
        m.set(ValueLayout.JAVA_LONG, ShareableListLayout.MAGIC_OFFSET, ShareableListLayout.MAGIC);
        ShareableList list = new ShareableList(shm);
        for (int i = 0; i < n; i++) {
            list.write(i, kinds[i], items.get(i), bytes[i]);
        }
        return list;
    }

    /**
     * Attaches to a list another process created.
     *
     * @param name its block's name ({@code shm().name()})
     * @return the list
     * @throws java.io.UncheckedIOException with cause {@link java.nio.file.NoSuchFileException} when
     *                                      no block has that name
     * @throws IllegalArgumentException     when the block does not hold a ShareableList
     */
    public static ShareableList attach(String name) {
        return new ShareableList(SharedMemory.attach(name));
    }

    private static int kindOf(Object item, int index) {
        return switch (item) {
            case null -> NULL;
            case Long l -> LONG;
            case Integer x -> INT;
            case Double d -> DOUBLE;
            case Boolean b -> BOOLEAN;
            case String s -> STRING;
            case byte[] b -> BYTES;
            default -> throw new IllegalArgumentException("item " + index + " is a " + item.getClass().getName()
                    + ": a ShareableList holds Long, Integer, Double, Boolean, String, byte[] and null");
        };
    }

    private static byte[] encoded(Object item) {
        return switch (item) {
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case byte[] b -> b;
            case null, default -> null;
        };
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(int index) {
        long slot = slotOf(index);
        MemorySegment m = shm.segment();
        long at = ShareableListLayout.data(size) + m.get(ValueLayout.JAVA_INT, slot + OFFSET);
        int length = m.get(ValueLayout.JAVA_INT, slot + LENGTH);
        return switch (m.get(ValueLayout.JAVA_INT, slot + KIND)) {
            case NULL -> null;
            case LONG -> m.get(ValueLayout.JAVA_LONG_UNALIGNED, at);
            case INT -> (int) m.get(ValueLayout.JAVA_LONG_UNALIGNED, at);
            case DOUBLE -> m.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, at);
            case BOOLEAN -> m.get(ValueLayout.JAVA_BYTE, at) != 0;
            case STRING -> new String(m.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            case BYTES -> m.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
            default -> throw new IllegalStateException("item " + index + " of " + shm.name() + " has an unknown kind: the block is corrupt");
        };
    }

    /**
     * Replaces an item; the value must fit the item's slot (see the class comment).
     *
     * @param index the item's index
     * @param value a {@code Long}, {@code Integer}, {@code Double}, {@code Boolean}, {@code String},
     *              {@code byte[]} or null
     * @return the item it replaced
     * @throws IllegalArgumentException for a value of another type, or one larger than the slot
     */
    @Override
    public Object set(int index, Object value) {
        Object previous = get(index);
        int kind = kindOf(value, index);
        byte[] bytes = encoded(value);
        int capacity = shm.segment().get(ValueLayout.JAVA_INT, slotOf(index) + CAPACITY);
        int needed = bytes == null ? 8 : bytes.length;
        if (needed > capacity) {
            throw new IllegalArgumentException("item " + index + " does not fit its slot: " + needed + " bytes"
                    + (kind == STRING ? " of UTF-8" : "") + " in a slot of " + capacity + " (slots keep the size they were created with)");
        }
        write(index, kind, value, bytes);
        return previous;
    }

    private void write(int index, int kind, Object value, byte[] bytes) {
        long slot = slotOf(index);
        MemorySegment m = shm.segment();
        long at = ShareableListLayout.data(size) + m.get(ValueLayout.JAVA_INT, slot + OFFSET);
        switch (value) {
            case Long l -> m.set(ValueLayout.JAVA_LONG_UNALIGNED, at, l);
            case Integer x -> m.set(ValueLayout.JAVA_LONG_UNALIGNED, at, x);
            case Double d -> m.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, at, d);
            case Boolean b -> m.set(ValueLayout.JAVA_BYTE, at, (byte) (b ? 1 : 0));
            case null, default -> {
                if (bytes != null) {
                    MemorySegment.copy(bytes, 0, m, ValueLayout.JAVA_BYTE, at, bytes.length);
                }
            }
        }
        m.set(ValueLayout.JAVA_INT, slot + LENGTH, bytes == null ? 8 : bytes.length);
        m.set(ValueLayout.JAVA_INT, slot + KIND, kind);
    }

    private long slotOf(int index) {
        Objects.checkIndex(index, size);
        return ShareableListLayout.slot(index);
    }

    /** {@return the block that holds the list} */
    public SharedMemory shm() {
        return shm;
    }

    /**
     * Python's {@code format}: the {@code struct} format of the items as they are now ({@code q}
     * for an integer, {@code d} a double, {@code xxxxxxx?} a boolean, {@code Ns} a string or bytes
     * in a slot of N bytes, {@code xxxxxx?x} null).
     *
     * @return the format, as {@code "q8sd"}
     */
    public String format() {
        StringBuilder f = new StringBuilder();
        MemorySegment m = shm.segment();
        for (int i = 0; i < size; i++) {
            long slot = ShareableListLayout.slot(i);
            f.append(switch (m.get(ValueLayout.JAVA_INT, slot + KIND)) {
                case LONG, INT -> "q";
                case DOUBLE -> "d";
                case BOOLEAN -> "xxxxxxx?";
                case STRING, BYTES -> m.get(ValueLayout.JAVA_INT, slot + CAPACITY) + "s";
                default -> "xxxxxx?x";
            });
        }
        return f.toString();
    }

    /** Ends this process's mapping of the list ({@link SharedMemory#close()}); idempotent. */
    @Override
    public void close() {
        shm.close();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            Object item = get(i);
            s.append(i == 0 ? "" : ", ").append(item instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(item));
        }
        return s.append(']').toString();
    }

    /**
     * Travels as its block's name.
     *
     * @return the form that travels
     * @throws ObjectStreamException never
     */
    @Serial
    private Object writeReplace() throws ObjectStreamException {
        return new Ref(shm.name());
    }

    /**
     * What travels: the block's name; the receiving process attaches.
     *
     * @param name the block's name
     */
    private record Ref(String name) implements Serializable {
        /**
         * Attaches to the list in the receiving process.
         *
         * @return the attached list
         * @throws ObjectStreamException never: a missing block fails with {@link java.io.UncheckedIOException}
         */
        @Serial
        private Object readResolve() throws ObjectStreamException {
            return attach(name);
        }
    }
}
