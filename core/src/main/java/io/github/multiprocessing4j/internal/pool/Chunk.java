package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.PoolTasks;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ValueCodec;

/**
 * A unit of dispatch: some items of one job, encoded as a {@code POOL_TASKS} message (see
 * {@link Protocol}) at the call site, in the caller's thread.
 */
final class Chunk {

    final long id;
    final Job job;
    /** The index of the first item in its job. */
    final long offset;
    final int count;
    /** The payload, with an empty function field. */
    private final byte[] payload;
    /** System.nanoTime() when it was given to a worker. */
    long sentAt;
    /** When a task timeout applies: System.nanoTime() at which the chunk is overdue. */
    long deadline;

    Chunk(long id, Job job, long offset, int count, byte[] payload) {
        this.id = id;
        this.job = job;
        this.offset = offset;
        this.count = count;
        this.payload = payload;
    }

    /**
     * Encodes {@code count} items of a map call (and, for starmap, their second arguments).
     *
     * @throws IllegalArgumentException when an item cannot be serialized; the message names its type
     */
    static Chunk ofItems(long id, Job job, byte kind, Object[] first, Object[] second, int count, long offset) {
        ByteSink sink = PoolTasks.start(id, kind, job.function().id(), 64 + count * 6);
        ValueCodec.encode(sink, first, 0, count, "an item of the map call");
        if (second != null) {
            ValueCodec.encode(sink, second, 0, count, "an item of the starmap call");
        }
        return new Chunk(id, job, offset, count, sink.toByteArray());
    }

    /** @return the payload to send, with the function inlined when the worker does not hold it yet */
    byte[] payload(boolean withFunction) {
        if (!withFunction) {
            return payload;
        }
        return PoolTasks.withFunction(payload, job.function().bytes());
    }

    @Override
    public String toString() {
        return "chunk " + id + " (" + count + " tasks)";
    }
}
