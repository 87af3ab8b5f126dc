package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

/** A manager's {@code namespace()}, as its clients see it: every operation is a call to the manager. */
final class NamespaceProxy implements Namespace, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private final transient ManagerRef manager;
    private final transient long id;

    NamespaceProxy(ManagerRef manager, long id) {
        this.manager = manager;
        this.id = id;
    }

    @Override
    public Object get(String name) {
        return ManagerClient.call(manager, id, "ns.get", name);
    }

    @Override
    public void set(String name, Object value) {
        ManagerClient.call(manager, id, "ns.set", name, value);
    }

    @Override
    public void remove(String name) {
        ManagerClient.call(manager, id, "ns.remove", name);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<String> names() {
        return (Set<String>) ManagerClient.call(manager, id, "ns.names");
    }

    @Override
    public String toString() {
        return "Namespace" + names() + " in " + manager;
    }

    @Serial
    private Object writeReplace() {
        return new ProxyRef(manager, id, ProxyRef.NAMESPACE);
    }
}
