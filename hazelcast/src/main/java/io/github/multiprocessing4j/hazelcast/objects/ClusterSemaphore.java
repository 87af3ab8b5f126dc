package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Semaphore;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;

/**
 * {@link Semaphore} in the cluster: {@code [value, bound]} in an entry of
 * {@value ClusterObject#SYNC}, changed by {@link SyncOps.TryAcquire} and {@link SyncOps.Release}
 * (the CP subsystem's {@code ISemaphore} is Enterprise-only). Waiting polls ({@link Waiting}).
 * Permits held by a process that dies are not given back, as locally.
 */
final class ClusterSemaphore extends ClusterObject implements Semaphore {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean bounded;

    private ClusterSemaphore(ClusterLink link, boolean bounded) {
        super(link, "semaphore");
        this.bounded = bounded;
    }

    static ClusterSemaphore create(ClusterLink link, int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("a semaphore's initial value cannot be negative: " + value);
        }
        ClusterSemaphore s = new ClusterSemaphore(link, bounded);
        s.state().set(s.id, new long[] {value, bounded ? value : -1});
        return s;
    }

    private IMap<String, long[]> state() {
        return map(SYNC);
    }

    @Override
    public boolean acquire() {
        return acquireUntil(Waiting.FOREVER);
    }

    @Override
    public boolean acquire(boolean block) {
        return acquireUntil(block ? Waiting.FOREVER : System.nanoTime() - 1);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return acquireUntil(Waiting.deadline(timeout));
    }

    private boolean acquireUntil(long deadline) {
        return Waiting.until("acquiring a semaphore", deadline,
                () -> state().executeOnKey(id, new SyncOps.TryAcquire()) ? Boolean.TRUE : null) != null;
    }

    @Override
    public void release() {
        int outcome = state().executeOnKey(id, new SyncOps.Release());
        if (outcome == 1) {
            throw new IllegalStateException("semaphore released too many times: a bounded semaphore cannot go above its"
                    + " initial value " + state().get(id)[1]);
        }
        if (outcome == 2) {
            throw new IllegalStateException("semaphore released too many times: its value is at the maximum " + Integer.MAX_VALUE);
        }
    }

    @Override
    public int getValue() {
        return (int) state().get(id)[0];
    }

    @Override
    public String toString() {
        long[] s = state().get(id);
        return bounded ? "BoundedSemaphore(value=" + s[0] + ", maxvalue=" + s[1] + ")" : "Semaphore(value=" + s[0] + ")";
    }
}
