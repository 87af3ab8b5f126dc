package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code POOL_RECALL}, parent → pool worker: give back a chunk you hold but have not started, so
 * that an idle worker can run it. The worker answers with {@link PoolRecalled}.
 * <pre>
 *   long chunkId
 * </pre>
 *
 * @param chunkId the chunk's id, as in {@link PoolTasks}
 */
public record PoolRecall(long chunkId) {

    /** The type of its frame. */
    public static final byte TYPE = 22;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(8).putLong(chunkId).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static PoolRecall decode(byte[] payload) {
        return new PoolRecall(new ByteSource(payload).getLong());
    }
}
