package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code INTERRUPT}, parent → child: interrupt the thread that runs the target of this process
 * ({@code Process.interrupt()}, Python 3.14's {@code Process.interrupt()}). Named, so that a
 * warm JVM that has moved on to another process ignores an interrupt meant for the one before.
 * <pre>
 *   string processName
 * </pre>
 *
 * @param processName the name of the process to interrupt
 */
public record Interrupt(String processName) {

    /** The type of its frame. */
    public static final byte TYPE = 24;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(16 + processName.length() * 3).putString(processName).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static Interrupt decode(byte[] payload) {
        return new Interrupt(new ByteSource(payload).getString());
    }
}
