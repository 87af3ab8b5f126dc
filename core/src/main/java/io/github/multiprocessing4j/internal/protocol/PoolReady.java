package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code POOL_READY}, pool worker → parent: the initializer ran; send tasks.
 * <pre>
 *   string statusPath
 * </pre>
 *
 * @param statusPath the path of the worker's status segment (the pool's {@code WorkerStatus}),
 *                   where it tells what it is running and where its time went
 */
public record PoolReady(String statusPath) {

    /** The type of its frame. */
    public static final byte TYPE = 17;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(16 + statusPath.length() * 3).putString(statusPath).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static PoolReady decode(byte[] payload) {
        return new PoolReady(new ByteSource(payload).getString());
    }
}
