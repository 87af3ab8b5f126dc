package io.github.multiprocessing4j.internal.protocol;

/**
 * One message on the control channel (see {@link Protocol}).
 *
 * @param type    the message type, one of {@link Protocol}'s constants
 * @param payload the message body, read by the message's codec
 */
public record Frame(byte type, byte[] payload) {
}
