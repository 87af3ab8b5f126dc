package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;

/**
 * {@link Event} in the cluster: the flag is an entry of {@value ClusterObject#SYNC} ({@code [0]}
 * or {@code [1]}), set and cleared by plain writes; waiters poll it ({@link Waiting}), so a
 * waiter sees a {@code set} within about 10 ms. A {@code set} followed at once by a
 * {@code clear} may be missed by a waiter that did not look in between (Python's waiters are
 * woken by the set itself); use a {@link ClusterCondition} where that matters.
 */
final class ClusterEvent extends ClusterObject implements Event {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final long[] SET = {1};
    private static final long[] CLEAR = {0};

    private ClusterEvent(ClusterLink link) {
        super(link, "event");
    }

    static ClusterEvent create(ClusterLink link) {
        ClusterEvent e = new ClusterEvent(link);
        e.state().set(e.id, CLEAR);
        return e;
    }

    private IMap<String, long[]> state() {
        return map(SYNC);
    }

    @Override
    public boolean isSet() {
        return state().get(id)[0] != 0;
    }

    @Override
    public void set() {
        state().set(id, SET);
    }

    @Override
    public void clear() {
        state().set(id, CLEAR);
    }

    @Override
    public boolean await() {
        return awaitUntil(Waiting.FOREVER);
    }

    @Override
    public boolean await(Duration timeout) {
        return awaitUntil(Waiting.deadline(timeout));
    }

    private boolean awaitUntil(long deadline) {
        return Waiting.until("waiting for an event", deadline, () -> isSet() ? Boolean.TRUE : null) != null;
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
