package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code REFUSED}, parent → child, in answer to a {@link Hello} of another protocol version: why
 * the child is refused (it prints the reason and exits).
 * <pre>
 *   string reason
 * </pre>
 *
 * @param reason what the child prints
 */
public record Refused(String reason) {

    /** The type of its frame. */
    public static final byte TYPE = 2;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(8 + reason.length()).putString(reason).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static Refused decode(byte[] payload) {
        return new Refused(new ByteSource(payload).getString());
    }
}
