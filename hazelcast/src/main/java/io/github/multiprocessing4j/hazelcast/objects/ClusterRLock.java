package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;

/**
 * {@link RLock} in the cluster: a {@link ClusterLock} whose holder may acquire it again (the
 * hold count lives in its {@link LockRecord}, the Hazelcast key is locked once) and which only
 * its holder may release.
 */
final class ClusterRLock extends ClusterLock implements RLock {

    @Serial
    private static final long serialVersionUID = 1L;

    ClusterRLock(ClusterLink link) {
        super(link, "mp4j.rlock." + java.util.UUID.randomUUID());
    }

    ClusterRLock(ClusterLink link, String id) {
        super(link, id);
    }

    @Override
    String name() {
        return "RLock";
    }

    @Override
    boolean tryAcquire() {
        Hold mine = myHold();
        if (mine != null) { // only the owner releases an RLock: this JVM's ledger is the truth for its own threads
            String record = LockRecord.parse(mine.record()).withCount(mine.count() + 1).encode();
            holders().set(id, record);
            HOLDS.put(id, new Hold(mine.thread(), mine.count() + 1, record));
            return true;
        }
        return take(hazelcast());
    }

    @Override
    public void release() {
        Hold mine = myHold();
        if (mine == null) {
            throw new IllegalMonitorStateException("cannot release " + this + ": the calling thread does not hold it");
        }
        if (mine.count() > 1) {
            String record = LockRecord.parse(mine.record()).withCount(mine.count() - 1).encode();
            holders().set(id, record);
            HOLDS.put(id, new Hold(mine.thread(), mine.count() - 1, record));
            return;
        }
        HOLDS.remove(id);
        holders().delete(id);
        unlockMine();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return heldByCurrentThread();
    }

    /** The local RLock's form, {@code RLock(None, 0)}: its holder and hold count. */
    @Override
    public String toString() {
        LockRecord record = locked() ? record() : null;
        return "RLock(" + owner() + ", " + (record == null ? 0 : record.count()) + ")";
    }

    @Override
    public int getHoldCount() {
        Hold mine = myHold();
        return mine == null ? 0 : mine.count();
    }
}
