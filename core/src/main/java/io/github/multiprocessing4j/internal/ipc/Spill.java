package io.github.multiprocessing4j.internal.ipc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayDeque;

/**
 * The copies a {@link Feeder} keeps of the {@code byte[]} items it buffers (the caller may reuse
 * its array once {@code put} returns, so a buffered item cannot be the caller's array).
 *
 * <p>An item of {@link #LARGE} bytes or more is copied into memory from the C library's
 * {@code malloc}, freed as soon as the feeder has moved it into the ring; a smaller one is cloned
 * on the heap. Off the heap, a buffer of many large items costs the garbage collector nothing:
 * measured with 1 MiB items and a producer outrunning its consumer, the collector of the
 * producer's JVM spent more CPU copying the buffered clones from generation to generation than
 * the producer spent putting. Where native access is not enabled, large items are cloned too.
 *
 * <p>Freed copies are kept for the next ones ({@link #KEPT} blocks and {@link #KEPT_BYTES} at
 * most, given back by {@link #trim} when a feeder has emptied its buffer): memory fresh from
 * {@code malloc} is mapped anew for each large block and faults in page by page. Measured with
 * 1 MiB items and a producer outrunning its consumer: a copy into fresh memory took ~1.5 ms (its
 * page faults), which is under 1 GB/s and more CPU than the consumer's whole share of the two
 * cores; into kept memory it took 24-27 µs.
 */
public final class Spill {

    /** Items from this many bytes are copied off the heap. */
    public static final int LARGE = 64 << 10;

    /** Freed copies kept for reuse at most. */
    static final int KEPT = 8;
    /** Bytes of freed copies kept for reuse at most: a JVM that once spilled keeps no more than this. */
    static final long KEPT_BYTES = 16 << 20;
    /** Freed copies; guarded by itself, as {@link #keptBytes}. */
    private static final ArrayDeque<MemorySegment> KEPT_BLOCKS = new ArrayDeque<>();
    private static long keptBytes;

    private static final MethodHandle MALLOC;
    private static final MethodHandle FREE;

    static {
        MethodHandle malloc = null;
        MethodHandle free = null;
        try {
            if (Spill.class.getModule().isNativeAccessEnabled()) {
                Linker linker = Linker.nativeLinker();
                malloc = linker.downcallHandle(linker.defaultLookup().find("malloc").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                free = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
                        FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            }
        } catch (RuntimeException e) {
            malloc = null; // no C library to call: clone on the heap
            free = null;
        }
        MALLOC = malloc;
        FREE = free;
    }

    private Spill() {
    }

    /** @return whether {@code item} must be copied before it is buffered: the caller's own array */
    static boolean needsCopy(Item item) {
        return item.raw() && item.inline() != null;
    }

    /** @return whether {@code item} is the caller's array of {@link #LARGE} bytes or more */
    static boolean isLarge(Item item) {
        return needsCopy(item) && item.length() >= LARGE;
    }

    /**
     * What a large copy cost lately, in picoseconds per byte: into a kept block (memory this
     * process has touched before) and into a new one (fresh pages, each faulted in). Measured here
     * with 1 MiB items: 24-27 µs a copy into kept memory, 1.3-3 ms into fresh memory (a virtual
     * machine faulting its pages in one by one). Racy averages: a wrong one costs one wait.
     */
    private static volatile long keptPicosPerByte = 50;
    private static volatile long freshPicosPerByte = 1_000;

    /**
     * @return about how long copying {@code item} aside would take now, into a kept block if
     *         one fits, else into a new one; {@code put} waits that long for room at most before
     *         it copies (see {@link QueueCore#put}), so that waiting never makes it slower
     */
    static long graceNanos(Item item) {
        boolean kept;
        synchronized (KEPT_BLOCKS) {
            kept = KEPT_BLOCKS.stream().anyMatch(b -> fits(b, item.length()));
        }
        return item.length() * (kept ? keptPicosPerByte : freshPicosPerByte) / 1000;
    }

    /** @return {@code item} in a form that stays valid after {@code put} returns (see {@link #needsCopy}) */
    static Item copy(Item item) {
        if (!needsCopy(item)) {
            return item;
        }
        byte[] bytes = item.inline();
        if (bytes.length < LARGE) {
            return new Item(bytes.clone(), null, bytes.length, true);
        }
        long start = System.nanoTime();
        MemorySegment offHeap = kept(bytes.length);
        boolean fresh = offHeap == null;
        if (fresh && (offHeap = malloc(bytes.length)) == null) {
            return new Item(bytes.clone(), null, bytes.length, true);
        }
        MemorySegment.copy(bytes, 0, offHeap, ValueLayout.JAVA_BYTE, 0, bytes.length);
        long picosPerByte = Math.max(1, (System.nanoTime() - start) * 1000 / bytes.length);
        if (fresh) {
            freshPicosPerByte = (3 * freshPicosPerByte + picosPerByte) / 4;
        } else {
            keptPicosPerByte = (3 * keptPicosPerByte + picosPerByte) / 4;
        }
        return new Item(null, null, bytes.length, true, offHeap);
    }

    /**
     * Lets go of the off-heap copy of an item that is in the ring now, or will never be (kept for
     * the next copy, or freed); for any other item, nothing.
     */
    static void free(Item item) {
        MemorySegment block = item.offHeap();
        if (block == null) {
            return;
        }
        synchronized (KEPT_BLOCKS) {
            if (KEPT_BLOCKS.size() < KEPT && keptBytes + block.byteSize() <= KEPT_BYTES) {
                KEPT_BLOCKS.add(block);
                keptBytes += block.byteSize();
                return;
            }
        }
        release(block);
    }

    /** @return how many freed copies are kept now */
    static int kept() {
        synchronized (KEPT_BLOCKS) {
            return KEPT_BLOCKS.size();
        }
    }

    /** Frees the kept copies: the feeder that made them has emptied its buffer. */
    static void trim() {
        while (true) {
            MemorySegment block;
            synchronized (KEPT_BLOCKS) {
                block = KEPT_BLOCKS.poll();
                keptBytes -= block == null ? 0 : block.byteSize();
            }
            if (block == null) {
                return;
            }
            release(block);
        }
    }

    /** @return a kept block of at least {@code size} bytes and not more than twice that, taken; or null */
    private static MemorySegment kept(long size) {
        synchronized (KEPT_BLOCKS) {
            for (var it = KEPT_BLOCKS.iterator(); it.hasNext(); ) {
                MemorySegment block = it.next();
                if (fits(block, size)) {
                    it.remove();
                    keptBytes -= block.byteSize();
                    return block;
                }
            }
        }
        return null;
    }

    private static boolean fits(MemorySegment block, long size) {
        return block.byteSize() >= size && block.byteSize() / 2 <= size;
    }

    private static void release(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable t) {
            throw new IllegalStateException("free() failed", t);
        }
    }

    private static MemorySegment malloc(long size) {
        if (MALLOC == null) {
            return null;
        }
        try {
            MemorySegment address = (MemorySegment) MALLOC.invokeExact(size);
            return address.equals(MemorySegment.NULL) ? null : address.reinterpret(size);
        } catch (Throwable t) {
            return null;
        }
    }
}
