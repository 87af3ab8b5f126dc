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
 * <p>Reading goes through an {@link ObjectInputFilter}: graph limits (depth, references, array
 * length) against resource exhaustion, and a list of classes that are never accepted from a
 * stream (well-known deserialization gadgets). The channels are already authenticated, so the
 * filter is a second wall, not the first. The system property {@code mp4j.serialFilter} (an
 * {@link ObjectInputFilter.Config#createFilter} pattern) is consulted before the defaults, so an
 * application can narrow what it accepts further; {@link CompactSerializer} applies the same
 * checks to the classes its streams name.
 *
 * <p>Classes are resolved with the thread's context class loader first, so that objects of an
 * application loaded by a child-first loader (an IDE, {@code mvn exec:java}) come back as the
 * same classes.
 */
public final class JdkSerializer implements Serializer {

    /** The shared instance. */
    public static final JdkSerializer INSTANCE = new JdkSerializer();

    /** Classes never accepted from a stream: well-known deserialization gadgets. */
    private static final List<String> DENIED = List.of(
            "org.apache.commons.collections.functors.", "org.apache.commons.collections4.functors.",
            "org.codehaus.groovy.runtime.", "com.sun.org.apache.xalan.internal.xsltc.trax.",
            "org.springframework.beans.factory.", "com.mchange.v2.c3p0.", "javax.management.",
            "java.rmi.server.", "sun.rmi.");

    private static final String LIMITS = "maxdepth=2000;maxrefs=50000000;maxarray=2147483647";

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
                    ObjectInputFilter.Config.createFilter(LIMITS));
            f = userFilter() == null ? defaults : ObjectInputFilter.merge(userFilter(), defaults);
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
        if (isDenied(type) || (user != null && user.checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.REJECTED)) {
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
        try (ObjectInputStream in = new FilteredInput(new ByteArrayInputStream(bytes), filter())) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new SerializationException("class " + e.getMessage() + " is not on this JVM's class path", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("could not deserialize: " + e, e);
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
