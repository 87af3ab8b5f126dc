package io.github.multiprocessing4j.hazelcast.objects;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * JDK serialization of the items, messages and values the objects store as {@code byte[]}: the
 * members keep the bytes and never deserialize them, so user classes need not be on their class
 * path. Classes are resolved with the thread's context class loader first (as core's serializer
 * does), then as {@link ObjectInputStream} would.
 */
final class Codec {

    private Codec() {
    }

    /**
     * @param value anything serializable, or null
     * @param what  what it is, for the message of the exception
     * @return its bytes
     * @throws IllegalArgumentException when it cannot be serialized
     */
    static byte[] encode(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: it holds a " + e.getMessage()
                    + ", which does not implement java.io.Serializable", e);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " could not be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes what {@link #encode} made
     * @return the object
     * @throws IllegalStateException when it cannot be deserialized here (a class missing from this JVM)
     */
    static Object decode(byte[] bytes) {
        try (ObjectInputStream in = new Input(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + e.getMessage() + " is not on this JVM's class path", e);
        } catch (IOException e) {
            throw new IllegalStateException("could not deserialize: " + e, e);
        }
    }

    private static final class Input extends ObjectInputStream {
        Input(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the latest user-defined loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
