package io.github.multiprocessing4j.internal.protocol;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;

/**
 * One message on the control channel (see {@link Protocol}).
 *
 * @param type    the message type, one of {@link Protocol}'s constants
 * @param payload the message body
 */
public record Frame(byte type, byte[] payload) {

    /** @return a reader over the payload */
    public DataInputStream reader() {
        return new DataInputStream(new ByteArrayInputStream(payload));
    }
}
