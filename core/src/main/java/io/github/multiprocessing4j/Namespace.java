package io.github.multiprocessing4j;

import java.util.Set;

/**
 * Named values shared through a {@link Manager}: Python's {@code Namespace} ({@code ns.x = 1}
 * becomes {@code ns.set("x", 1)}). Every process holding the namespace sees the same values.
 *
 * <pre>{@code
 * Namespace ns = manager.namespace();
 * ns.set("epoch", 3);
 * Process p = new Process(() -> ns.set("epoch", (Integer) ns.get("epoch") + 1));
 * }</pre>
 * A value read is a copy: change a value through {@code set}, or store a manager's
 * {@code dict()} or {@code list()} in the namespace to share a container that is changed in place.
 */
public interface Namespace {

    /**
     * Reads a value.
     *
     * @param name a name set before
     * @return its value (a copy)
     * @throws java.util.NoSuchElementException when no value has that name (Python's {@code AttributeError})
     */
    Object get(String name);

    /**
     * Sets a value, replacing any before it.
     *
     * @param name  the name
     * @param value the value, serializable; may be null
     */
    void set(String name, Object value);

    /**
     * Removes a value (Python's {@code del ns.x}).
     *
     * @param name the name
     * @throws java.util.NoSuchElementException when no value has that name
     */
    void remove(String name);

    /** {@return the names set, a copy} */
    Set<String> names();
}
