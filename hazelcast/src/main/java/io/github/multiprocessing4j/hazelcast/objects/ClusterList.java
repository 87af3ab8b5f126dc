package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.collection.IList;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * A manager's {@code list()} in the cluster: a {@link java.util.List} over an {@link IList} of its
 * own ({@code mp4j.list.<uuid>}), serializable (the list's name travels, not its elements).
 * Each call is one cluster operation; iteration reads element by element (a snapshot:
 * {@code new ArrayList<>(list)} reads it in one call). Null elements are refused.
 */
final class ClusterList<E> extends AbstractList<E> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ClusterLink link;
    private final String id;

    ClusterList(ClusterLink link) {
        this.link = Objects.requireNonNull(link, "link");
        this.id = "mp4j.list." + UUID.randomUUID();
    }

    private IList<E> ilist() {
        return link.hazelcast().getList(id);
    }

    @Override
    public E get(int index) {
        return ilist().get(index);
    }

    @Override
    public E set(int index, E element) {
        return ilist().set(index, Objects.requireNonNull(element, "element"));
    }

    @Override
    public void add(int index, E element) {
        ilist().add(index, Objects.requireNonNull(element, "element"));
    }

    @Override
    public boolean add(E element) {
        return ilist().add(Objects.requireNonNull(element, "element"));
    }

    @Override
    public E remove(int index) {
        return ilist().remove(index);
    }

    @Override
    public boolean remove(Object o) {
        return ilist().remove(o);
    }

    @Override
    public int size() {
        return ilist().size();
    }

    @Override
    public boolean contains(Object o) {
        return ilist().contains(o);
    }

    @Override
    public int indexOf(Object o) {
        return ilist().indexOf(o);
    }

    @Override
    public void clear() {
        ilist().clear();
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return ilist().addAll(c);
    }

    @Override
    public Object[] toArray() {
        return ilist().toArray();
    }


    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof java.util.List<?> l && new ArrayList<>(ilist()).equals(l));
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(ilist()).hashCode();
    }

    @Override
    public String toString() {
        return new ArrayList<>(ilist()).toString();
    }
}
