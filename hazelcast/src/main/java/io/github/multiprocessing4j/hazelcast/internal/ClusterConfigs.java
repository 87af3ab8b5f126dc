package io.github.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;

import java.util.ArrayList;
import java.util.List;

/**
 * The configurations the library gives Hazelcast: TCP/IP join only (no multicast, no
 * auto-detection), phone-home off, logging through JUL (so through {@code System.Logger}'s
 * default backend) and a heartbeat short enough for an agent's death to be noticed within
 * {@link #MEMBER_DEATH_SECONDS} seconds.
 */
public final class ClusterConfigs {

    /**
     * Seconds without a heartbeat after which a member is taken for dead: Hazelcast's default is
     * 60, too long for a pool to wait for the chunks of a killed agent.
     */
    public static final int MEMBER_DEATH_SECONDS = 10;

    /**
     * The JVM options Hazelcast needs on JDK 25 to run without warnings (its JCTools uses
     * {@code sun.misc.Unsafe}; its metrics read JDK internals): the list of Hazelcast's own start
     * scripts. The library gives them to every JVM it launches on a cluster (agents, their workers
     * and processes); an application's own JVM takes them from its command line (see the README).
     */
    public static final List<String> JVM_FLAGS = List.of(
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /**
     * Hazelcast's JUL logger, held here: JUL keeps loggers weakly, and a logger collected before
     * Hazelcast asks for it would come back with its level forgotten (INFO lines in every child).
     */
    private static final java.util.logging.Logger HAZELCAST_LOGGER = java.util.logging.Logger.getLogger("com.hazelcast");
    /**
     * The member's client engine warns "No connection left to client … cleaning resources" each
     * time a client's JVM ends: every process and pool worker that used a cluster object is such a
     * client, so the warning is routine here (seen for each child of a test, shut down or not).
     */
    private static final java.util.logging.Logger CLIENT_ENGINE_LOGGER =
            java.util.logging.Logger.getLogger("com.hazelcast.client.impl.ClientEngine");
    /**
     * A client shutting down warns "No eventHandler for callId …" for each event already in flight
     * on a connection it has just closed (seen in the suite as a context's client closed while its
     * agents still sent membership events): Hazelcast's own race, nothing a user can act on.
     */
    private static final java.util.logging.Logger CLIENT_LISTENER_LOGGER =
            java.util.logging.Logger.getLogger("com.hazelcast.client.impl.spi.ClientListenerService");

    static {
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type", "jdk"));
        HAZELCAST_LOGGER.setLevel(java.util.logging.Level.WARNING);
        CLIENT_ENGINE_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        CLIENT_LISTENER_LOGGER.setLevel(java.util.logging.Level.SEVERE);
    }

    private ClusterConfigs() {
    }

    /**
     * A member's configuration.
     *
     * @param clusterName the cluster's name
     * @param iface       the interface to bind to (127.0.0.1 unless told)
     * @param port        the first port to try (5701 by default); the next 99 are tried after it
     * @param members     {@code host:port} of the members to join; empty for the first member
     * @return the configuration
     */
    public static Config member(String clusterName, String iface, int port, List<String> members) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MEMBER_DEATH_SECONDS));
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.shutdownhook.enabled", "false"); // the agent shuts its member down itself
        config.getJetConfig().setEnabled(false);
        var network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(iface);
        config.setProperty("hazelcast.local.localAddress", iface);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(iface) : members);
        return config;
    }

    /**
     * A client's configuration.
     *
     * @param clusterName the cluster's name
     * @param members     {@code host:port} of members to connect to
     * @return the configuration
     */
    public static ClientConfig client(String clusterName, List<String> members) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.heartbeat.timeout", Integer.toString(MEMBER_DEATH_SECONDS * 1000));
        config.getNetworkConfig().setAddresses(new ArrayList<>(members));
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        return config;
    }

    /** @return the name of the cluster of a member or client */
    public static String clusterNameOf(HazelcastInstance instance) {
        if (instance instanceof com.hazelcast.client.impl.clientside.HazelcastClientProxy client) {
            return client.getClientConfig().getClusterName();
        }
        return instance.getConfig().getClusterName();
    }

    /** @return {@code host:port} of every member of the instance's cluster */
    static List<String> addressesOf(HazelcastInstance instance) {
        List<String> addresses = new ArrayList<>();
        for (Member member : instance.getCluster().getMembers()) {
            addresses.add(member.getAddress().getHost() + ":" + member.getAddress().getPort());
        }
        return addresses;
    }
}
