package io.github.multiprocessing4j.internal.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.List;

/**
 * {@link Serializer} on JDK serialization, which handles anything {@link java.io.Serializable},
 * serializable lambdas included.
 *
 * <p>Reading goes through an {@link ObjectInputFilter}: graph limits against resource
 * exhaustion, and a list of classes that are never accepted from a stream (well-known
 * deserialization gadgets). The channels are already authenticated (a peer that passed the
 * authkey is trusted to run code, as in Python), so the filter is a second wall, not the first.
 * It is combined with the JVM's own filter ({@code -Djdk.serialFilter} or
 * {@link ObjectInputFilter.Config#setSerialFilter}), never put in its place: a class either
 * rejects is rejected; a JVM-wide filter factory, when one is set, combines them itself.
 *
 * <p>The limits, each a system property read once: {@code mp4j.serial.maxDepth} (default
 * {@value #MAX_DEPTH}: how deeply objects may nest in a stream), {@code mp4j.serial.maxRefs}
 * (default {@value #MAX_REFS} objects in one stream) and {@code mp4j.serial.maxArray} (default
 * {@value #MAX_ARRAY} elements in one array), and {@code mp4j.serial.maxHashDepth} (default
 * {@value #MAX_HASH_DEPTH}): how deeply a stream that holds hash-based sets or maps may nest.
 * The last is the bound on time: hash sets nested in hash sets that share their members cost a
 * receiver time exponential in their nesting to rebuild (a stream of a few kilobytes kept one
 * busy for good), while ordinary data that holds sets or maps rarely nests deeper; a stream
 * without them may nest up to {@code maxDepth}. The system
 * property {@code mp4j.serialFilter} (an {@link ObjectInputFilter.Config#createFilter} pattern)
 * is consulted before the defaults: an allow-list such as
 * {@code "com.example.model.*;java.base/*;!*"} turns the filter into an allow-list mode, for a
 * {@code Listener} exposed beyond loopback. {@link CompactSerializer} applies the same checks to
 * the classes its streams name.
 *
 * <p>Classes are resolved with the thread's context class loader first, so that objects of an
 * application loaded by a child-first loader (an IDE, {@code mvn exec:java}) come back as the
 * same classes.
 */
public final class JdkSerializer implements Serializer {

    /** The shared instance. */
    public static final JdkSerializer INSTANCE = new JdkSerializer();

    /**
     * A filter that applies, on top of the others, to what is read while it is bound: a
     * connection's own allow-list ({@link CompactSerializer#deserialize(byte[], ObjectInputFilter)}).
     */
    static final ScopedValue<ObjectInputFilter> EXTRA = ScopedValue.newInstance();

    /** Classes never accepted from a stream: well-known deserialization gadgets. */
    private static final List<String> DENIED = List.of(
            "org.apache.commons.collections.functors.", "org.apache.commons.collections4.functors.",
            "org.codehaus.groovy.runtime.", "com.sun.org.apache.xalan.internal.xsltc.trax.",
            "org.springframework.beans.factory.", "com.mchange.v2.c3p0.", "javax.management.",
            "java.rmi.server.", "sun.rmi.");

    /** The default bound on nesting (see the class comment). */
    static final int MAX_DEPTH = 1000;
    /** The default bound on the nesting of a stream that holds hash-based collections. */
    static final int MAX_HASH_DEPTH = 64;
    /** The default bound on the objects of one stream. */
    static final int MAX_REFS = 10_000_000;
    /** The default bound on the elements of one array (the largest Java array). */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static String limits() {
        return "maxdepth=" + Long.getLong("mp4j.serial.maxDepth", MAX_DEPTH)
                + ";maxrefs=" + Long.getLong("mp4j.serial.maxRefs", MAX_REFS)
                + ";maxarray=" + Long.getLong("mp4j.serial.maxArray", MAX_ARRAY);
    }

    /**
     * Made on first use: {@link ObjectInputFilter.Config} initialises {@code java.security},
     * which costs a fresh JVM tens of milliseconds that the compact codec never needs to pay.
     */
    private volatile ObjectInputFilter filter;

    private JdkSerializer() {
    }

    /** @return the filter of JDK streams: the user's {@code mp4j.serialFilter}, then limits and the deny list */
    ObjectInputFilter filter() {
        ObjectInputFilter f = filter;
        if (f == null) {
            ObjectInputFilter defaults = ObjectInputFilter.merge(
                    info -> info.serialClass() != null && isDenied(info.serialClass()) ? ObjectInputFilter.Status.REJECTED
                            : ObjectInputFilter.Status.UNDECIDED,
                    ObjectInputFilter.Config.createFilter(limits()));
            f = userFilter() == null ? defaults : ObjectInputFilter.merge(userFilter(), defaults);
            ObjectInputFilter jvm = ObjectInputFilter.Config.getSerialFilter();
            if (jvm != null) {
                f = ObjectInputFilter.merge(f, jvm); // the JVM's filter keeps its say: a rejection by either rejects
            }
            filter = f;
        }
        return f;
    }

    /**
     * Checks a class named by a compact stream: the deny list always, the user's filter when
     * {@code mp4j.serialFilter} is set.
     *
     * @throws SerializationException when the class is rejected
     */
    static void check(Class<?> type) {
        ObjectInputFilter user = userFilter();
        if (isDenied(type) || (user != null && user.checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.REJECTED)
                || JvmFilter.rejects(type)
                || (EXTRA.isBound() && EXTRA.get().checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.REJECTED)) {
            throw new SerializationException("class " + type.getName() + " is rejected by the serial filter", null);
        }
    }

    private static boolean isDenied(Class<?> type) {
        String name = type.getName();
        for (String prefix : DENIED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectInputFilter userFilter() {
        return UserFilter.FILTER;
    }

    /**
     * The JVM-wide filter as the compact codec consults it: when {@code -Djdk.serialFilter} is
     * given (initialising {@link ObjectInputFilter.Config} costs a fresh JVM tens of milliseconds,
     * which a JVM without the property does not pay).
     */
    private static final class JvmFilter {
        static final ObjectInputFilter FILTER = System.getProperty("jdk.serialFilter") == null ? null
                : ObjectInputFilter.Config.getSerialFilter();

        static boolean rejects(Class<?> type) {
            return FILTER != null && FILTER.checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.REJECTED;
        }
    }

    /** The user's filter, read once (and only then is {@link ObjectInputFilter.Config} initialised). */
    private static final class UserFilter {
        static final ObjectInputFilter FILTER = create();

        private static ObjectInputFilter create() {
            String pattern = System.getProperty("mp4j.serialFilter");
            return pattern == null || pattern.isBlank() ? null : ObjectInputFilter.Config.createFilter(pattern);
        }
    }

    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    @Override
    public byte[] serialize(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be sent to another process: it holds a "
                    + e.getMessage() + ", which does not implement java.io.Serializable. Make that type "
                    + "Serializable, create the object inside the task instead of capturing it, or share it "
                    + "through a Queue, Value or Pipe (a lambda that uses an instance field or method "
                    + "captures 'this', the enclosing object)", e);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException(what + " cannot be sent to another process: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " could not be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object deserialize(byte[] bytes) {
        ObjectInputFilter f = ObjectInputFilter.merge(new HashDepth(), filter());
        f = EXTRA.isBound() ? ObjectInputFilter.merge(EXTRA.get(), f) : f;
        try (ObjectInputStream in = new FilteredInput(new ByteArrayInputStream(bytes), f)) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new SerializationException("class " + e.getMessage() + " is not on this JVM's class path", e);
        } catch (java.io.InvalidClassException e) {
            throw new SerializationException("could not deserialize: " + e.getMessage() + " (rejected by the serial filter: "
                    + "the limits are mp4j.serial.maxDepth, mp4j.serial.maxHashDepth, mp4j.serial.maxRefs and "
                    + "mp4j.serial.maxArray; classes are chosen by mp4j.serialFilter and the JVM's jdk.serialFilter)", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not deserialize: " + e, e);
        }
    }

    /**
     * The bound on the nesting of a stream that holds hash-based collections, for one stream:
     * once a hash set or map has appeared, the stream may nest {@code mp4j.serial.maxHashDepth}
     * levels at most (the filter sees each class once per stream, and the depth at every object
     * and reference, so it cannot tell which objects are the hashed ones).
     */
    private static final class HashDepth implements ObjectInputFilter {
        private static final long MAX = Long.getLong("mp4j.serial.maxHashDepth", MAX_HASH_DEPTH);
        private boolean hashes;

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> type = info.serialClass();
            if (type != null && (java.util.HashMap.class.isAssignableFrom(type) || java.util.HashSet.class.isAssignableFrom(type)
                    || java.util.Hashtable.class.isAssignableFrom(type)
                    || java.util.concurrent.ConcurrentHashMap.class.isAssignableFrom(type))) {
                hashes = true;
            }
            return hashes && info.depth() > MAX ? Status.REJECTED : Status.UNDECIDED;
        }
    }

    private static final class FilteredInput extends ObjectInputStream {
        FilteredInput(InputStream in, ObjectInputFilter filter) throws IOException {
            super(in);
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException ignored) {
                    // fall through to the default resolution
                }
            }
            return super.resolveClass(desc);
        }
    }
}
