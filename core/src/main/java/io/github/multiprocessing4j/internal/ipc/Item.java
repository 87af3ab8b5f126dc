package io.github.multiprocessing4j.internal.ipc;

import java.nio.charset.StandardCharsets;

/**
 * An item as a ring carries it: its bytes (a DATA record), or the path and length of the blob
 * file holding them (a BLOB record), see {@link RingDescriptor}.
 *
 * @param inline the item's bytes, or null for a blob
 * @param blob   the blob file's path, or null
 * @param length the item's length in bytes
 * @param raw    whether the bytes are the item itself (a {@code byte[]}), not its serialized form
 */
record Item(byte[] inline, String blob, long length, boolean raw) {

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
        return inline != null ? inline.length : 8 + blob.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the item's bytes (a blob is read and its file deleted) */
    byte[] bytes() {
        return inline != null ? inline : Blobs.take(blob, length);
    }

    /**
     * @return this item, safe to keep after the producer's {@code put} returned: a raw inline
     *         item is the caller's own array, which the caller may change afterwards
     */
    Item detached() {
        return raw && inline != null ? new Item(inline.clone(), null, length, true) : this;
    }

    /** Deletes the blob of an item that will not be put after all. */
    void discard() {
        if (blob != null) {
            Blobs.delete(blob);
        }
    }
}
