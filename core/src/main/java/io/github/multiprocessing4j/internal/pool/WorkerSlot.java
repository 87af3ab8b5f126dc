package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.runtime.ChildJvm;

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

    WorkerSlot(String name, ChildJvm child) {
        this.name = name;
        this.child = child;
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
