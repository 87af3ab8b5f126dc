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

/**
 * {@link Serializer} on JDK serialization, which handles anything {@link java.io.Serializable},
 * serializable lambdas included.
 *
 * <p>Reading goes through an {@link ObjectInputFilter}: graph limits (depth, references, array
 * length) against resource exhaustion, and a list of classes that are never accepted from a
 * stream (well-known deserialization gadgets). The control channel is already authenticated, so
 * the filter is a second wall, not the first. The system property {@code mp4j.serialFilter} (an
 * {@link ObjectInputFilter.Config#createFilter} pattern) is consulted before the defaults, so an
 * application can narrow what it accepts further.
 *
 * <p>Classes are resolved with the thread's context class loader first, so that objects of an
 * application loaded by a child-first loader (an IDE, {@code mvn exec:java}) come back as the
 * same classes.
 */
public final class JdkSerializer implements Serializer {

    /** The shared instance. */
    public static final JdkSerializer INSTANCE = new JdkSerializer();

    private static final String DEFAULT_FILTER =
            "maxdepth=2000;maxrefs=50000000;maxarray=2147483647;"
                    + "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
                    + "!org.codehaus.groovy.runtime.*;!com.sun.org.apache.xalan.internal.xsltc.trax.*;"
                    + "!org.springframework.beans.factory.*;!com.mchange.v2.c3p0.*;!javax.management.*;"
                    + "!java.rmi.server.*;!sun.rmi.*";

    private final ObjectInputFilter filter;

    private JdkSerializer() {
        ObjectInputFilter defaults = ObjectInputFilter.Config.createFilter(DEFAULT_FILTER);
        String user = System.getProperty("mp4j.serialFilter");
        this.filter = user == null || user.isBlank()
                ? defaults
                : ObjectInputFilter.merge(ObjectInputFilter.Config.createFilter(user), defaults);
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
        try (ObjectInputStream in = new FilteredInput(new ByteArrayInputStream(bytes), filter)) {
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
