package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;

/**
 * Where the small shared objects of this library live: blocks packed into shared "heap"
 * segments, as Python's {@code multiprocessing.heap} packs its shared ctypes into arenas. A
 * lock, an event or a value then costs a hundred bytes of an existing mapping instead of a file,
 * a mapping and a page of its own; a process may have tens of thousands of them (the kernel
 * allows a process about 65,000 mappings).
 *
 * <h2>Layout of a block (64-byte aligned in its segment's body)</h2>
 * <pre>
 *   0                                       8
 *   +---------------------------------------+-------------------------------------------+
 *   | tag: up to 8 ASCII bytes, 0-padded    | the object: its own layout, size bytes     |
 *   +---------------------------------------+-------------------------------------------+
 * </pre>
 * The tag names what the block holds ("lock", "value"…); it is written last, after the
 * object's initialiser, and checked by {@link #attach}. A block bigger than
 * {@link #OWN_SEGMENT_FROM} bytes gets a heap segment of its own (offset 0).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * SharedHeap.Block b = SharedHeap.allocate("event", 8, memory -> Words.setInt(memory, 0, 0));
 * // send b.segment().path() and b.offset() to another process, which does
 * SharedHeap.Block same = SharedHeap.attach(path, offset, "event");
 * Words.getInt(same.memory(), 0);
 * }</pre>
 * Arenas are {@link #ARENA_SIZE} bytes, one being filled per JVM at a time. Blocks are never
 * freed: like every segment they live as long as the run.
 */
public final class SharedHeap {

    /** The segment kind of heap segments. */
    public static final String KIND = "heap";
    /** The body size of an arena. */
    public static final long ARENA_SIZE = 64 * 1024;
    /** Blocks needing more than this many bytes get a segment of their own. */
    public static final long OWN_SEGMENT_FROM = 8 * 1024;
    private static final long TAG = 8;
    private static final long ALIGN = 64;

    private static Segment arena;
    private static long top;

    private SharedHeap() {
    }

    /**
     * A block of shared memory holding one object.
     *
     * @param segment the heap segment holding it
     * @param offset  where the block starts in the segment's body: what another process needs,
     *                with the segment's path, to {@link #attach} it
     * @param memory  the object's memory (after the tag)
     */
    public record Block(Segment segment, long offset, MemorySegment memory) {
    }

    /**
     * Allocates a block.
     *
     * @param kind        what the block holds
     * @param size        the object's size in bytes
     * @param initializer writes the object's initial state into its (zeroed) memory
     * @return the block
     */
    public static Block allocate(SharedKind kind, long size, Consumer<MemorySegment> initializer) {
        return allocate(kind.tag(), size, initializer);
    }

    /** As {@link #allocate(SharedKind, long, Consumer)}, with a tag of 1 to 8 characters of [a-z0-9]. */
    static Block allocate(String tag, long size, Consumer<MemorySegment> initializer) {
        long tagWord = tagWord(tag);
        if (size < 0) {
            throw new IllegalArgumentException("a block's size cannot be negative: " + size);
        }
        long need = TAG + size;
        if (need > OWN_SEGMENT_FROM || Segment.creatingUnshared()) { // an unshared block goes in no arena
            Segment own = Segment.create(KIND, need, body -> {
                initializer.accept(body.asSlice(TAG, size));
                Words.setLong(body, 0, tagWord);
            });
            return new Block(own, 0, own.body().asSlice(TAG, size));
        }
        Segment in;
        long at;
        synchronized (SharedHeap.class) {
            if (arena == null || top + need > arena.bodySize()) {
                arena = Segment.create(KIND, ARENA_SIZE, body -> { });
                top = 0;
            }
            in = arena;
            at = top;
            top = (top + need + ALIGN - 1) & -ALIGN;
        }
        MemorySegment memory = in.body().asSlice(at + TAG, size);
        initializer.accept(memory);
        Words.setLong(in.body(), at, tagWord);
        return new Block(in, at, memory);
    }

    /**
     * Finds a block another process allocated (or this one).
     *
     * @param path   the heap segment's path
     * @param offset the block's offset
     * @param kind   what the caller expects the block to hold
     * @return the block; its memory runs to the end of the segment
     * @throws IllegalStateException when the segment is gone, or the block is not a {@code kind}
     */
    public static Block attach(String path, long offset, SharedKind kind) {
        return attach(path, offset, kind.tag());
    }

    /** As {@link #attach(String, long, SharedKind)}, with the tag the block must carry. */
    static Block attach(String path, long offset, String tag) {
        Segment segment = Segment.attach(path, KIND);
        if (offset < 0 || (offset & (ALIGN - 1)) != 0 || offset + TAG > segment.bodySize()) {
            throw new IllegalStateException("no block at offset " + offset + " of the shared-memory segment " + path);
        }
        long found = Words.getLong(segment.body(), offset);
        if (found != tagWord(tag)) {
            throw new IllegalStateException("the block at offset " + offset + " of " + path + " holds "
                    + (found == 0 ? "nothing" : "a " + tagName(found)) + ", not a " + tag);
        }
        return new Block(segment, offset, segment.body().asSlice(offset + TAG));
    }

    private static long tagWord(String tag) {
        return MemorySegment.ofArray(SegmentDescriptor.kindBytes(tag)).get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
    }

    private static String tagName(long word) {
        MemorySegment bytes = MemorySegment.ofArray(new long[] {word});
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 8 && bytes.get(ValueLayout.JAVA_BYTE, i) != 0; i++) {
            name.append((char) bytes.get(ValueLayout.JAVA_BYTE, i));
        }
        return name.toString();
    }
}
