package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;

/**
 * {@code POOL_TASKS}, parent → pool worker: a chunk of tasks. The header is this record; the items
 * follow it in the same payload, written and read by the pool ({@code ValueCodec} blocks, or
 * serialized callables), so that a chunk is encoded once, in the caller's thread, and never copied
 * again unless its function must be inlined.
 * <pre>
 *   0          8      9             13                 13 + 4 + f
 *  +----------+------+-------------+------------------+-------------
 *  | chunkId  | kind | functionId  | int f, f bytes   | items …
 *  | long     | byte | int         | function         | CALL: int n, n × bytes (callables)
 *  +----------+------+-------------+------------------+ MAP: a value block; STARMAP: two
 * </pre>
 * The function travels once per worker and map call: a chunk is encoded with an empty function
 * field ({@link #start}) and {@link #withFunction} inlines it for a worker that does not hold it.
 *
 * @param chunkId    the chunk's id, echoed by {@link PoolResults}
 * @param kind       {@link #CALL}, {@link #MAP} or {@link #STARMAP}
 * @param functionId the map call's function, 0 for {@code CALL}
 * @param function   the serialized function, or empty when the worker holds it
 */
public record PoolTasks(long chunkId, byte kind, int functionId, byte[] function) {

    /** The type of its frame. */
    public static final byte TYPE = 18;

    /** Items: {@code int n, n × bytes}, each a serialized callable. */
    public static final byte CALL = 0;
    /** Items: one value block, the arguments of the map call's function. */
    public static final byte MAP = 1;
    /** Items: two value blocks, the first and second arguments. */
    public static final byte STARMAP = 2;

    private static final int FUNCTION_ID_AT = 8 + 1;
    private static final int FUNCTION_AT = FUNCTION_ID_AT + 4;
    /** Where the items start when the function field is empty. */
    private static final int ITEMS_AT = FUNCTION_AT + 4;

    /**
     * Starts a payload whose function field is empty; the caller appends the items.
     *
     * @param chunkId    the chunk's id
     * @param kind       the kind of items
     * @param functionId the function's id
     * @param capacity   a guess of the whole payload's size
     * @return the sink, holding the header
     */
    public static ByteSink start(long chunkId, byte kind, int functionId, int capacity) {
        return new ByteSink(capacity).putLong(chunkId).putByte(kind).putInt(functionId).putBytes(new byte[0]);
    }

    /**
     * @param payload  a payload made by {@link #start} and the items
     * @param function the serialized function
     * @return the same payload with the function inlined
     */
    public static byte[] withFunction(byte[] payload, byte[] function) {
        ByteSink sink = new ByteSink(payload.length + function.length);
        sink.putRaw(payload, 0, FUNCTION_AT);
        sink.putBytes(function);
        sink.putRaw(payload, ITEMS_AT, payload.length - ITEMS_AT);
        return sink.toByteArray();
    }

    /**
     * @param payload a {@code POOL_TASKS} payload
     * @return its chunk id, read without decoding the rest
     */
    public static long chunkIdOf(byte[] payload) {
        return new ByteSource(payload).getLong();
    }

    /**
     * Reads the header; {@code in} is left at the items.
     *
     * @param in a payload
     * @return the header
     * @throws IllegalStateException when the payload is truncated or of an unknown kind
     */
    public static PoolTasks read(ByteSource in) {
        long chunkId = in.getLong();
        byte kind = (byte) in.getByte();
        if (kind != CALL && kind != MAP && kind != STARMAP) {
            throw new IllegalStateException("a POOL_TASKS message of unknown kind " + kind);
        }
        return new PoolTasks(chunkId, kind, in.getInt(), in.getBytes());
    }
}
