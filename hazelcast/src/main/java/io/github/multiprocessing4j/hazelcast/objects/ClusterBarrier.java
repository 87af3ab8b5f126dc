package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Barrier;
import io.github.multiprocessing4j.BarrierBrokenException;
import io.github.multiprocessing4j.ProcessException;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;

import static io.github.multiprocessing4j.hazelcast.objects.SyncOps.BROKEN;
import static io.github.multiprocessing4j.hazelcast.objects.SyncOps.BROKEN_GENERATION;
import static io.github.multiprocessing4j.hazelcast.objects.SyncOps.COUNT;
import static io.github.multiprocessing4j.hazelcast.objects.SyncOps.GENERATION;
import static io.github.multiprocessing4j.hazelcast.objects.SyncOps.PARTIES;

/**
 * {@link Barrier} in the cluster: {@code [parties, count, generation, broken, broken generation]}
 * in an entry of {@value ClusterObject#SYNC}, changed by the entry processors of {@link SyncOps}
 * ({@code ICountDownLatch} is Enterprise-only, and a barrier needs rounds anyway). A party
 * {@link SyncOps.Arrive arrives}; the last runs the action here, in its own process, and
 * {@link SyncOps.Pass passes} the round; the others poll ({@link Waiting}) until the generation
 * moves on (released) or the round is broken. The action and the default timeout travel with
 * the object, never to a member.
 */
final class ClusterBarrier extends ClusterObject implements Barrier {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SerializableRunnable action;
    private final Duration timeout;

    private ClusterBarrier(ClusterLink link, SerializableRunnable action, Duration timeout) {
        super(link, "barrier");
        this.action = action;
        this.timeout = timeout;
    }

    static ClusterBarrier create(ClusterLink link, int parties, SerializableRunnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        ClusterBarrier b = new ClusterBarrier(link, action, timeout);
        b.state().set(b.id, new long[] {parties, 0, 0, 0, -1});
        return b;
    }

    private IMap<String, long[]> state() {
        return map(SYNC);
    }

    @Override
    public int await() {
        return awaitUntil(timeout == null ? Waiting.FOREVER : Waiting.deadline(timeout));
    }

    @Override
    public int await(Duration timeout) {
        return awaitUntil(Waiting.deadline(timeout));
    }

    private int awaitUntil(long deadline) {
        long[] arrival = Waiting.until("waiting at a barrier", deadline, () -> {
            long[] a = state().executeOnKey(id, new SyncOps.Arrive());
            return a[0] == 3 ? null : a; // the previous round is being released: arrive in the next
        });
        if (arrival == null) {
            throw new BarrierBrokenException("the barrier timed out: its previous round was still being released"
                    + " (the last party's action was running)");
        }
        long generation = arrival[2];
        int index = (int) arrival[1];
        if (arrival[0] == 2) {
            throw new BarrierBrokenException("the barrier is broken");
        }
        if (arrival[0] == 1) {
            if (action != null) {
                try {
                    action.run();
                } catch (Throwable t) {
                    state().executeOnKey(id, new SyncOps.Break(generation));
                    throw new BarrierBrokenException("the barrier's action failed: " + t, t);
                }
            }
            if (!state().executeOnKey(id, new SyncOps.Pass(generation))) {
                throw new BarrierBrokenException("the barrier was broken while this party waited");
            }
            return index;
        }
        long[] end;
        try {
            end = Waiting.until("waiting at a barrier", deadline, () -> {
                long[] s = state().get(id);
                return s[GENERATION] != generation || s[BROKEN] != 0 ? s : null;
            });
        } catch (ProcessException interrupted) {
            state().executeOnKey(id, new SyncOps.Break(generation));
            throw interrupted;
        }
        if (end == null) {
            state().executeOnKey(id, new SyncOps.Break(generation));
            end = state().get(id);
            if (end[GENERATION] == generation) {
                throw new BarrierBrokenException("the barrier timed out: " + end[COUNT] + " of " + end[PARTIES] + " parties had arrived");
            }
        }
        if (end[GENERATION] == generation) {
            throw new BarrierBrokenException("the barrier was broken while this party waited");
        }
        if (end[BROKEN_GENERATION] == generation) {
            throw new BarrierBrokenException("the barrier was reset while this party waited");
        }
        return index;
    }

    @Override
    public void reset() {
        state().executeOnKey(id, new SyncOps.Reset());
    }

    @Override
    public void abort() {
        state().executeOnKey(id, new SyncOps.Break(-1));
    }

    @Override
    public int getParties() {
        return (int) state().get(id)[PARTIES];
    }

    @Override
    public int getNumberWaiting() {
        long[] s = state().get(id);
        return s[BROKEN] != 0 ? 0 : (int) Math.min(s[COUNT], s[PARTIES] - 1);
    }

    @Override
    public boolean isBroken() {
        return state().get(id)[BROKEN] != 0;
    }

    @Override
    public String toString() {
        return "Barrier(parties=" + getParties() + ", waiting=" + getNumberWaiting() + (isBroken() ? ", broken" : "") + ")";
    }
}
