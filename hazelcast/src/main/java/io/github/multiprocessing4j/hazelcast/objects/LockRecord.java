package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;

/**
 * Who holds a cluster lock, as the string stored in {@value ClusterObject#LOCK_HOLDERS} while it
 * is held: the holder's Hazelcast endpoint (client or member UUID), its thread, its hold count
 * and whether it took the lock over from a holder that died. A plain string, so that members
 * store and compare it without any class of ours.
 *
 * @param endpoint  the UUID of the holder's Hazelcast client or member
 * @param thread    the holder's thread id
 * @param count     the hold count (1 for a {@code Lock})
 * @param ownerDied whether the holder took the lock over from a dead one
 */
record LockRecord(String endpoint, long thread, int count, boolean ownerDied) {

    /** @return the record of the calling thread of {@code instance} */
    static LockRecord mine(HazelcastInstance instance, int count, boolean ownerDied) {
        return new LockRecord(instance.getLocalEndpoint().getUuid().toString(), Thread.currentThread().threadId(), count, ownerDied);
    }

    static LockRecord parse(String s) {
        if (s == null) {
            return null;
        }
        String[] parts = s.split("\\|");
        return new LockRecord(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]), "1".equals(parts[3]));
    }

    /** @return whether this record names the calling thread of {@code instance} */
    boolean isMine(HazelcastInstance instance) {
        return thread == Thread.currentThread().threadId() && endpoint.equals(instance.getLocalEndpoint().getUuid().toString());
    }

    LockRecord withCount(int n) {
        return new LockRecord(endpoint, thread, n, ownerDied);
    }

    String encode() {
        return endpoint + "|" + thread + "|" + count + "|" + (ownerDied ? "1" : "0");
    }
}
