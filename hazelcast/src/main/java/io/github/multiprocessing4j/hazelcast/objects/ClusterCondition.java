package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Condition;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.ProcessException;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@link Condition} in the cluster, over a {@link ClusterLock} or {@link ClusterRLock}: the
 * waiters are tickets in an entry of {@value ClusterObject#SYNC} ({@code [next ticket, waiting
 * tickets…]}, oldest first). {@code await} enqueues a ticket while it holds the lock, then
 * releases the lock and polls ({@link Waiting}) until a {@code signal} has taken its ticket out
 * (so a signal wakes only threads that were waiting when it was sent), then takes the lock back
 * (every level of a recursive hold). A waiter that times out takes its own ticket out; if a
 * signal took it first, the wait counts as signalled.
 */
final class ClusterCondition extends ClusterObject implements Condition {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ClusterLock lock;

    private ClusterCondition(ClusterLink link, ClusterLock lock) {
        super(link, "condition");
        this.lock = lock;
    }

    static ClusterCondition create(ClusterLink link, Lock lock) {
        Objects.requireNonNull(lock, "lock");
        if (!(lock instanceof ClusterLock cluster)) {
            throw new IllegalArgumentException("a Condition on the cluster needs a Lock or RLock made by a HazelcastContext"
                    + " (lock() or rLock()), not " + lock.getClass().getName());
        }
        ClusterCondition c = new ClusterCondition(link, cluster);
        c.state().set(c.id, new long[] {0});
        return c;
    }

    private IMap<String, long[]> state() {
        return map(SYNC);
    }

    @Override
    public boolean acquire() {
        return lock.acquire();
    }

    @Override
    public void release() {
        lock.release();
    }

    @Override
    public void await() {
        awaitUntil(Waiting.FOREVER);
    }

    @Override
    public boolean await(Duration timeout) {
        return awaitUntil(Waiting.deadline(timeout));
    }

    private boolean awaitUntil(long deadline) {
        requireHeld("wait on");
        long ticket = state().executeOnKey(id, new SyncOps.Enqueue());
        int holds = lock instanceof ClusterRLock r ? r.getHoldCount() : 1;
        for (int i = 0; i < holds; i++) {
            lock.release();
        }
        boolean signalled;
        ProcessException interrupted = null;
        try {
            signalled = Waiting.until("waiting on a Condition", deadline, () -> waiting(ticket) ? null : Boolean.TRUE) != null;
            if (!signalled) {
                signalled = !state().executeOnKey(id, new SyncOps.Cancel(ticket));
            }
        } catch (ProcessException e) {
            interrupted = e;
            signalled = !state().executeOnKey(id, new SyncOps.Cancel(ticket));
            if (signalled) {
                state().executeOnKey(id, new SyncOps.Signal(1)); // pass the signal on, as Java's conditions do
            }
        }
        boolean flag = Thread.interrupted();
        try {
            for (int i = 0; i < holds; i++) {
                lock.acquireUntil(Waiting.FOREVER);
            }
        } finally {
            if (flag) {
                Thread.currentThread().interrupt();
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
        return signalled;
    }

    private boolean waiting(long ticket) {
        long[] s = state().get(id);
        for (int i = 1; i < s.length; i++) {
            if (s[i] == ticket) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void signal() {
        signal(1);
    }

    @Override
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot signal a negative number of waiters: " + n);
        }
        requireHeld("signal");
        if (n > 0) {
            state().executeOnKey(id, new SyncOps.Signal(n));
        }
    }

    @Override
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    @Override
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        long deadline = timeout == null ? Waiting.FOREVER : Waiting.deadline(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            if (Waiting.remaining(deadline) <= 0) {
                break;
            }
            awaitUntil(deadline);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    private void requireHeld(String what) {
        if (!lock.heldByCurrentThread()) {
            throw new IllegalMonitorStateException("cannot " + what + " a Condition: the calling thread does not hold its lock " + lock);
        }
    }

    @Override
    public String toString() {
        return "Condition(" + lock + ", waiting=" + (state().get(id).length - 1) + ")";
    }
}
