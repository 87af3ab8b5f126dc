package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.time.Duration;

/**
 * {@link Lock} in the cluster, on {@link IMap#tryLock} of the object's key in the map
 * {@value ClusterObject#LOCKS}: Hazelcast Community's only cluster lock (the CP subsystem's
 * {@code FencedLock} is Enterprise-only), and one that Hazelcast releases when the client or
 * member that holds it dies: a killed process's client is cleaned up once the members have had
 * no connection from it for Hazelcast's client clean-up time (in LockTest, the lock of a killed
 * child was free about 8 s after the kill, and the member logs a WARNING as it cleans up).
 *
 * <p>Hazelcast's lock is reentrant and owned by a thread; this class adds the library's rules on
 * top with a {@link LockRecord} in {@value ClusterObject#LOCK_HOLDERS}, written at every acquire
 * and removed at every release: a {@code Lock} is not reentrant (a thread that holds it waits,
 * until another thread releases it or its timeout), and any thread of any process may release it
 * (the holder's own thread unlocks; another one {@code forceUnlock}s).
 *
 * <h2>What {@link #ownerDied()} detects</h2>
 * An acquire that finds a holder record left behind (Hazelcast freed the key, but the record was
 * never removed by a release) took the lock over from a holder whose client or member died, or
 * left the cluster, holding it: the new record says so, {@code ownerDied()} answers true until
 * the release, and a WARNING is logged (logger {@code io.github.multiprocessing4j}). The same
 * is reported for a holder that lives but was cut off from the cluster long enough for Hazelcast
 * to clean up its client (it has lost the lock too). A holder that dies between taking the key
 * and writing its record (one round trip) is not detected.
 *
 * <p>Waiting polls ({@link Waiting}): an interrupt is safe between tries.
 */
class ClusterLock extends ClusterObject implements Lock {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    ClusterLock(ClusterLink link) {
        super(link, "lock");
    }

    ClusterLock(ClusterLink link, String id) {
        super(link, "lock", id);
    }

    String name() {
        return "Lock";
    }

    final IMap<String, String> locks() {
        return map(LOCKS);
    }

    final IMap<String, String> holders() {
        return map(LOCK_HOLDERS);
    }

    final LockRecord record() {
        return LockRecord.parse(holders().get(id));
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

    final boolean acquireUntil(long deadline) {
        return Waiting.until("acquiring " + (name().startsWith("R") ? "an " : "a ") + name(), deadline,
                () -> tryAcquire() ? Boolean.TRUE : null) != null;
    }

    /** One try: takes the lock if free, never waits. */
    boolean tryAcquire() {
        HazelcastInstance hz = hazelcast();
        LockRecord held = record();
        if (held != null && held.isMine(hz) && locks().isLocked(id)) {
            return false; // not reentrant: wait for another thread to release it
        }
        return take(hz);
    }

    /** Takes the key if free and writes this thread's record. */
    final boolean take(HazelcastInstance hz) {
        if (!locks().tryLock(id)) {
            return false;
        }
        String left = holders().put(id, LockRecord.mine(hz, 1, false).encode());
        if (left != null) {
            holders().set(id, LockRecord.mine(hz, 1, true).encode());
            LOG.log(System.Logger.Level.WARNING, "took over " + this + ": its holder (" + describe(LockRecord.parse(left))
                    + ") died or left the cluster holding it; the data it guarded may be half-updated");
        }
        return true;
    }

    @Override
    public void release() {
        String held = holders().get(id);
        if (!locks().isLocked(id) || (held != null && !holders().remove(id, held))) {
            throw new IllegalStateException("release of an unlocked lock: " + this + " is not held");
        }
        LockRecord record = LockRecord.parse(held);
        if (record != null && record.isMine(hazelcast())) {
            try {
                locks().unlock(id);
                return;
            } catch (IllegalMonitorStateException e) {
                // Hazelcast gave this thread's key away (its client was cleaned up): free it below
            }
        }
        locks().forceUnlock(id);
    }

    @Override
    public boolean locked() {
        return locks().isLocked(id);
    }

    @Override
    public boolean ownerDied() {
        LockRecord record = record();
        return record != null && record.ownerDied() && locked();
    }

    /** @return whether the calling thread holds the lock */
    boolean heldByCurrentThread() {
        LockRecord record = record();
        return record != null && record.isMine(hazelcast()) && locked();
    }

    private static String describe(LockRecord r) {
        return r == null ? "unknown" : "thread " + r.thread() + " of Hazelcast endpoint " + r.endpoint();
    }

    /** @return the holder as {@link #toString()} names it: {@code None} when free */
    final String owner() {
        LockRecord r = locked() ? record() : null;
        return r == null ? (locked() ? "unknown" : "None") : describe(r);
    }

    /** The local lock's form, {@code Lock(owner=None)} (Python's), so that a program prints the same on either context. */
    @Override
    public String toString() {
        return "Lock(owner=" + owner() + ")";
    }
}
