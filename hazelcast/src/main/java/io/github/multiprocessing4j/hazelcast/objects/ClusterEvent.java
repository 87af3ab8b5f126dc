package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;

/**
 * {@link Event} in the cluster: {@code [flag, sets]} in an entry of {@value ClusterObject#SYNC};
 * {@code set} raises the flag and counts one more set ({@link SyncOps.SetEvent}), {@code clear}
 * lowers the flag. Waiters poll ({@link Waiting}) and return once the flag is up or the count
 * has moved since they started waiting, so a {@code set} followed at once by a {@code clear}
 * still wakes every thread that was waiting, as Python's {@code set} does (its {@code wait}
 * then returns true).
 */
final class ClusterEvent extends ClusterObject implements Event {

    @Serial
    private static final long serialVersionUID = 1L;

    private ClusterEvent(ClusterLink link) {
        super(link, "event");
    }

    static ClusterEvent create(ClusterLink link) {
        ClusterEvent e = new ClusterEvent(link);
        e.state().set(e.id, new long[] {0, 0});
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
        state().executeOnKey(id, new SyncOps.SetEvent(true));
    }

    @Override
    public void clear() {
        state().executeOnKey(id, new SyncOps.SetEvent(false));
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
        long[] start = state().get(id);
        if (start[0] != 0) {
            return true;
        }
        return Waiting.until("waiting for an event", deadline, () -> {
            long[] now = state().get(id);
            return now[0] != 0 || now[1] != start[1] ? Boolean.TRUE : null;
        }) != null;
    }

    @Override
    public String toString() {
        return "Event(" + (isSet() ? "set" : "unset") + ")";
    }
}
