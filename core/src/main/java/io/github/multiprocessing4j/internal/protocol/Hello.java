package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code HELLO}, child → parent, the first frame on a control connection: the child's protocol
 * version, its pid and the one-time token it read from its stdin.
 * <pre>
 *   int version, long pid, string token       (string: int n, n bytes of UTF-8)
 * </pre>
 *
 * @param version the child's {@link Protocol#VERSION}
 * @param pid     the child's pid
 * @param token   the token the parent gave it
 */
public record Hello(int version, long pid, String token) {

    /** The type of its frame. */
    public static final byte TYPE = 1;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(16 + token.length()).putInt(version).putLong(pid).putString(token).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     * @throws IllegalStateException when the payload is truncated
     */
    public static Hello decode(byte[] payload) {
        ByteSource in = new ByteSource(payload);
        return new Hello(in.getInt(), in.getLong(), in.getString());
    }
}
