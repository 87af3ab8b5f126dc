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
        HazelcastInstance hz = hazelcast();
        LockRecord held = record();
        if (held != null && held.isMine(hz) && locks().isLocked(id)) {
            holders().set(id, held.withCount(held.count() + 1).encode());
            return true;
        }
        return take(hz);
    }

    @Override
    public void release() {
        LockRecord held = record();
        if (held == null || !held.isMine(hazelcast()) || !locks().isLocked(id)) {
            throw new IllegalMonitorStateException("cannot release " + this + ": the calling thread does not hold it");
        }
        if (held.count() > 1) {
            holders().set(id, held.withCount(held.count() - 1).encode());
            return;
        }
        holders().delete(id);
        try {
            locks().unlock(id);
        } catch (IllegalMonitorStateException e) {
            locks().forceUnlock(id); // Hazelcast gave this thread's key away: the record was stale
        }
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
        LockRecord record = record();
        return record != null && record.isMine(hazelcast()) && locked() ? record.count() : 0;
    }
}
