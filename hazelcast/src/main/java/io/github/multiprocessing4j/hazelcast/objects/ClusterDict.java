package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A manager's {@code dict()} in the cluster: a {@link ConcurrentMap} over an {@link IMap} of its
 * own ({@code mp4j.dict.<uuid>}), serializable (the map's name travels, not its entries). Keys
 * and values are stored with Hazelcast's serialization; members keep them as bytes.
 * {@code putIfAbsent}, {@code replace} and {@code remove(key, value)} are the IMap's atomic ones;
 * {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent} and {@code merge} are
 * {@link ConcurrentMap}'s own retry loops over them, run here (the IMap's versions would send the
 * function to a member, whose class path does not hold user classes). The views
 * ({@code keySet}, {@code values}, {@code entrySet}) are copies. Null keys and values are refused.
 */
final class ClusterDict<K, V> extends ClusterObject implements ConcurrentMap<K, V> {

    @Serial
    private static final long serialVersionUID = 1L;

    ClusterDict(ClusterLink link) {
        super(link, "dict");
    }

    private IMap<K, V> imap() {
        return hazelcast().getMap(id);
    }

    @Override
    public int size() {
        return imap().size();
    }

    @Override
    public boolean isEmpty() {
        return imap().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return imap().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return imap().containsValue(value);
    }

    @Override
    public V get(Object key) {
        return imap().get(key);
    }

    @Override
    public V put(K key, V value) {
        return imap().put(key, value);
    }

    @Override
    public V remove(Object key) {
        return imap().remove(key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        imap().putAll(m);
    }

    @Override
    public void clear() {
        imap().clear();
    }

    @Override
    public Set<K> keySet() {
        return imap().keySet();
    }

    @Override
    public Collection<V> values() {
        return imap().values();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return imap().entrySet();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return imap().putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return imap().remove(key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return imap().replace(key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        return imap().replace(key, value);
    }


    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Map<?, ?> m && Map.copyOf(imap()).equals(m));
    }

    @Override
    public int hashCode() {
        return Map.copyOf(imap()).hashCode();
    }

    @Override
    public String toString() {
        return Map.copyOf(imap()).toString();
    }
}
