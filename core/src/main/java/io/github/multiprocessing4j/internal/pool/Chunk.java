package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.PoolTasks;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import io.github.multiprocessing4j.internal.serial.ValueCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * A unit of dispatch: some items of one job, encoded as a {@code POOL_TASKS} message (see
 * {@link Protocol}) at the call site, in the caller's thread. Its fields but {@link #attempts}
 * and {@code event} are fixed; those are guarded by the pool's lock.
 */
final class Chunk implements Work {

    private static final int DESCRIPTION_LIMIT = 200;

    final long id;
    final Job job;
    /** The index of the first item in its job. */
    final long offset;
    final int count;
    /** The payload, with an empty function field. */
    private final byte[] payload;
    /** Its JFR event, begun when it was given to a worker, while a recording takes it; else null. */
    PoolEvents.Tasks event;
    /** The deaths of the workers that ran it, one per attempt that failed (for retries). */
    final List<RuntimeException> attempts = new ArrayList<>(0);

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

    /**
     * Names a task of this chunk for a message: its place in its call and its input, as
     * {@code task 17 of the map call (item "abc")}, or {@code apply task #4 (Main$$Lambda/0x…)}.
     *
     * @param index the task's index in this chunk
     */
    String describe(int index) {
        if (job instanceof ApplyBatch batch) {
            ApplyTask task = batch.task(index);
            return "apply task #" + task.number() + " (" + shorten(() -> String.valueOf(
                    io.github.multiprocessing4j.internal.serial.CompactSerializer.INSTANCE.deserialize(task.bytes()))) + ")";
        }
        return "task " + (offset + index) + " of the map call (item " + shorten(() -> {
            ByteSource in = new ByteSource(payload);
            PoolTasks.read(in);
            Object item = ValueCodec.decode(in)[index];
            return item instanceof String s ? '"' + s + '"' : String.valueOf(item);
        }) + ")";
    }

    private static String shorten(java.util.function.Supplier<String> text) {
        String s;
        try {
            s = text.get();
        } catch (RuntimeException | LinkageError e) {
            return "unreadable: " + e;
        }
        return s.length() <= DESCRIPTION_LIMIT ? s : s.substring(0, DESCRIPTION_LIMIT) + "… (" + s.length() + " characters)";
    }

    @Override
    public String toString() {
        return "chunk " + id + " (" + count + " tasks)";
    }
}
