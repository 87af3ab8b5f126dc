package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ValueCodec;

/**
 * A unit of dispatch: some items of one job, encoded as a {@code POOL_TASKS} message (see
 * {@link Protocol}) at the call site, in the caller's thread.
 */
final class Chunk {

    /** Where the items start in a {@code POOL_TASKS} payload whose function field is empty. */
    private static final int ITEMS_AT = 8 + 1 + 4 + 4;

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

    /** Starts a payload: the header with an empty function field; the caller appends the items. */
    static ByteSink header(long id, byte kind, int functionId, int capacity) {
        ByteSink sink = new ByteSink(capacity);
        sink.putLong(id).putByte(kind).putInt(functionId).putInt(0);
        return sink;
    }

    /**
     * Encodes {@code count} items of a map call (and, for starmap, their second arguments).
     *
     * @throws IllegalArgumentException when an item cannot be serialized; the message names its type
     */
    static Chunk ofItems(long id, Job job, byte kind, Object[] first, Object[] second, int count, long offset) {
        ByteSink sink = header(id, kind, job.function().id(), 64 + count * 6);
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
        byte[] function = job.function().bytes();
        ByteSink sink = new ByteSink(payload.length + function.length);
        sink.putRaw(payload, 0, ITEMS_AT - 4);
        sink.putBytes(function);
        sink.putRaw(payload, ITEMS_AT, payload.length - ITEMS_AT);
        return sink.toByteArray();
    }

    @Override
    public String toString() {
        return "chunk " + id + " (" + count + " tasks)";
    }
}
