/**
 * The machinery of the cluster context. Owns: the agent ({@code Agent}, {@code ./mp4j worker}'s
 * main), the wire between a parent and the agents ({@code Wire}: one record per message with its
 * codec, every message signed with {@code AuthKey}), the parent's backend ({@code ClusterBackend}
 * and its {@code RemoteChild}, which core's pool engine and {@code Process} drive through the
 * SPI), the shipping of the class path ({@code ClassPathShipment}), how a JVM reaches a cluster
 * ({@code ClusterLink}, {@code ClusterConfigs}) and a cluster of agents on this machine
 * ({@code LocalCluster}). Uses core's internal packages (spi, pool, runtime, protocol) and
 * Hazelcast; the shared objects ({@code ..objects}) use {@code ClusterLink} from here.
 */
package io.github.multiprocessing4j.hazelcast.internal;
