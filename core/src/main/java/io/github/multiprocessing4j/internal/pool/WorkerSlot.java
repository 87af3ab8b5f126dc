package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.PoolForget;
import io.github.multiprocessing4j.internal.protocol.PoolRecall;
import io.github.multiprocessing4j.internal.protocol.Protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One worker of a pool, as the pool's dispatcher sees it: its state, the chunks it holds, and the
 * frames decided for it. Every method but {@link #flush()} and the accessors of final fields runs
 * under the pool's lock.
 *
 * <h2>State</h2>
 * <pre>
 *  STARTING ──ready()──▶ READY ──retire(): maxTasksPerChild reached──▶ RETIRING
 *     │                    │                                              │
 *     ├────────────────────┴──────────stop(): close, terminate, retired───┴──▶ STOPPING
 *     └──────────────────────────died(): the worker exited, in any state──────────────▶ DEAD
 * </pre>
 * The state changes only through those methods, and each checks where it comes from: an illegal
 * move throws {@link IllegalStateException}. Only a READY worker with no recall pending is given
 * chunks; the chunks it holds are kept in the order given, which is the order it runs them.
 *
 * <h2>Recall</h2>
 * A worker that holds a chunk it may not have started yet (any held chunk but the first) can be
 * asked for it back ({@link #recall()}), so that an idle worker runs it. Until the worker answers
 * ({@link #recalled}) nothing more is given to it: the answer then says exactly which chunks it
 * holds.
 *
 * <h2>Sending</h2>
 * Decisions are made under the pool's lock and queued in the outbox; {@link #flush()} sends
 * them outside the lock, in the order they were decided (a function travels with the first chunk
 * of its call that this worker receives, so order matters).
 */
final class WorkerSlot {

    enum State { STARTING, READY, RETIRING, STOPPING, DEAD }

    /**
     * A chunk given to this worker.
     *
     * @param chunk           the chunk
     * @param carriedFunction whether its function was inlined for this worker (given back, the
     *                        worker does not hold the function)
     */
    record Held(Chunk chunk, boolean carriedFunction) {
    }

    final Worker worker;
    /** System.nanoTime() at launch, and when it said POOL_READY (0 before). */
    final long launchedAt = System.nanoTime();
    private long readyAt;
    private State state = State.STARTING;
    private final Map<Long, Held> held = new LinkedHashMap<>();
    /** The ids of the functions this worker holds. */
    private final Set<Integer> functions = new HashSet<>();
    /** The functions it may drop, to be told with its next chunk. */
    private final List<Integer> forgotten = new ArrayList<>(1);
    /** Tasks given to this worker so far (for maxTasksPerChild). */
    private long tasks;
    /** The chunk that ran past the task timeout, for which this worker is being killed; or null. */
    private Chunk overdue;
    /** The id of the chunk asked back, 0 when none. */
    private long recalling;

    /** Its start-up as a JFR event, committed when it is ready; null when not recorded. */
    private PoolEvents.WorkerStarted started;

    private final ArrayDeque<Frame> outbox = new ArrayDeque<>();
    private final Object sendLock = new Object();

    /** @param started its start-up event, begun at launch, or null */
    WorkerSlot(Worker worker, PoolEvents.WorkerStarted started) {
        this.worker = worker;
        this.started = started;
    }

    // ---- state ------------------------------------------------------------------------------------

    State state() {
        return state;
    }

    private void move(Set<State> from, State to) {
        if (!from.contains(state)) {
            throw new IllegalStateException("pool worker " + this + ": " + state + " → " + to + " is not a legal move");
        }
        state = to;
    }

    /** STARTING → READY: the initializer ran. */
    void ready() {
        move(EnumSet.of(State.STARTING), State.READY);
        readyAt = System.nanoTime();
        if (started != null) {
            started.worker = worker.name();
            started.pid = worker.pid();
            started.commit();
            started = null;
        }
    }

    /** READY → RETIRING: it has been given its last task. */
    void retire() {
        move(EnumSet.of(State.READY), State.RETIRING);
    }

    /**
     * STARTING, READY or RETIRING → STOPPING, telling the worker to exit; nothing when already
     * stopping or dead.
     *
     * @return true when it moved
     */
    boolean stop() {
        if (state == State.STOPPING || state == State.DEAD) {
            return false;
        }
        move(EnumSet.of(State.STARTING, State.READY, State.RETIRING), State.STOPPING);
        enqueue(Protocol.POOL_STOP, new byte[0]);
        return true;
    }

    /**
     * Any state → DEAD: the worker exited.
     *
     * @return the state it was in
     */
    State died() {
        State was = state;
        move(EnumSet.allOf(State.class), State.DEAD);
        return was;
    }

    /** @return System.nanoTime() when it became READY, 0 if it never did */
    long readyAt() {
        return readyAt;
    }

    // ---- work -------------------------------------------------------------------------------------

    /** @return true when READY, holding fewer than {@code depth} chunks, and no recall pending */
    boolean canTake(int depth) {
        return state == State.READY && recalling == 0 && held.size() < depth;
    }

    /** @return true when READY and holding nothing */
    boolean isIdle() {
        return state == State.READY && held.isEmpty() && recalling == 0;
    }

    boolean holdsNothing() {
        return held.isEmpty();
    }

    int holding() {
        return held.size();
    }

    long tasks() {
        return tasks;
    }

    /** @return true when it holds {@code chunk} */
    boolean holds(Chunk chunk) {
        Held h = held.get(chunk.id);
        return h != null && h.chunk() == chunk;
    }


    /**
     * Gives it a chunk, with the function inlined when it does not hold it yet.
     *
     * @return the number of tasks it has been given so far
     */
    long give(Chunk chunk) {
        for (int id : forgotten) {
            enqueue(Protocol.POOL_FORGET, new PoolForget(id).encode());
        }
        forgotten.clear();
        FunctionRef function = chunk.job.function();
        boolean withFunction = function != null && functions.add(function.id());
        held.put(chunk.id, new Held(chunk, withFunction));
        tasks += chunk.count;
        enqueue(Protocol.POOL_TASKS, chunk.payload(withFunction));
        return tasks;
    }

    /** @return the chunk with this id, no longer held; null when it was not held */
    Chunk finished(long chunkId) {
        Held h = held.remove(chunkId);
        if (h != null && h.chunk().id == recalling) {
            recalling = 0; // it ran before the recall reached the worker; the answer says so too
        }
        return h == null ? null : h.chunk();
    }

    /** @return every chunk it held, in order; it holds nothing afterwards */
    List<Chunk> takeAll() {
        List<Chunk> all = new ArrayList<>(held.size());
        held.values().forEach(h -> all.add(h.chunk()));
        held.clear();
        recalling = 0;
        return all;
    }

    /** It may drop {@code functionId}'s function: told with its next chunk ({@link #give}). */
    void forget(int functionId) {
        if (functions.remove(functionId)) {
            forgotten.add(functionId);
        }
    }

    void overdue(Chunk chunk) {
        overdue = chunk;
    }

    Chunk overdue() {
        return overdue;
    }

    // ---- recall -----------------------------------------------------------------------------------

    /** @return true when it holds a chunk it may not have started and no recall is pending */
    boolean canRecall() {
        return (state == State.READY || state == State.RETIRING) && held.size() >= 2 && recalling == 0;
    }

    /** Asks for its last chunk back (see {@link #canRecall()}). */
    void recall() {
        Held last = null;
        for (Held h : held.values()) {
            last = h;
        }
        recalling = last.chunk().id;
        enqueue(Protocol.POOL_RECALL, new PoolRecall(recalling).encode());
    }

    boolean isRecalling() {
        return recalling != 0;
    }

    /**
     * The worker answered a recall.
     *
     * @return the chunk it gave back, no longer held; null when it had started it (or the chunk
     *         is no longer held)
     */
    Chunk recalled(long chunkId, boolean returned) {
        if (chunkId == recalling) {
            recalling = 0;
        }
        if (!returned) {
            return null;
        }
        Held h = held.remove(chunkId);
        if (h == null) {
            return null;
        }
        if (h.carriedFunction()) {
            functions.remove(h.chunk().job.function().id());
        }
        tasks -= h.chunk().count;
        return h.chunk();
    }

    // ---- sending ----------------------------------------------------------------------------------

    void enqueue(byte type, byte[] payload) {
        synchronized (outbox) {
            outbox.add(new Frame(type, payload));
        }
    }

    /** Sends what was queued, in order, in one write. Outside the pool's lock. */
    void flush() {
        synchronized (sendLock) {
            List<Frame> frames;
            synchronized (outbox) {
                if (outbox.isEmpty()) {
                    return;
                }
                frames = new ArrayList<>(outbox);
                outbox.clear();
            }
            worker.send(frames);
        }
    }

    @Override
    public String toString() {
        return worker.name() + " (pid " + worker.pid() + ")";
    }
}
