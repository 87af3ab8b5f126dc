package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.WarmPool;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One worker JVM of a pool, as the pool's dispatcher sees it. Fields other than the outbox are
 * guarded by the pool's lock.
 *
 * <h2>State</h2>
 * <pre>
 *  STARTING ──POOL_READY──▶ READY ──(maxTasksPerChild reached)──▶ RETIRING ──(holds nothing)──┐
 *     │                       │                                                             ▼
 *     │                       └──────(close: queue empty, holds nothing; terminate)────▶ STOPPING
 *     └──────────────────────────(the JVM exits, in any state)──────────────────────────▶ DEAD
 * </pre>
 * Only a READY worker is given chunks, at most {@code prefetch} at a time ({@link #held}), so
 * the pool always knows which tasks each worker holds. A worker that exits while not STOPPING
 * died: the chunks it held fail with {@code WorkerDiedException} and it is replaced.
 *
 * <h2>Sending</h2>
 * Decisions are made under the pool's lock and queued in the outbox; {@link #flush()} sends
 * them outside the lock, in the order they were decided (a function travels with the first chunk
 * of its call that this worker receives, so order matters).
 */
final class WorkerSlot {

    enum State { STARTING, READY, RETIRING, STOPPING, DEAD }

    final String name;
    final ChildJvm child;
    State state = State.STARTING;
    /** The chunks this worker holds, by id. */
    final Map<Long, Chunk> held = new LinkedHashMap<>();
    /** The ids of the functions this worker holds. */
    final Set<Integer> functions = new HashSet<>();
    /** Tasks given to this worker so far (for maxTasksPerChild). */
    long tasks;
    /** The chunk that ran past the task timeout, for which this worker is being killed. */
    Chunk overdue;

    private final ArrayDeque<Frame> outbox = new ArrayDeque<>();
    private final Object sendLock = new Object();

    private WorkerSlot(String name, ChildJvm child) {
        this.name = name;
        this.child = child;
    }

    /**
     * Launches a worker JVM ({@code SpawnPoolWorker-N}, a daemon) and sends it {@code POOL_WORKER}.
     *
     * @param initializer the serialized initializer, or null
     * @param warm        take an idle JVM of the {@code "warm"} context when there is one
     * @param onMessage   gets the frames the worker sends, on its control-channel reader thread
     * @param onExit      gets the worker's exit code once it is reaped
     */
    static WorkerSlot launch(byte[] initializer, boolean warm, List<String> jvmOptions,
                             BiConsumer<WorkerSlot, Frame> onMessage, ObjIntConsumer<WorkerSlot> onExit) {
        int[] identity = Self.nextChildIdentity();
        String name = "SpawnPoolWorker-" + IntStream.of(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
        RunDirectory run = RunDirectory.get();
        // the ChildSpec's process field carries the initializer
        byte[] spec = new ChildSpec(initializer == null ? new byte[0] : initializer, name, identity, true, Self.name(),
                ProcessHandle.current().pid(), run.runId(), run.dir().toString()).encode();
        ChildJvm jvm = warm ? WarmPool.get().take(name, true, jvmOptions) : JvmLauncher.launch(name, true, jvmOptions);
        WorkerSlot slot = new WorkerSlot(name, jvm);
        slot.child.onMessage(frame -> onMessage.accept(slot, frame));
        slot.child.send(Protocol.POOL_WORKER, spec);
        slot.child.exitCode().whenComplete((code, error) -> onExit.accept(slot, code == null ? Integer.MIN_VALUE : code));
        return slot;
    }

    /** @return the failure of the tasks this worker held when it died unasked */
    RuntimeException died(int code, List<Chunk> lost, boolean starting, PoolErrors errors) {
        String how = code < 0 ? "killed by signal " + -code : "exit code " + code;
        String last = child.stdoutTail(1);
        if (last.contains("OutOfMemoryError")) {
            how += ": out of heap, \"" + last.strip() + "\"";
        }
        int tasks = lost.stream().mapToInt(c -> c.count).sum();
        String when = starting ? "while starting" : "while holding " + tasks + (tasks == 1 ? " task" : " tasks");
        String tail = child.stderrTail(20);
        String message = "pool worker " + this + " died " + when + " (" + how + ")"
                + (tail.isEmpty() ? "; it wrote nothing to stderr" : "; the last lines of its stderr:\n" + tail);
        return Failures.local(errors.workerDied(message, child.pid(), code, tail));
    }

    /** @return the failure of the chunk that ran past the task timeout and got this worker killed */
    RuntimeException timedOut(Chunk chunk, Duration timeout, PoolErrors errors) {
        return Failures.local(errors.timedOut("the task ran past the pool's task timeout of " + timeout
                + (chunk.count > 1 ? " (× " + chunk.count + " tasks in its chunk)" : "")
                + ": its worker " + this + " was killed and replaced"));
    }

    void enqueue(byte type, byte[] payload) {
        synchronized (outbox) {
            outbox.add(new Frame(type, payload));
        }
    }

    /** Sends what was queued, in order. */
    void flush() {
        synchronized (sendLock) {
            while (true) {
                Frame frame;
                synchronized (outbox) {
                    frame = outbox.poll();
                }
                if (frame == null) {
                    return;
                }
                child.send(frame.type(), frame.payload());
            }
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + child.pid() + ")";
    }
}
