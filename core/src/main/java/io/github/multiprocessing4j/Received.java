package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.Item;
import io.github.multiprocessing4j.internal.ipc.QueueCore;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.SerializationException;

/**
 * What came from another process, read back as the public API reports a failure: bytes that
 * cannot be read (a class missing here, a class the filter refuses, corrupt data) throw a
 * {@link ProcessException} with the serializer's message and cause; so does an interrupted count
 * of a queue's items.
 */
final class Received {

    private Received() {
    }

    /** @return the object serialized in {@code bytes} */
    static Object object(byte[] bytes) {
        return object(bytes, null);
    }

    /** @return the object serialized in {@code bytes}, which {@code filter} (if not null) must accept too */
    static Object object(byte[] bytes, java.io.ObjectInputFilter filter) {
        try {
            return CompactSerializer.INSTANCE.deserialize(bytes, filter);
        } catch (SerializationException e) {
            throw new ProcessException(e.getMessage(), e.getCause());
        }
    }

    /** @return a queue item's value: its bytes as they are when it was put raw, else the object */
    static Object item(Item item) {
        byte[] bytes = item.bytes();
        return item.raw() ? bytes : object(bytes);
    }

    /**
     * {@return a queue's exact count} It waits for the ring's lock when this process's feeder
     * holds items; an interrupt then ends it with the public exception.
     */
    static int qsize(QueueCore core, String what) {
        try {
            return core.qsize();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("counting the items of " + what, e);
        }
    }
}
