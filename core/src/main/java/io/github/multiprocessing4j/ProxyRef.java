package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;

/**
 * A proxy in transit: its manager and the object's id. Arriving in a client it becomes a proxy
 * again; arriving in its own manager (stored in a container) it stays this reference, so that a
 * container inside a container is still shared, not copied.
 *
 * @param manager the manager
 * @param object  the object's id there
 * @param kind    {@link #DICT}, {@link #LIST} or {@link #NAMESPACE}
 */
record ProxyRef(ManagerRef manager, long object, int kind) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int DICT = 1;
    static final int LIST = 2;
    static final int NAMESPACE = 3;

    @Serial
    private Object readResolve() {
        if (ManagerServer.isServing(manager.id())) {
            return this;
        }
        ManagerRef via = ManagerClient.reachedVia(manager);
        return switch (kind) {
            case DICT -> new DictProxy<>(via, object);
            case LIST -> new ListProxy<>(via, object);
            case NAMESPACE -> new NamespaceProxy(via, object);
            default -> throw new IllegalStateException("a manager proxy of unknown kind " + kind);
        };
    }
}
