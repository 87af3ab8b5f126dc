/**
 * The shared objects of a {@code HazelcastContext}, living in the cluster: {@link
 * io.github.multiprocessing4j.hazelcast.objects.ClusterObjects} makes them; every other class of
 * the package is one object's implementation (its class comment names the Hazelcast structure it
 * uses and why), the entry processors that run on the members ({@code NumberOps},
 * {@code SyncOps}), or what they share: {@code ClusterObject} (link and id), {@code Waiting}
 * (how every blocking call waits) and {@code Codec} (items as bytes).
 */
package io.github.multiprocessing4j.hazelcast.objects;
