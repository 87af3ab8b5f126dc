package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Namespace;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A manager's {@code namespace()} in the cluster: an {@link IMap} of its own
 * ({@code mp4j.ns.<uuid>}) from name to the value's JDK serialization ({@link Codec}), so a null
 * value can be set, as in Python, and members never need the values' classes.
 */
final class ClusterNamespace extends ClusterObject implements Namespace {

    @Serial
    private static final long serialVersionUID = 1L;

    ClusterNamespace(ClusterLink link) {
        super(link, "ns");
    }

    private IMap<String, byte[]> imap() {
        return hazelcast().getMap(id);
    }

    @Override
    public Object get(String name) {
        byte[] bytes = imap().get(Objects.requireNonNull(name, "name"));
        if (bytes == null) {
            throw new NoSuchElementException("the namespace has no value named '" + name + "'");
        }
        return Codec.decode(bytes);
    }

    @Override
    public void set(String name, Object value) {
        imap().set(Objects.requireNonNull(name, "name"), Codec.encode(value, "the value of '" + name + "'"));
    }

    @Override
    public void remove(String name) {
        if (imap().remove(Objects.requireNonNull(name, "name")) == null) {
            throw new NoSuchElementException("the namespace has no value named '" + name + "'");
        }
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(imap().keySet());
    }

    @Override
    public String toString() {
        return "Namespace" + names();
    }
}
