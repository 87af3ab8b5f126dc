package io.github.multiprocessing4j.hazelcast.internal;

import io.github.multiprocessing4j.internal.pool.WorkerStatus;
import io.github.multiprocessing4j.internal.protocol.Frame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages between a parent and the agents, one record each with its encoder and decoder.
 * Each travels signed ({@link AuthKey}) as the {@code byte[]} item of an {@code IQueue}:
 *
 * <pre>
 *  parent ──Launch, Signal──────────▶ mp4j.agent.&lt;agent&gt;   (an agent's requests)
 *  parent ──Frames──────────────────▶ mp4j.in.&lt;child&gt;      (a pool worker's inbox)
 *  agent  ──Started, Frames, Output,
 *           Exited, Refused─────────▶ mp4j.reply.&lt;parent&gt;  (everything back to one parent)
 * </pre>
 *
 * Every message names its child ({@code parent id-n}); {@code Frames} carry the protocol's frames
 * unchanged (the agent relays them to and from the child JVM's control channel).
 */
public final class Wire {

    private static final int MAX_ITEMS = 1 << 20;

    private Wire() {
    }

    /** A message. */
    public sealed interface Message permits Launch, Signal, Started, Frames, Output, Exited, Refused, AgentLost {
        /** @return the child it concerns */
        String child();

        /** @return the encoded message */
        byte[] encode();
    }

    /** What a launch starts. */
    public enum Kind { POOL_WORKER, PROCESS }

    /**
     * Start a child JVM.
     *
     * @param child      its id
     * @param parent     the parent's Hazelcast endpoint (client or member uuid): the child ends when it leaves
     * @param replyTo    the parent's reply queue
     * @param kind       a pool worker or a process
     * @param name       its name
     * @param daemon     whether it is a daemon process
     * @param jvmOptions the user's JVM options
     * @param classPath  its class path: {@link ClassPathShipment} entries
     * @param payload    the pool's initializer (possibly empty) or the process's {@code ChildSpec}
     */
    public record Launch(String child, String parent, String replyTo, Kind kind, String name, boolean daemon, List<String> jvmOptions,
                         List<String> classPath, byte[] payload) implements Message {
        @Override
        public byte[] encode() {
            return write(1, out -> {
                out.writeUTF(child);
                out.writeUTF(parent);
                out.writeUTF(replyTo);
                out.writeByte(kind.ordinal());
                out.writeUTF(name);
                out.writeBoolean(daemon);
                writeStrings(out, jvmOptions);
                writeStrings(out, classPath);
                writeBytes(out, payload);
            });
        }
    }

    /** How a child is signalled. */
    public enum How { TERMINATE, KILL, INTERRUPT }

    /**
     * Signal a child.
     *
     * @param child       its id
     * @param how         terminate, kill or interrupt
     * @param processName for an interrupt: the process meant
     */
    public record Signal(String child, How how, String processName) implements Message {
        @Override
        public byte[] encode() {
            return write(2, out -> {
                out.writeUTF(child);
                out.writeByte(how.ordinal());
                out.writeUTF(processName == null ? "" : processName);
            });
        }
    }

    /**
     * The child JVM runs.
     *
     * @param child its id
     * @param pid   its pid on the agent's machine
     * @param agent the agent's address, for messages
     */
    public record Started(String child, long pid, String agent) implements Message {
        @Override
        public byte[] encode() {
            return write(3, out -> {
                out.writeUTF(child);
                out.writeLong(pid);
                out.writeUTF(agent);
            });
        }
    }

    /**
     * Frames for or from a child; from a child with its status.
     *
     * @param child    its id
     * @param sentAt   the sender's {@code System.nanoTime()} when sent (the status's times are on that clock)
     * @param status   the worker's status, or {@link WorkerStatus.Snapshot#NONE}
     * @param frames   the frames, in order
     */
    public record Frames(String child, long sentAt, WorkerStatus.Snapshot status, List<Frame> frames) implements Message {
        @Override
        public byte[] encode() {
            return write(4, out -> {
                out.writeUTF(child);
                out.writeLong(sentAt);
                writeStatus(out, status);
                out.writeInt(frames.size());
                for (Frame frame : frames) {
                    out.writeByte(frame.type());
                    writeBytes(out, frame.payload());
                }
            });
        }
    }

    /**
     * Bytes a child wrote.
     *
     * @param child  its id
     * @param stderr true for stderr, false for stdout
     * @param bytes  what it wrote
     */
    public record Output(String child, boolean stderr, byte[] bytes) implements Message {
        @Override
        public byte[] encode() {
            return write(5, out -> {
                out.writeUTF(child);
                out.writeBoolean(stderr);
                writeBytes(out, bytes);
            });
        }
    }

    /**
     * A child JVM has ended, after all it sent and wrote.
     *
     * @param child      its id
     * @param code       its exit code (negative: killed by that signal)
     * @param stdoutTail its last lines of stdout
     * @param stderrTail its last lines of stderr
     * @param sentAt     the agent's {@code System.nanoTime()} when sent
     * @param status     its last status
     */
    public record Exited(String child, int code, String stdoutTail, String stderrTail, long sentAt,
                         WorkerStatus.Snapshot status) implements Message {
        @Override
        public byte[] encode() {
            return write(6, out -> {
                out.writeUTF(child);
                out.writeInt(code);
                writeString(out, stdoutTail);
                writeString(out, stderrTail);
                out.writeLong(sentAt);
                writeStatus(out, status);
            });
        }
    }

    /**
     * The agent did not start the child.
     *
     * @param child  its id
     * @param reason why, for the parent's exception
     */
    public record Refused(String child, String reason) implements Message {
        @Override
        public byte[] encode() {
            return write(7, out -> {
                out.writeUTF(child);
                writeString(out, reason);
            });
        }
    }

    /**
     * Put by the parent itself into its reply queue when an agent left the cluster: read after
     * everything the agent sent before it died.
     *
     * @param child the agent's member id (not a child's)
     */
    public record AgentLost(String child) implements Message {
        @Override
        public byte[] encode() {
            return write(8, out -> out.writeUTF(child));
        }
    }

    /**
     * @param body a message's encoded form
     * @return the message
     * @throws IllegalArgumentException when the bytes are not a message
     */
    public static Message decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int type = in.readUnsignedByte();
            return switch (type) {
                case 1 -> new Launch(in.readUTF(), in.readUTF(), in.readUTF(), Kind.values()[in.readUnsignedByte()], in.readUTF(),
                        in.readBoolean(), readStrings(in), readStrings(in), readBytes(in));
                case 2 -> new Signal(in.readUTF(), How.values()[in.readUnsignedByte()], in.readUTF());
                case 3 -> new Started(in.readUTF(), in.readLong(), in.readUTF());
                case 4 -> {
                    String child = in.readUTF();
                    long sentAt = in.readLong();
                    WorkerStatus.Snapshot status = readStatus(in);
                    int n = count(in.readInt());
                    List<Frame> frames = new ArrayList<>(Math.min(n, 1024));
                    for (int i = 0; i < n; i++) {
                        frames.add(new Frame(in.readByte(), readBytes(in)));
                    }
                    yield new Frames(child, sentAt, status, frames);
                }
                case 5 -> new Output(in.readUTF(), in.readBoolean(), readBytes(in));
                case 6 -> new Exited(in.readUTF(), in.readInt(), readString(in), readString(in), in.readLong(), readStatus(in));
                case 7 -> new Refused(in.readUTF(), readString(in));
                case 8 -> new AgentLost(in.readUTF());
                default -> throw new IllegalArgumentException("not a cluster message: type " + type);
            };
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a cluster message: " + e, e);
        }
    }

    // ---- the parts ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(int type, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(type);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int count(int n) throws IOException {
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("a count of " + n + " (at most " + MAX_ITEMS + ")");
        }
        return n;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) { // never more than the message holds
            throw new IOException("a length of " + n + " with " + in.available() + " bytes left");
        }
        return in.readNBytes(n);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = count(in.readInt());
        List<String> strings = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            strings.add(readString(in));
        }
        return strings;
    }

    private static void writeStatus(DataOutputStream out, WorkerStatus.Snapshot s) throws IOException {
        for (long v : new long[] {s.chunk(), s.item(), s.waiting(), s.working(), s.sending(), s.tasks(),
                s.waitingSince(), s.workingSince(), s.readyAt()}) {
            out.writeLong(v);
        }
    }

    private static WorkerStatus.Snapshot readStatus(DataInputStream in) throws IOException {
        return new WorkerStatus.Snapshot(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
