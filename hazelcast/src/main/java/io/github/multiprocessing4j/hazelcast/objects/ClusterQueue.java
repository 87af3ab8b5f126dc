package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.JoinableQueue;
import io.github.multiprocessing4j.QueueEmptyException;
import io.github.multiprocessing4j.QueueFullException;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link io.github.multiprocessing4j.Queue} and {@link JoinableQueue} in the cluster: an
 * {@link IQueue} of its own ({@code mp4j.q.<uuid>}) holding every item as the {@code byte[]} of
 * its JDK serialization ({@link Codec}), so the members never need the items' classes. A bounded
 * queue gets a {@link QueueConfig} with that max size (dynamic configuration, which a client may
 * add too), so the queue itself refuses an {@code offer} when full. {@code qsize} is the
 * IQueue's size: exact. There is no feeder: {@code put} has delivered the item when it returns,
 * so {@link #joinThread()} has nothing to wait for.
 *
 * <p>A joinable queue's unfinished-task count is an entry of {@value ClusterObject#SYNC}
 * changed by {@link SyncOps.Count}: one more before each item goes in (one less again if it did
 * not), one less per {@code taskDone}, never below zero.
 *
 * <p>Waiting polls ({@link Waiting}) with the non-blocking {@code offer}/{@code poll}, so an
 * interrupted {@code get} never loses an item taken on a member for a caller that gave up.
 */
final class ClusterQueue<T> extends ClusterObject implements JoinableQueue<T> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int maxsize;
    private final boolean joinable;
    private final String what;
    private transient volatile boolean closed;
    private transient volatile boolean used;

    private ClusterQueue(ClusterLink link, int maxsize, boolean joinable, String what) {
        super(link, "q");
        this.maxsize = maxsize;
        this.joinable = joinable;
        this.what = what != null ? what : (joinable ? "a JoinableQueue" : "a Queue") + (maxsize == 0 ? "" : " of maxsize " + maxsize);
    }

    static <T> ClusterQueue<T> create(ClusterLink link, int maxsize, boolean joinable) {
        return create(link, maxsize, joinable, null);
    }

    /** @param what how messages name the queue; null for the Queue's own */
    static <T> ClusterQueue<T> create(ClusterLink link, int maxsize, boolean joinable, String what) {
        if (maxsize < 0) {
            throw new IllegalArgumentException("maxsize cannot be negative: " + maxsize + " (0 means unbounded)");
        }
        ClusterQueue<T> q = new ClusterQueue<>(link, maxsize, joinable, what);
        if (maxsize > 0) {
            q.hazelcast().getConfig().addQueueConfig(new QueueConfig(q.id).setMaxSize(maxsize));
        }
        if (joinable) {
            q.tasks().set(q.id, new long[] {0});
        }
        return q;
    }

    private IQueue<byte[]> queue() {
        return hazelcast().getQueue(id);
    }

    private IMap<String, long[]> tasks() {
        return map(SYNC);
    }

    @Override
    public void put(T item) {
        put(item, false, Waiting.FOREVER, null);
    }

    @Override
    public void put(T item, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        put(item, timeout.isZero() || timeout.isNegative(), Waiting.deadline(timeout), timeout);
    }

    @Override
    public void putNowait(T item) {
        put(item, true, System.nanoTime() - 1, Duration.ZERO);
    }

    private void put(T item, boolean nowait, long deadline, Duration timeout) {
        open("put");
        byte[] bytes = Codec.encode(item, "an item put in " + what);
        if (joinable) {
            tasks().executeOnKey(id, new SyncOps.Count(1));
        }
        boolean done = false;
        try {
            IQueue<byte[]> queue = queue();
            done = Waiting.until("putting in " + what, deadline, () -> queue.offer(bytes) ? Boolean.TRUE : null) != null;
        } finally {
            if (!done && joinable) {
                tasks().executeOnKey(id, new SyncOps.Count(-1));
            }
        }
        if (!done) {
            throw new QueueFullException(what + " is full" + (nowait ? "" : ": no room came within " + timeout));
        }
    }

    @Override
    public T get() {
        return get(false, Waiting.FOREVER, null);
    }

    @Override
    public T get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return get(timeout.isZero() || timeout.isNegative(), Waiting.deadline(timeout), timeout);
    }

    @Override
    public T getNowait() {
        return get(true, System.nanoTime() - 1, Duration.ZERO);
    }

    @SuppressWarnings("unchecked")
    private T get(boolean nowait, long deadline, Duration timeout) {
        open("get from");
        IQueue<byte[]> queue = queue();
        byte[] bytes = Waiting.until("getting from " + what, deadline, queue::poll);
        if (bytes == null) {
            throw new QueueEmptyException(what + " is empty" + (nowait ? "" : ": no item came within " + timeout));
        }
        return (T) Codec.decode(bytes);
    }

    @Override
    public int qsize() {
        return queue().size();
    }

    @Override
    public boolean empty() {
        if (closed && used) {
            throw new IllegalStateException(what + " is closed");
        }
        return queue().isEmpty();
    }

    @Override
    public boolean full() {
        return maxsize > 0 && queue().size() >= maxsize;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void joinThread() {
        if (!closed) {
            throw new IllegalStateException("joinThread() is only allowed after close(): " + what + " is open");
        }
    }

    @Override
    public void cancelJoinThread() {
        // nothing to cancel: put delivers to the cluster before it returns
    }

    @Override
    public void taskDone() {
        requireJoinable("taskDone");
        if (tasks().executeOnKey(id, new SyncOps.Count(-1)) < 0) {
            throw new IllegalStateException("taskDone() called too many times: more than items were put in " + what);
        }
    }

    @Override
    public void join() {
        requireJoinable("join");
        joinUntil(Waiting.FOREVER);
    }

    @Override
    public boolean join(Duration timeout) {
        requireJoinable("join");
        return joinUntil(timeout == null ? Waiting.FOREVER : Waiting.deadline(timeout));
    }

    private boolean joinUntil(long deadline) {
        return Waiting.until("joining " + what, deadline, () -> tasks().get(id)[0] == 0 ? Boolean.TRUE : null) != null;
    }

    private void requireJoinable(String method) {
        if (!joinable) {
            throw new UnsupportedOperationException(method + "() is for a JoinableQueue; this is a plain Queue");
        }
    }

    private void open(String verb) {
        used = true;
        if (closed) {
            throw new IllegalStateException("cannot " + verb + " " + what + ": it is closed");
        }
    }

    @Override
    public String toString() {
        return what + "[" + id + (closed ? ", closed" : "") + "]";
    }
}
