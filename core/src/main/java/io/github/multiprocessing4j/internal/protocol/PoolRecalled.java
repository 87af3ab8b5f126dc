package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code POOL_RECALLED}, pool worker → parent: the answer to {@link PoolRecall}.
 * <pre>
 *   long chunkId, byte returned
 * </pre>
 * {@code returned} is 1 when the worker dropped the chunk unstarted (the parent hands it to
 * another worker), 0 when it had already started it (its {@link PoolResults} follow as usual).
 *
 * @param chunkId  the chunk's id
 * @param returned whether the worker gave the chunk back unstarted
 */
public record PoolRecalled(long chunkId, boolean returned) {

    /** The type of its frame. */
    public static final byte TYPE = 23;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(9).putLong(chunkId).putByte(returned ? 1 : 0).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static PoolRecalled decode(byte[] payload) {
        ByteSource in = new ByteSource(payload);
        return new PoolRecalled(in.getLong(), in.getByte() != 0);
    }
}
