/**
 * The same API on a Hazelcast cluster: {@link io.github.multiprocessing4j.hazelcast.HazelcastContext},
 * a {@code Context} whose processes and pool workers run on the cluster's machines (in child JVMs
 * of each machine's agent) and whose shared objects live in the cluster. Start an agent on each
 * machine with {@code ./mp4j worker --cluster NAME --members HOST:PORT,...}.
 */
package io.github.multiprocessing4j.hazelcast;
