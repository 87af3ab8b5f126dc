package io.github.multiprocessing4j.internal.ipc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

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
 */
public final class Spill {

    /** Items from this many bytes are copied off the heap. */
    public static final int LARGE = 64 << 10;

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
     * @return about how long copying {@code item} aside takes, page faults included (measured:
     *         about 3 GB/s for 1 MiB items); {@code put} waits that long for room at most before
     *         it copies (see {@link QueueCore#put})
     */
    static long graceNanos(Item item) {
        return item.length() / 2; // 2 bytes per nanosecond
    }

    /** @return {@code item} in a form that stays valid after {@code put} returns (see {@link #needsCopy}) */
    static Item copy(Item item) {
        if (!needsCopy(item)) {
            return item;
        }
        byte[] bytes = item.inline();
        MemorySegment offHeap = bytes.length >= LARGE ? malloc(bytes.length) : null;
        if (offHeap == null) {
            return new Item(bytes.clone(), null, bytes.length, true);
        }
        MemorySegment.copy(bytes, 0, offHeap, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return new Item(null, null, bytes.length, true, offHeap);
    }

    /** Frees the off-heap copy of an item that is in the ring now, or will never be; else nothing. */
    static void free(Item item) {
        if (item.offHeap() != null) {
            try {
                FREE.invokeExact(item.offHeap());
            } catch (Throwable t) {
                throw new IllegalStateException("free() failed", t);
            }
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
