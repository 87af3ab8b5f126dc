package io.github.multiprocessing4j.internal.serial;

/**
 * Turns objects into bytes and back, for everything that crosses a process boundary: process
 * targets, pool tasks and results, queue items, messages on a connection.
 *
 * <p>Implementations are thread-safe. {@link #serialize} runs in the caller's thread, at the
 * call site, so that an object that cannot travel fails where the user can see why.
 */
public interface Serializer {

    /**
     * Serializes {@code value} (which may be {@code null}).
     *
     * @param value the object graph to write
     * @param what  what the value is, for error messages ("the process target", "a queue item")
     * @return the bytes
     * @throws IllegalArgumentException when some object in the graph cannot be serialized; the
     *                                  message names its type
     */
    byte[] serialize(Object value, String what);

    /**
     * Reads back what {@link #serialize} wrote.
     *
     * @param bytes the serialized form
     * @return the object
     * @throws SerializationException when the bytes cannot be read (a class missing on this
     *                                side, a rejected class, corrupt data)
     */
    Object deserialize(byte[] bytes);
}
