package io.github.multiprocessing4j.internal.runtime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.multiprocessing4j.internal.protocol.FrameChannel;

/**
 * What a parent tells a child it launched to run one {@code Process}: the serialized process
 * object and the child's place in the process tree and the run. Travels as the payload of
 * {@code RUN_PROCESS}, written with {@link java.io.DataOutput} (not JDK serialization, whose
 * first use costs a fresh JVM tens of milliseconds):
 * <pre>
 *   UTF name, int n, int[n] identity, boolean daemon, UTF parentName, long parentPid,
 *   UTF runId, UTF runDir, int length, byte[length] process
 * </pre>
 *
 * @param process    the serialized {@code Process} (target and all)
 * @param name       the child's name
 * @param identity   the child's identity (see {@link Self})
 * @param daemon     whether the child is a daemon
 * @param parentName the parent's name
 * @param parentPid  the parent's pid
 * @param runId      the run id (see {@link RunDirectory})
 * @param runDir     the run directory
 */
public record ChildSpec(byte[] process, String name, int[] identity, boolean daemon,
                        String parentName, long parentPid, String runId, String runDir) {

    /** @return the payload of a {@code RUN_PROCESS} frame */
    public byte[] encode() {
        return FrameChannel.payload(out -> {
            out.writeUTF(name);
            out.writeInt(identity.length);
            for (int i : identity) {
                out.writeInt(i);
            }
            out.writeBoolean(daemon);
            out.writeUTF(parentName);
            out.writeLong(parentPid);
            out.writeUTF(runId);
            out.writeUTF(runDir);
            out.writeInt(process.length);
            out.write(process);
        });
    }

    /** Reads what {@link #encode()} wrote. */
    public static ChildSpec decode(DataInputStream in) {
        try {
            String name = in.readUTF();
            int[] identity = new int[in.readInt()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = in.readInt();
            }
            boolean daemon = in.readBoolean();
            String parentName = in.readUTF();
            long parentPid = in.readLong();
            String runId = in.readUTF();
            String runDir = in.readUTF();
            byte[] process = new byte[in.readInt()];
            in.readFully(process);
            return new ChildSpec(process, name, identity, daemon, parentName, parentPid, runId, runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt RUN_PROCESS payload", e);
        }
    }
}
