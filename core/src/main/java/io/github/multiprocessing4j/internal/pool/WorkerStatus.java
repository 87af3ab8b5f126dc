package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Words;

import java.lang.foreign.MemorySegment;

/**
 * What a pool worker is doing, in a shared-memory segment of kind {@value #KIND} that the worker
 * creates and writes and its pool reads (announced in {@code POOL_READY}): the task it is running,
 * for crash attribution, and where its time went, for {@code Pool.insights()}. No message is sent
 * to keep it current, and it survives the worker's death, so the pool reads what a worker was
 * running when it was killed.
 * <pre>
 *   0              8              16             24             32             40             48
 *   +--------------+--------------+--------------+--------------+--------------+--------------+
 *   | chunk        | item         | waiting      | working      | sending      | tasks        |
 *   +--------------+--------------+--------------+--------------+--------------+--------------+
 *   | waiting since| working since| ready at     |                                              64..72
 *   +--------------+--------------+--------------+
 * </pre>
 * All longs, written by the worker alone (release stores), read by the parent at any time.
 * Times are {@code System.nanoTime()} values and spans, which on Linux come from the one
 * {@code CLOCK_MONOTONIC} of the machine, so the parent can add the span in progress.
 * <ul>
 *   <li><b>chunk</b>: the id of the chunk being run, 0 between chunks;</li>
 *   <li><b>item</b>: the index in that chunk of the task being run;</li>
 *   <li><b>waiting</b>, <b>working</b>, <b>sending</b>: nanoseconds since {@code POOL_READY} spent
 *       waiting for a chunk, running tasks, and encoding and sending results;</li>
 *   <li><b>tasks</b>: tasks finished;</li>
 *   <li><b>waiting since</b>, <b>working since</b>: when the wait or the chunk in progress
 *       began, 0 when none is;</li>
 *   <li><b>ready at</b>: when the worker was ready for tasks (its start-up ends there, and its
 *       waiting begins: the parent learns of it later, by a message).</li>
 * </ul>
 */
public final class WorkerStatus {

    /** The segment kind. */
    public static final String KIND = "pstatus";
    static final long CHUNK = 0;
    static final long ITEM = 8;
    static final long WAITING = 16;
    static final long WORKING = 24;
    static final long SENDING = 32;
    static final long TASKS = 40;
    static final long WAITING_SINCE = 48;
    static final long WORKING_SINCE = 56;
    static final long READY_AT = 64;
    /** The body's size. */
    public static final long SIZE = 128;

    private final MemorySegment body;

    private WorkerStatus(MemorySegment body) {
        this.body = body;
    }

    /** @return a new status segment, for the worker to write; its path goes in {@code POOL_READY} */
    public static Segment create() {
        return Segment.create(KIND, SIZE, body -> { });
    }

    /**
     * @param segment a segment made by {@link #create()}
     * @return the writer/reader over it
     */
    public static WorkerStatus of(Segment segment) {
        return new WorkerStatus(segment.body());
    }

    /** The worker is ready for tasks at {@code now} (before it says POOL_READY). */
    public void ready(long now) {
        Words.setLongRelease(body, READY_AT, now);
    }

    /** The worker starts running {@code chunkId}, at {@code now}. */
    public void startChunk(long chunkId, long now) {
        Words.setLongRelease(body, ITEM, 0);
        Words.setLongRelease(body, CHUNK, chunkId);
        Words.setLongRelease(body, WORKING_SINCE, now);
    }

    /** The worker starts the task at {@code index} of its chunk. */
    public void item(long index) {
        Words.setLongRelease(body, ITEM, index);
    }

    /** The chunk's tasks are done: {@code tasks} ran for {@code workNanos}. */
    public void workDone(int tasks, long workNanos) {
        Words.setLongRelease(body, WORKING_SINCE, 0);
        add(WORKING, workNanos);
        add(TASKS, tasks);
    }

    /** The chunk's results are sent: the worker runs no chunk. */
    public void endChunk() {
        Words.setLongRelease(body, CHUNK, 0);
    }

    /** The worker starts waiting for work at {@code now}. */
    public void startWaiting(long now) {
        Words.setLongRelease(body, WAITING_SINCE, now);
    }

    /** The wait that began at {@link #startWaiting} ended after {@code nanos}. */
    public void waited(long nanos) {
        Words.setLongRelease(body, WAITING_SINCE, 0);
        add(WAITING, nanos);
    }

    /** Adds time spent encoding and sending results. */
    public void sent(long nanos) {
        add(SENDING, nanos);
    }

    private void add(long offset, long delta) {
        Words.setLongRelease(body, offset, Words.getLong(body, offset) + delta); // one writer
    }

    /** @return what the worker has written so far */
    Snapshot read() {
        return new Snapshot(Words.getLong(body, CHUNK), Words.getLong(body, ITEM), Words.getLong(body, WAITING),
                Words.getLong(body, WORKING), Words.getLong(body, SENDING), Words.getLong(body, TASKS),
                Words.getLong(body, WAITING_SINCE), Words.getLong(body, WORKING_SINCE), Words.getLong(body, READY_AT));
    }

    /**
     * One reading of a worker's status.
     *
     * @param chunk   the chunk it is running, 0 for none
     * @param item    the index in that chunk of the task it is running
     * @param waiting nanoseconds it waited for work
     * @param working nanoseconds it ran tasks
     * @param sending nanoseconds it spent sending results
     * @param tasks   tasks it finished
     * @param waitingSince when its wait in progress began, 0 for none
     * @param workingSince when its chunk in progress began, 0 for none
     * @param readyAt      when it was ready for tasks, 0 before
     */
    public record Snapshot(long chunk, long item, long waiting, long working, long sending, long tasks, long waitingSince,
                    long workingSince, long readyAt) {
        /** All zero: a worker not ready yet, or one whose status cannot be read. */
        public static final Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** @return the time it waited, with the wait in progress at {@code now} */
        long waiting(long now) {
            return waiting + (waitingSince == 0 ? 0 : Math.max(0, now - waitingSince));
        }

        /** @return the time it worked, with the chunk in progress at {@code now} */
        long working(long now) {
            return working + (workingSince == 0 ? 0 : Math.max(0, now - workingSince));
        }
    }
}
