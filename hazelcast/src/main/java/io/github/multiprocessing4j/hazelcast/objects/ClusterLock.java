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
 *
 * <h2>Round trips</h2>
 * This JVM keeps a ledger of the holds its threads took ({@link #HOLDS}), so that the calling
 * thread's own hold is known without asking the cluster: an uncontended acquire is two round
 * trips (the key, the record) and the holder's release two (the record removed if it is still the
 * one written, the key). Measured with 2 processes × 1,000 locked increments of a cluster Value
 * on two agents: ten round trips an increment before, six after. The record in the cluster stays
 * the truth for other processes and for {@code ownerDied()}: a ledger entry that the cluster
 * contradicts (another thread released the Lock) is dropped when next consulted.
 */
class ClusterLock extends ClusterObject implements Lock {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    /** This JVM's holds by lock id: the holding thread, its count, and the record it wrote. */
    static final java.util.Map<String, Hold> HOLDS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A hold of this JVM.
     *
     * @param thread the holding thread's id
     * @param count  how many times it holds it (1 for a Lock)
     * @param record the holder record it wrote in the cluster, as encoded
     */
    record Hold(long thread, int count, String record) {
    }

    /** @return the calling thread's hold of this lock in this JVM's ledger, or null */
    final Hold myHold() {
        Hold h = HOLDS.get(id);
        return h != null && h.thread() == Thread.currentThread().threadId() ? h : null;
    }

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
        if (myHold() != null) {
            LockRecord held = record();
            if (held != null && held.isMine(hz) && locks().isLocked(id)) {
                return false; // not reentrant: wait for another thread to release it
            }
            HOLDS.remove(id); // another thread released it meanwhile: the ledger was stale
        }
        return take(hz);
    }

    /** Takes the key if free and writes this thread's record. */
    final boolean take(HazelcastInstance hz) {
        if (!locks().tryLock(id)) {
            return false;
        }
        String record = LockRecord.mine(hz, 1, false).encode();
        String left = holders().put(id, record);
        if (left != null) {
            record = LockRecord.mine(hz, 1, true).encode();
            holders().set(id, record);
            LOG.log(System.Logger.Level.WARNING, "took over " + this + ": its holder (" + describe(LockRecord.parse(left))
                    + ") died or left the cluster holding it; the data it guarded may be half-updated");
        }
        HOLDS.put(id, new Hold(Thread.currentThread().threadId(), 1, record));
        return true;
    }

    @Override
    public void release() {
        Hold mine = myHold();
        if (mine != null) {
            HOLDS.remove(id);
            if (holders().remove(id, mine.record())) { // still this thread's record: the fast path
                unlockMine();
                return;
            }
        }
        String held = holders().get(id);
        if (!locks().isLocked(id) || (held != null && !holders().remove(id, held))) {
            throw new IllegalStateException("release of an unlocked lock: " + this + " is not held");
        }
        LockRecord record = LockRecord.parse(held);
        HOLDS.computeIfPresent(id, (k, h) -> null); // released by whoever: no thread of this JVM holds it now
        if (record != null && record.isMine(hazelcast())) {
            unlockMine();
        } else {
            locks().forceUnlock(id);
        }
    }

    /** Unlocks the key this thread took. */
    final void unlockMine() {
        try {
            locks().unlock(id);
        } catch (IllegalMonitorStateException e) {
            locks().forceUnlock(id); // Hazelcast gave this thread's key away (its client was cleaned up)
        }
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
        if (myHold() == null) {
            return false;
        }
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
