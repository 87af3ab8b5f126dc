package io.github.multiprocessing4j.internal.serial;

import java.util.List;

/**
 * How the compact codec reads and makes {@code io.github.multiprocessing4j.Process} objects
 * without reflection into the public class: {@code Process} registers an implementation from
 * its static initializer (the JDK's "shared secrets" pattern).
 */
public interface ProcessBridge {

    /** The fields of a plain Process, as they travel. */
    record Fields(String name, boolean daemon, int[] identity, List<String> jvmOptions, Object target) {
    }

    /** @return the fields when {@code process} is exactly a Process (not a subclass), else null */
    Fields fields(Object process);

    /** @return a new Process with these fields, made without taking a new identity */
    Object create(Fields fields);

    /** @return the registered bridge */
    static ProcessBridge get() {
        ProcessBridge bridge = Holder.bridge;
        if (bridge == null) {
            try {
                Class.forName("io.github.multiprocessing4j.Process", true, ProcessBridge.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            bridge = Holder.bridge;
        }
        return bridge;
    }

    /** Called once, by Process. */
    static void register(ProcessBridge bridge) {
        Holder.bridge = bridge;
    }

    /** The registered bridge. */
    final class Holder {
        private static volatile ProcessBridge bridge;

        private Holder() {
        }
    }
}
