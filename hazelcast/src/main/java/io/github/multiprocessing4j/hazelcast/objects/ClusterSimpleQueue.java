package io.github.multiprocessing4j.hazelcast.objects;

import io.github.multiprocessing4j.SimpleQueue;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * {@link SimpleQueue} in the cluster: an unbounded {@link ClusterQueue} (its own {@code IQueue}
 * of serialized items) seen through the plain interface, with the simple queue's messages.
 */
final class ClusterSimpleQueue<T> implements SimpleQueue<T>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "a SimpleQueue";

    private final ClusterQueue<T> queue;
    private transient volatile boolean closed;

    private ClusterSimpleQueue(ClusterQueue<T> queue) {
        this.queue = queue;
    }

    static <T> ClusterSimpleQueue<T> create(ClusterLink link) {
        return new ClusterSimpleQueue<>(ClusterQueue.create(link, 0, false, WHAT));
    }

    @Override
    public void put(T item) {
        open();
        queue.put(item);
    }

    @Override
    public T get() {
        open();
        return queue.get();
    }

    @Override
    public T get(Duration timeout) {
        open();
        return queue.get(timeout);
    }

    @Override
    public boolean empty() {
        open();
        return queue.empty();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(WHAT + " is closed");
        }
    }

    @Override
    public String toString() {
        return WHAT + "[" + queue.id + (closed ? ", closed" : "") + "]";
    }
}
