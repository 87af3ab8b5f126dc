package io.github.multiprocessing4j.internal.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The default {@link Serializer}: a compact binary codec for the JDK's value types and for
 * serializable lambdas, with JDK serialization as the fallback for everything else.
 *
 * <p>Why: a fresh JVM's first JDK deserialization costs it 50-100 ms (the serial filter's
 * configuration initialises {@code java.security}, then stream classes and reflection spin up),
 * which is most of what starting a child process costs after the JVM itself. A process target —
 * a lambda capturing numbers, strings, collections, records and shared objects (whose
 * {@code writeReplace} gives a record) — travels without touching {@code ObjectInputStream}.
 *
 * <p>What is compact (see {@link CompactFormat} for the bytes): {@code null}, boxed primitives,
 * {@code String}, primitive arrays, {@code ArrayList}/{@code LinkedList}/immutable lists,
 * {@code HashSet}/{@code LinkedHashSet}/immutable sets, {@code HashMap}/{@code LinkedHashMap}/
 * immutable maps, serializable records and enums, serializable lambdas, the objects whose
 * {@code writeReplace} returns one of those (their {@code readResolve} runs on arrival), and plain
 * {@code io.github.multiprocessing4j.Process} objects. Anything else inside such a graph is
 * embedded as a JDK-serialized value. The JDK's semantics are kept: an object graph in which an
 * object is reached twice (shared or cyclic), or deeper than 64 levels, is written by JDK
 * serialization as a whole, so identity is preserved.
 */
public final class CompactSerializer implements Serializer {

    /** The shared instance. */
    public static final CompactSerializer INSTANCE = new CompactSerializer();

    private final JdkSerializer fallback = JdkSerializer.INSTANCE;

    private CompactSerializer() {
    }

    @Override
    public byte[] serialize(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(CompactFormat.COMPACT);
            new CompactWriter(out).write(value, 0);
        } catch (CompactWriter.NotCompact e) {
            return jdk(value, what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StackOverflowError e) {
            throw tooDeep(value, what, e);
        }
        return bytes.toByteArray();
    }

    /**
     * JDK serialization (and this codec) walk an object graph recursively: a graph nested more
     * deeply than the thread's stack allows (a linked chain of 100,000 nodes) cannot be written.
     */
    private static IllegalArgumentException tooDeep(Object value, String what, StackOverflowError e) {
        return new IllegalArgumentException(what + " cannot be sent to another process: its object graph (a "
                + value.getClass().getName() + ") is too deep to serialize, objects nested in objects further than"
                + " this thread's stack allows (a long linked chain?); send it as an array or a list, in pieces, or"
                + " give the sending thread a larger stack", e);
    }

    private byte[] jdk(Object value, String what) {
        byte[] body;
        try {
            body = fallback.serialize(value, what);
        } catch (StackOverflowError e) {
            throw tooDeep(value, what, e);
        }
        byte[] all = new byte[body.length + 1];
        all[0] = CompactFormat.JDK_STREAM;
        System.arraycopy(body, 0, all, 1, body.length);
        return all;
    }

    /**
     * Reads back what {@link #serialize} wrote, accepting only what {@code filter} accepts besides
     * the usual checks: the classes a compact stream names and everything in a JDK stream.
     *
     * @param bytes  the serialized form
     * @param filter a connection's own filter, or null for none
     * @return the object
     * @throws SerializationException when the bytes cannot be read or a class is rejected
     */
    public Object deserialize(byte[] bytes, java.io.ObjectInputFilter filter) {
        if (filter == null) {
            return deserialize(bytes);
        }
        return ScopedValue.where(JdkSerializer.EXTRA, filter).call(() -> deserialize(bytes));
    }

    @Override
    public Object deserialize(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("no bytes to deserialize", null);
        }
        if (bytes[0] == CompactFormat.JDK_STREAM) {
            byte[] body = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, body, 0, body.length);
            return fallback.deserialize(body);
        }
        if (bytes[0] != CompactFormat.COMPACT) {
            throw new SerializationException("not a multiprocessing4j serialized value (format " + bytes[0] + ")", null);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return new CompactReader(in).read();
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            if (e instanceof SerializationException s) {
                throw s;
            }
            throw new SerializationException("could not deserialize: " + e, e);
        }
    }
}
