package io.github.multiprocessing4j.internal.ipc;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * An item as a ring carries it: its bytes (a DATA record), or the path and length of the blob
 * file holding them (a BLOB record), see {@link RingDescriptor}.
 *
 * @param inline  the item's bytes, or null for a blob or an off-heap copy
 * @param blob    the blob file's path, or null
 * @param length  the item's length in bytes
 * @param raw     whether the bytes are the item itself (a {@code byte[]}), not its serialized form
 * @param offHeap the item's bytes off the heap (a feeder's copy, {@link Spill}), or null
 */
public record Item(byte[] inline, String blob, long length, boolean raw, MemorySegment offHeap) {

    public Item(byte[] inline, String blob, long length, boolean raw) {
        this(inline, blob, length, raw, null);
    }

    /**
     * @param raw         whether {@code bytes} is the item itself (see {@link #raw()})
     * @param inlineLimit the longest payload the ring's records carry
     * @param ring        the ring's path, for messages
     * @return {@code bytes} inline if they fit, else written to a new blob file (in the caller's thread)
     */
    static Item of(byte[] bytes, boolean raw, int inlineLimit, String ring) {
        if (bytes.length <= inlineLimit) {
            return new Item(bytes, null, bytes.length, raw);
        }
        Item blob = new Item(null, Blobs.write(bytes), bytes.length, raw);
        if (blob.payload() > inlineLimit) {
            blob.discard();
            throw new IllegalStateException("the blob path " + blob.blob + " is too long for the records of " + ring);
        }
        return blob;
    }

    /** @return the bytes the record's payload takes */
    long payload() {
        return blob == null ? length : 8 + blob.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the item's bytes (a blob is read and its file deleted) */
    public byte[] bytes() {
        return inline != null ? inline : Blobs.take(blob, length);
    }

    /** Deletes the blob of an item that will not be put after all. */
    public void discard() {
        if (blob != null) {
            Blobs.delete(blob);
        }
    }
}
