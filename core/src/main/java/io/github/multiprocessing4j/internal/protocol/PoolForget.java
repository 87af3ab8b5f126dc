package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code POOL_FORGET}, parent → pool worker: a map call is over; the worker drops its function.
 * <pre>
 *   int functionId
 * </pre>
 *
 * @param functionId the function's id, as in {@link PoolTasks}
 */
public record PoolForget(int functionId) {

    /** The type of its frame. */
    public static final byte TYPE = 20;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(4).putInt(functionId).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static PoolForget decode(byte[] payload) {
        return new PoolForget(new ByteSource(payload).getInt());
    }
}
