package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code PROCESS_DONE}, child → parent: a warm or forkserver JVM's process ended, its exit work
 * done (its non-daemon threads and children ended, the library's exit actions run); the JVM then
 * stays, idle, for the next {@code RUN_PROCESS} or {@code POOL_WORKER}, or exits. The byte counts
 * say how much the process had written to each stream, so that its output is all copied before
 * {@code join()} returns (as in {@link PoolResults}).
 * <pre>
 *   int exitCode, long stdoutBytes, long stderrBytes, byte exits (1: the JVM exits now, 0: it stays)
 * </pre>
 * A JVM that exits says so first, so that {@code join()} need not wait for the JVM's own end:
 * measured 12–20 ms after its shutdown hooks, most of it the JVM waiting, in 10 ms steps, for
 * its compiler threads to finish what they compile.
 *
 * @param exitCode    the process's exit code
 * @param stdoutBytes bytes written to stdout by this JVM so far
 * @param stderrBytes bytes written to stderr by this JVM so far
 * @param exits       whether the JVM exits now rather than staying for more work
 */
public record ProcessDone(int exitCode, long stdoutBytes, long stderrBytes, boolean exits) {

    /** The type of its frame. */
    public static final byte TYPE = 5;

    /** @return the frame's payload */
    public byte[] encode() {
        return new ByteSink(21).putInt(exitCode).putLong(stdoutBytes).putLong(stderrBytes).putByte(exits ? 1 : 0).toByteArray();
    }

    /**
     * @param payload a frame's payload
     * @return the message
     */
    public static ProcessDone decode(byte[] payload) {
        ByteSource in = new ByteSource(payload);
        return new ProcessDone(in.getInt(), in.getLong(), in.getLong(), in.getByte() != 0);
    }
}
