package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;

/**
 * A manager's {@code list()}, as its clients see it: every operation is a call to the manager,
 * where the list is an {@code ArrayList} guarded by itself. Iteration, {@code toArray},
 * {@code equals} and {@code toString} read a snapshot, in one call.
 *
 * @param <E> the elements' type
 */
final class ListProxy<E> extends AbstractList<E> implements RandomAccess, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private final transient ManagerRef manager;
    private final transient long id;

    ListProxy(ManagerRef manager, long id) {
        this.manager = manager;
        this.id = id;
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, Object... args) {
        return (T) ManagerClient.call(manager, id, method, args);
    }

    private List<E> snapshot() {
        return call("snapshot");
    }

    @Override
    public E get(int index) {
        return call("get", index);
    }

    @Override
    public E set(int index, E element) {
        return call("set", index, element);
    }

    @Override
    public boolean add(E element) {
        return call("append", element);
    }

    @Override
    public void add(int index, E element) {
        call("add", index, element);
    }

    @Override
    public E remove(int index) {
        return call("remove", index);
    }

    @Override
    public int size() {
        return call("size");
    }

    @Override
    public void clear() {
        call("clear");
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return call("addAll", new ArrayList<>(c));
    }

    @Override
    public int indexOf(Object o) {
        return call("indexOf", o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return call("lastIndexOf", o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    @Override
    public Iterator<E> iterator() {
        return snapshot().iterator();
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().toArray(a);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof List<?> other && snapshot().equals(other instanceof ListProxy<?> p ? p.snapshot() : other));
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }

    @Serial
    private Object writeReplace() {
        return new ProxyRef(manager, id, ProxyRef.LIST);
    }
}
