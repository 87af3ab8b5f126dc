package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code RUN_PROCESS} and {@code POOL_WORKER}, parent → child: what a parent tells a child it
 * launched to run one {@code Process} (or to become a pool worker, whose initializer is then the
 * "process"): the serialized process object and the child's place in the process tree and the
 * run. Written with {@link ByteSink} (not JDK serialization, whose first use costs a fresh JVM
 * tens of milliseconds):
 * <pre>
 *   string name, int n, n × int identity, byte daemon, string parentName, long parentPid,
 *   string runId, string runDir, int length, length bytes process
 * </pre>
 *
 * @param process    the serialized {@code Process} (target and all)
 * @param name       the child's name
 * @param identity   the child's identity ({@code Process-1:2} is {@code [1, 2]})
 * @param daemon     whether the child is a daemon
 * @param parentName the parent's name
 * @param parentPid  the parent's pid
 * @param runId      the run id ({@code RunDirectory})
 * @param runDir     the run directory
 */
public record ChildSpec(byte[] process, String name, int[] identity, boolean daemon,
                        String parentName, long parentPid, String runId, String runDir) {

    /** The type of a frame that runs a process. */
    public static final byte RUN_PROCESS = 3;
    /** The type of a frame that makes the child a pool worker. */
    public static final byte POOL_WORKER = 16;

    /** @return the payload of a {@code RUN_PROCESS} or {@code POOL_WORKER} frame */
    public byte[] encode() {
        ByteSink out = new ByteSink(64 + name.length() + parentName.length() + runDir.length() + process.length);
        out.putString(name).putInt(identity.length);
        for (int i : identity) {
            out.putInt(i);
        }
        return out.putByte(daemon ? 1 : 0).putString(parentName).putLong(parentPid).putString(runId).putString(runDir)
                .putBytes(process).toByteArray();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @param payload a frame's payload
     * @return the message
     * @throws IllegalStateException when the payload is truncated
     */
    public static ChildSpec decode(byte[] payload) {
        ByteSource in = new ByteSource(payload);
        String name = in.getString();
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / 4) {
            throw new IllegalStateException("a process identity of " + n + " numbers in a payload of " + payload.length + " bytes");
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = in.getInt();
        }
        boolean daemon = in.getByte() != 0;
        String parentName = in.getString();
        long parentPid = in.getLong();
        String runId = in.getString();
        String runDir = in.getString();
        return new ChildSpec(in.getBytes(), name, identity, daemon, parentName, parentPid, runId, runDir);
    }
}
