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
 * {@code Queue} and {@code JoinableQueue} on a shared ring ({@link QueueCore}). Serializes as a
 * small {@link QueueRef} naming the ring; the copy a child deserializes attaches to the same ring.
 *
 * <p>State of this object (not of the queue, which other objects share): open, then closed by
 * {@link #close()}; {@code used} records whether anything was put or got through it, because
 * Python lets a never-used closed queue answer {@code empty()}.
 *
 * <p>Each object is a hold on the ring's memory ({@link RingHolds}) from its creation or arrival
 * until {@code close()} (after this process's feeder delivered its items), its garbage collection
 * or its process's end: the memory goes back once no process holds it and no form of it is on
 * its way to a process.
 *
 * @param <T> the type of the items
 */
final class SharedQueue<T> implements JoinableQueue<T>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient QueueCore core;
    private final transient boolean joinable;
    private final transient String what;
    /** This object's hold on the ring's memory, given up by {@code close()}; set once. */
    private final transient Cleaner.Cleanable hold;
    private volatile transient boolean closed;
    private volatile transient boolean used;

    @SuppressWarnings("this-escape") // the cleaner keeps no strong reference and never calls back
    private SharedQueue(QueueCore core, boolean joinable, String what, boolean attached) {
        this.core = core;
        this.joinable = joinable;
        this.what = what;
        this.hold = RingHolds.queue(this, core, attached, what);
    }

    /** @return a new queue of at most {@code maxsize} items (0: unbounded) */
    public static <T> SharedQueue<T> create(int maxsize, boolean joinable) {
        String what = describe(joinable, maxsize);
        return new SharedQueue<>(QueueCore.create(maxsize, false, what), joinable, what, false);
    }

    /** @param delivered whether to give back the sender's transit once this object holds the ring */
    static <T> SharedQueue<T> attach(String path, boolean joinable, boolean delivered) {
        Ring ring = RingHolds.attach(path, describe(joinable, 0), 0)[0];
        String what = describe(joinable, ring.maxItems());
        SharedQueue<T> queue = new SharedQueue<>(new QueueCore(ring, ring.maxItems() == 0, what), joinable, what, true);
        if (delivered) {
            RingHolds.arrived(new Ring[] {ring});
        }
        return queue;
    }

    private static String describe(boolean joinable, int maxsize) {
        return (joinable ? "a JoinableQueue" : "a Queue") + (maxsize == 0 ? "" : " of maxsize " + maxsize);
    }

    @Override
    public void put(T item) {
        put(item, false, Futex.FOREVER, null);
    }

    @Override
    public void put(T item, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        boolean nowait = timeout.isZero() || timeout.isNegative();
        put(item, nowait, Futex.deadline(timeout), timeout);
    }

    @Override
    public void putNowait(T item) {
        put(item, true, Futex.FOREVER, Duration.ZERO);
    }

    private void put(T item, boolean nowait, long deadline, Duration timeout) {
        open("put");
        Item encoded = core.encode(item, "an item put in " + what);
        used = true;
        try {
            if (!core.put(encoded, nowait, deadline, joinable)) {
                throw new QueueFullException(what + " is full" + (nowait ? "" : ": no room came within " + timeout));
            }
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("putting in " + what, e);
        }
    }

    @Override
    public T get() {
        return get(false, Futex.FOREVER, null);
    }

    @Override
    public T get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        boolean nowait = timeout.isZero() || timeout.isNegative();
        return get(nowait, Futex.deadline(timeout), timeout);
    }

    @Override
    public T getNowait() {
        return get(true, Futex.FOREVER, Duration.ZERO);
    }

    @SuppressWarnings("unchecked")
    private T get(boolean nowait, long deadline, Duration timeout) {
        open("get from");
        used = true;
        Item item;
        try {
            item = core.get(nowait, deadline);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("getting from " + what, e);
        }
        if (item == null) {
            throw new QueueEmptyException(what + " is empty" + (nowait ? "" : ": no item came within " + timeout));
        }
        return (T) Received.item(item);
    }

    @Override
    public int qsize() {
        requireMemory("count the items of");
        return Received.qsize(core, what);
    }

    @Override
    public boolean empty() {
        if (closed) {
            if (used) {
                throw new IllegalStateException(what + " is closed");
            }
            return true; // Python's answer for a closed queue that was never used
        }
        return Received.qsize(core, what) == 0;
    }

    @Override
    public boolean full() {
        requireMemory("ask whether it is full:");
        return core.full();
    }

    private void requireMemory(String verb) {
        if (closed) {
            throw new IllegalStateException("cannot " + verb + " " + what + ": it is closed (this object's hold on its shared memory was given back)");
        }
    }

    /**
     * Closes this object: nothing more can be put or got through it, and its hold on the ring's
     * memory is given back once this process's feeder delivered what it holds (in the background:
     * {@link #joinThread()} waits for it).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        hold.clean();
    }

    @Override
    public void joinThread() {
        if (!closed) {
            throw new IllegalStateException("joinThread() is only allowed after close(): " + what + " is open");
        }
        try {
            core.flush(Futex.FOREVER);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("waiting for the feeder of " + what, e);
        }
    }

    @Override
    public void cancelJoinThread() {
        core.cancelFlush();
    }

    @Override
    public void taskDone() {
        requireJoinable("taskDone");
        try {
            core.taskDone();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("taskDone on " + what, e);
        }
    }

    @Override
    public void join() {
        join(null);
    }

    @Override
    public boolean join(Duration timeout) {
        requireJoinable("join");
        try {
            return core.join(Futex.deadline(timeout));
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("joining " + what, e);
        }
    }

    private void requireJoinable(String method) {
        requireMemory("call " + method + "() on");
        if (!joinable) {
            throw new UnsupportedOperationException(method + "() is for a JoinableQueue; this is a plain Queue");
        }
    }

    private void open(String verb) {
        if (closed) {
            throw new IllegalStateException("cannot " + verb + " " + what + ": it is closed");
        }
    }

    @Override
    public String toString() {
        return what + "[" + core.ring().path() + (closed ? ", closed" : "") + "]";
    }

    @Serial
    private Object writeReplace() throws InvalidObjectException {
        if (closed) {
            throw new InvalidObjectException(what + " is closed: a closed queue cannot be sent to another process");
        }
        boolean delivered = RingHolds.sending(new Ring[] {core.ring()}, what);
        return new QueueRef(core.ring().path(), joinable ? SharedKind.JOINABLE_QUEUE : SharedKind.QUEUE, delivered);
    }

    @Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a queue travels as a QueueRef");
    }

    /** @return the queue's core, for this package's tests */
    QueueCore core() {
        return core;
    }

}
