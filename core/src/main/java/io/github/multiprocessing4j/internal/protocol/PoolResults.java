package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code POOL_RESULTS}, pool worker → parent: the results of a chunk. The header is this record;
 * a value block of the results (a {@code RemoteFailure} in place of each failure) follows it in
 * the same payload, written and read by the pool.
 * <pre>
 *   0          8             16            24          32             36             44
 *  +----------+-------------+-------------+-----------+--------------+--------------+-----------
 *  | chunkId  | stdoutBytes | stderrBytes | workNanos | slowestIndex | slowestNanos | results …
 *  +----------+-------------+-------------+-----------+--------------+--------------+-----------
 * </pre>
 * The byte counts are what the worker had written to each stream when it sent this: the parent
 * delivers the results only once that much output has been copied, so that a task's output
 * comes before its result, as in Python.
 *
 * @param chunkId     the chunk's id, from {@link PoolTasks}
 * @param stdoutBytes bytes the worker had written to stdout
 * @param stderrBytes  bytes the worker had written to stderr
 * @param workNanos    how long the chunk's tasks ran
 * @param slowestIndex the index in the chunk of its slowest task, -1 when tasks were not timed
 *                     one by one (tiny tasks: the worker times the chunk only)
 * @param slowestNanos how long that task ran
 */
public record PoolResults(long chunkId, long stdoutBytes, long stderrBytes, long workNanos, int slowestIndex,
                          long slowestNanos) {

    /** The type of its frame. */
    public static final byte TYPE = 19;

    /**
     * Writes this header; the caller appends the results.
     *
     * @param sink where the payload is written (a worker reuses one for every chunk)
     * @return the sink
     */
    public ByteSink writeTo(ByteSink sink) {
        return sink.putLong(chunkId).putLong(stdoutBytes).putLong(stderrBytes).putLong(workNanos).putInt(slowestIndex)
                .putLong(slowestNanos);
    }

    /**
     * Reads the header; {@code in} is left at the results.
     *
     * @param in a payload
     * @return the header
     */
    public static PoolResults read(ByteSource in) {
        return new PoolResults(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getLong());
    }
}
