package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A manager's {@code dict()}, as its clients see it: every operation is a call to the manager,
 * where the map is a {@code ConcurrentHashMap}. Function forms run in the manager when the
 * function is serializable, else here over the atomic operations ({@link Manager}'s class comment).
 * Views ({@link #entrySet()}, {@link #keySet()}, {@link #values()}) are snapshots.
 *
 * @param <K> the keys' type
 * @param <V> the values' type
 */
final class DictProxy<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private final transient ManagerRef manager;
    private final transient long id;

    DictProxy(ManagerRef manager, long id) {
        this.manager = manager;
        this.id = id;
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, Object... args) {
        return (T) ManagerClient.call(manager, id, method, args);
    }

    @Override
    public V get(Object key) {
        return call("get", Objects.requireNonNull(key, "key"));
    }

    @Override
    public V put(K key, V value) {
        return call("put", Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public V remove(Object key) {
        return call("remove", Objects.requireNonNull(key, "key"));
    }

    @Override
    public boolean remove(Object key, Object value) {
        return value != null && (Boolean) call("remove2", Objects.requireNonNull(key, "key"), value);
    }

    @Override
    public boolean containsKey(Object key) {
        return call("containsKey", Objects.requireNonNull(key, "key"));
    }

    @Override
    public boolean containsValue(Object value) {
        return call("containsValue", Objects.requireNonNull(value, "value"));
    }

    @Override
    public int size() {
        return call("size");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public void clear() {
        call("clear");
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        call("putAll", new java.util.HashMap<>(m));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return call("putIfAbsent", Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return call("replace3", Objects.requireNonNull(key, "key"), Objects.requireNonNull(oldValue, "oldValue"),
                Objects.requireNonNull(newValue, "newValue"));
    }

    @Override
    public V replace(K key, V value) {
        return call("replace", Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> f) {
        return f instanceof Serializable ? call("compute", key, f) : ConcurrentMap.super.compute(key, f);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> f) {
        return f instanceof Serializable ? call("computeIfAbsent", key, f) : ConcurrentMap.super.computeIfAbsent(key, f);
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> f) {
        return f instanceof Serializable ? call("computeIfPresent", key, f) : ConcurrentMap.super.computeIfPresent(key, f);
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> f) {
        return f instanceof Serializable ? call("merge", key, value, f) : ConcurrentMap.super.merge(key, value, f);
    }

    /** {@return the entries now: a copy, detached from the manager} */
    @Override
    public Set<Entry<K, V>> entrySet() {
        Map<K, V> snapshot = call("snapshot");
        return Collections.unmodifiableMap(snapshot).entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DictProxy<?, ?> p ? p.manager.id().equals(manager.id()) && p.id == id : super.equals(o);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) ^ manager.id().hashCode();
    }

    @Serial
    private Object writeReplace() {
        return new ProxyRef(manager, id, ProxyRef.DICT);
    }
}
