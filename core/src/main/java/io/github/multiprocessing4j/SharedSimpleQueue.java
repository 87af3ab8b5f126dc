package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.shm.SharedKind;
import io.github.multiprocessing4j.internal.ipc.Item;
import io.github.multiprocessing4j.internal.ipc.QueueCore;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.ipc.RingHolds;

import io.github.multiprocessing4j.internal.shm.Futex;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.Cleaner;
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
    /** This object's hold on the ring's memory ({@link RingHolds}), given up by {@code close()}. */
    private final transient Cleaner.Cleanable hold;
    private volatile transient boolean closed;

    @SuppressWarnings("this-escape") // the cleaner keeps no strong reference and never calls back
    private SharedSimpleQueue(QueueCore core, boolean attached) {
        this.core = core;
        this.hold = RingHolds.queue(this, core, attached, WHAT);
    }

    /** @return a new simple queue */
    public static <T> SharedSimpleQueue<T> create() {
        return new SharedSimpleQueue<>(QueueCore.create(0, true, WHAT), false);
    }

    /** @param delivered whether to give back the sender's transit once this object holds the ring */
    static <T> SharedSimpleQueue<T> attach(String path, boolean delivered) {
        Ring ring = RingHolds.attach(path, WHAT, 0)[0];
        SharedSimpleQueue<T> queue = new SharedSimpleQueue<>(new QueueCore(ring, false, WHAT), true);
        if (delivered) {
            RingHolds.arrived(new Ring[] {ring});
        }
        return queue;
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
        hold.clean(); // every call checks closed first: the ring is not touched again
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

    /** @return the queue's core, for this package's tests */
    QueueCore core() {
        return core;
    }

    @Serial
    private Object writeReplace() throws InvalidObjectException {
        if (closed) {
            throw new InvalidObjectException(WHAT + " is closed: a closed queue cannot be sent to another process");
        }
        boolean delivered = RingHolds.sending(new Ring[] {core.ring()}, WHAT);
        return new QueueRef(core.ring().path(), SharedKind.SIMPLE_QUEUE, delivered);
    }

}
