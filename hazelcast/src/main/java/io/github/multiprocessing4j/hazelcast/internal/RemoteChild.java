package io.github.multiprocessing4j.hazelcast.internal;

import io.github.multiprocessing4j.internal.pool.Worker;
import io.github.multiprocessing4j.internal.pool.WorkerStatus;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.spi.ProcessControl;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * The parent's side of a child JVM an agent runs: a pool {@link Worker} for the engine, or the
 * {@link ProcessControl} of a {@code Process}. Frames go to the agent through
 * {@link ClusterBackend}; what comes back ({@link Wire.Started}, {@link Wire.Frames},
 * {@link Wire.Output}, {@link Wire.Exited}) is given to it by the backend's reader, in order, on
 * one thread.
 *
 * <p>Times in a worker's status are the agent's {@code System.nanoTime()}: each status is moved
 * onto this JVM's clock by the difference of the two clocks when the message arrived (the time
 * in transit, well under a millisecond on a LAN, is counted as work).
 */
final class RemoteChild implements Worker, ProcessControl {

    private final ClusterBackend backend;
    final String id;
    final String agentId;
    final String agentAddress;
    private final String name;
    private final BiConsumer<Worker, Frame> onMessage;
    private final ObjIntConsumer<Worker> onExit;
    private final CompletableFuture<Integer> end = new CompletableFuture<>();
    private volatile long pid;
    private volatile WorkerStatus.Snapshot status = WorkerStatus.Snapshot.NONE;
    /** The tails the agent sent with the exit; null until then. */
    private volatile String stdoutTail;
    private volatile String stderrTail;
    private volatile boolean lost;
    private final StringBuilder stdoutKept = new StringBuilder(); // guarded by this
    private final StringBuilder stderrKept = new StringBuilder(); // guarded by this

    RemoteChild(ClusterBackend backend, String id, String agentId, String agentAddress, String name,
                BiConsumer<Worker, Frame> onMessage, ObjIntConsumer<Worker> onExit) {
        this.backend = backend;
        this.id = id;
        this.agentId = agentId;
        this.agentAddress = agentAddress;
        this.name = name;
        this.onMessage = onMessage;
        this.onExit = onExit;
    }

    // ---- from the agent (the backend's reader thread) -----------------------------------------

    void started(Wire.Started started) {
        pid = started.pid();
    }

    void frames(Wire.Frames frames) {
        status = rebase(frames.status(), frames.sentAt());
        if (onMessage != null) {
            for (Frame frame : frames.frames()) {
                onMessage.accept(this, frame);
            }
        }
    }

    void output(Wire.Output output) {
        PrintStream target = output.stderr() ? System.err : System.out;
        synchronized (target) {
            target.write(output.bytes(), 0, output.bytes().length);
            target.flush();
        }
        synchronized (this) {
            StringBuilder kept = output.stderr() ? stderrKept : stdoutKept;
            kept.append(new String(output.bytes(), StandardCharsets.UTF_8));
            if (kept.length() > 8192) {
                kept.delete(0, kept.length() - 8192);
            }
        }
    }

    /** Its agent left the cluster: the child is gone with it. */
    void lost(String why) {
        lost = true;
        exited(-9, "", why, null, 0);
    }

    @Override
    public boolean lost() {
        return lost;
    }

    /** The child has ended (or its agent is gone: {@code code} -9, the tails say so). */
    void exited(int code, String stdout, String stderr, WorkerStatus.Snapshot last, long sentAt) {
        if (end.isDone()) {
            return;
        }
        if (last != null) {
            status = rebase(last, sentAt);
        }
        stdoutTail = stdout;
        stderrTail = stderr;
        if (onExit != null) {
            try {
                onExit.accept(this, code);
            } finally {
                end.complete(code);
            }
        } else {
            end.complete(code);
        }
    }

    private static WorkerStatus.Snapshot rebase(WorkerStatus.Snapshot s, long sentAt) {
        if (s == null || s.equals(WorkerStatus.Snapshot.NONE)) {
            return WorkerStatus.Snapshot.NONE;
        }
        long shift = System.nanoTime() - sentAt;
        return new WorkerStatus.Snapshot(s.chunk(), s.item(), s.waiting(), s.working(), s.sending(), s.tasks(),
                s.waitingSince() == 0 ? 0 : s.waitingSince() + shift, s.workingSince() == 0 ? 0 : s.workingSince() + shift,
                s.readyAt() == 0 ? 0 : s.readyAt() + shift);
    }

    // ---- Worker ---------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void send(List<Frame> frames) {
        backend.sendFrames(this, frames);
    }

    @Override
    public void terminate() {
        backend.signal(this, Wire.How.TERMINATE, null);
    }

    @Override
    public void kill() {
        backend.signal(this, Wire.How.KILL, null);
    }

    @Override
    public boolean isAlive() {
        return !end.isDone();
    }

    @Override
    public String stdoutTail(int lines) {
        String tail = stdoutTail;
        return lastLines(tail != null ? tail : kept(false), lines);
    }

    @Override
    public String stderrTail(int lines) {
        String tail = stderrTail;
        return lastLines(tail != null ? tail : kept(true), lines);
    }

    private synchronized String kept(boolean stderr) {
        return (stderr ? stderrKept : stdoutKept).toString();
    }

    private static String lastLines(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines - (text.endsWith("\n") ? 1 : 0));
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length)).stripTrailing();
    }

    /**
     * Returns at once: the agent relays a chunk's results only after the output the worker printed
     * before them, in the same queue, so that output has been printed here already. (Waiting here
     * would stall the one thread that reads both.)
     */
    @Override
    public void awaitOutput(long stdout, long stderr, long millis) {
    }

    @Override
    public WorkerStatus.Snapshot status() {
        return status;
    }

    // ---- ProcessControl ------------------------------------------------------------------------

    @Override
    public CompletableFuture<Integer> end() {
        return end;
    }

    @Override
    public void signal(boolean kill) {
        if (!end.isDone()) {
            backend.signal(this, kill ? Wire.How.KILL : Wire.How.TERMINATE, null);
        }
    }

    @Override
    public void interrupt(String processName) {
        if (!end.isDone()) {
            backend.signal(this, Wire.How.INTERRUPT, processName);
        }
    }

    @Override
    public String toString() {
        return name + " on " + agentAddress;
    }
}
