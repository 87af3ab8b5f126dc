package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code PROCESS_DONE}, child → parent: a warm JVM's process ended cleanly, and the JVM stays,
 * idle, for the next {@code RUN_PROCESS} or {@code POOL_WORKER}. The byte counts say how much the
 * process had written to each stream, so that its output is all copied before {@code join()}
 * returns (as in {@link PoolResults}).
 * <pre>
 *   int exitCode, long stdoutBytes, long stderrBytes
 * </pre>
 *
 * @param exitCode    the process's exit code
 * @param stdoutBytes bytes written to stdout by this JVM so far
 * @param stderrBytes bytes written to stderr by this JVM so far
 */
public record ProcessDone(int exitCode, long stdoutBytes, long stderrBytes) {

    /** The type of its frame. */
    public static final byte TYPE = 5;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(20).putInt(exitCode).putLong(stdoutBytes).putLong(stderrBytes).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static ProcessDone decode(byte[] payload) {
        ByteSource in = new ByteSource(payload);
        return new ProcessDone(in.getInt(), in.getLong(), in.getLong());
    }
}
