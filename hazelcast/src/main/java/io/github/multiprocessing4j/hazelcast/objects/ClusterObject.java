package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What every cluster object is made of: the {@link ClusterLink} to its cluster and its unique id,
 * the key of its entries in the shared maps below (or the name of its own Hazelcast structure).
 * Nothing else is serialized, so an object travels in a few hundred bytes, and reaches the
 * cluster through {@link ClusterLink#hazelcast()} in whichever JVM it is used (the registered
 * member or client, else one client per JVM made on first use).
 *
 * <p>The objects keep their state in a handful of cluster-wide maps rather than one Hazelcast
 * structure each: a map entry per object costs a few hundred bytes in one partition, where a
 * structure of its own costs a proxy and configuration on every member. Entries live as long as
 * the cluster, as the local objects live as long as the run.
 */
abstract class ClusterObject implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Values and arrays: key → {@code long[]} of raw elements. */
    static final String NUMBERS = "mp4j.numbers";
    /** Locks: the keys that are {@link IMap#lock locked}; no values are ever put. */
    static final String LOCKS = "mp4j.locks";
    /** Locks: key → the holder's record ({@link LockRecord}), present while held. */
    static final String LOCK_HOLDERS = "mp4j.lockholders";
    /** Semaphores, events, conditions, barriers, joinable queues' counts, pipes' ends: key → {@code long[]} state. */
    static final String SYNC = "mp4j.sync";

    final ClusterLink link;
    final String id;

    ClusterObject(ClusterLink link, String kind) {
        this.link = Objects.requireNonNull(link, "link");
        this.id = "mp4j." + kind + "." + UUID.randomUUID();
    }

    ClusterObject(ClusterLink link, String kind, String id) {
        this.link = Objects.requireNonNull(link, "link");
        this.id = Objects.requireNonNull(id, kind);
    }

    /** @return this JVM's instance for the object's cluster */
    final HazelcastInstance hazelcast() {
        return link.hazelcast();
    }

    final <K, V> IMap<K, V> map(String name) {
        return hazelcast().getMap(name);
    }
}
