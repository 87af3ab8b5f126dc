package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.ipc.Item;
import io.github.multiprocessing4j.internal.ipc.QueueCore;
import io.github.multiprocessing4j.internal.ipc.Ring;

import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code SimpleQueue} on a shared ring: {@code put} waits for bytes, no feeder, no bound.
 * Serializes as a {@link QueueRef}.
 *
 * @param <T> the type of the items
 */
final class SharedSimpleQueue<T> implements SimpleQueue<T>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "a SimpleQueue";

    private final transient QueueCore core;
    private volatile transient boolean closed;
    /**
     * Whether this queue was ever serialized (sent to another process, or captured by a process
     * target or a task): until then no other process can use it, and {@code close()} gives its
     * shared memory back at once.
     */
    private volatile transient boolean sent;

    private SharedSimpleQueue(QueueCore core) {
        this.core = core;
    }

    /** @return a new simple queue */
    public static <T> SharedSimpleQueue<T> create() {
        return new SharedSimpleQueue<>(QueueCore.create(0, true, WHAT));
    }

    static <T> SharedSimpleQueue<T> attach(String path) {
        return new SharedSimpleQueue<>(new QueueCore(Ring.attach(path, 0, WHAT), false, WHAT));
    }

    @Override
    public void put(T item) {
        open();
        Item encoded = core.encode(item, "an item put in " + WHAT);
        try {
            core.put(encoded, false, Futex.FOREVER, false);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("putting in " + WHAT, e);
        }
    }

    @Override
    public T get() {
        return get(false, Futex.FOREVER, null);
    }

    @Override
    public T get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return get(timeout.isZero() || timeout.isNegative(), Futex.deadline(timeout), timeout);
    }

    @SuppressWarnings("unchecked")
    private T get(boolean nowait, long deadline, Duration timeout) {
        open();
        try {
            Item taken = core.get(nowait, deadline);
            if (taken == null) {
                throw new QueueEmptyException(WHAT + " is empty" + (nowait ? "" : ": no item came within " + timeout));
            }
            return (T) Received.item(taken);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("getting from " + WHAT, e);
        }
    }

    @Override
    public boolean empty() {
        open();
        return Received.qsize(core, WHAT) == 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!sent) {
            core.releaseIfPrivate(); // every call checks closed first: the ring is not touched again
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(WHAT + " is closed");
        }
    }

    @Override
    public String toString() {
        return WHAT + "[" + core.ring().path() + (closed ? ", closed" : "") + "]";
    }

    @Serial
    private Object writeReplace() {
        sent = true;
        return new QueueRef(core.ring().path(), SharedKind.SIMPLE_QUEUE);
    }

}
