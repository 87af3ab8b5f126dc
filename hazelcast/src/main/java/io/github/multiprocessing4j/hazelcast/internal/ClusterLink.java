package io.github.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How any JVM reaches one cluster: its name and the addresses of some of its members. The
 * shared objects of a {@code HazelcastContext} carry a link, so that wherever they are
 * deserialized (a worker JVM on an agent's machine, another process of the parent's machine)
 * they reach the same cluster: through the instance this JVM already has for it (the parent's
 * member or client, an agent's member), or else through one Hazelcast client per JVM and cluster,
 * made on first use and shut down at the JVM's exit.
 *
 * @param clusterName the cluster's name
 * @param members     {@code host:port} of members to connect to
 */
public record ClusterLink(String clusterName, List<String> members) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The instances of this JVM by cluster name: registered ones, and clients made on demand. */
    private static final Map<String, HazelcastInstance> INSTANCES = new ConcurrentHashMap<>();

    public ClusterLink {
        Objects.requireNonNull(clusterName, "clusterName");
        members = List.copyOf(members);
    }

    /**
     * Makes {@code instance} the one this JVM uses for its cluster (the parent's own instance, an
     * agent's member) unless one is registered already.
     *
     * @param instance a running member or client
     * @return the link to its cluster
     */
    public static ClusterLink register(HazelcastInstance instance) {
        String name = ClusterConfigs.clusterNameOf(instance);
        INSTANCES.putIfAbsent(name, instance);
        return new ClusterLink(name, ClusterConfigs.addressesOf(instance));
    }

    /** Forgets {@code instance} when it is the one registered (it is shutting down). */
    public static void unregister(HazelcastInstance instance) {
        INSTANCES.values().remove(instance);
    }

    /**
     * A client made on demand must not keep its JVM alive: Hazelcast's client threads are not
     * daemons (Hazelcast marks them so), so a child process whose target returned would wait for
     * them for ever, as a JVM waits for its non-daemon threads (and a warm JVM's runner joins the
     * threads its process started). A daemon thread checks, every 200 ms, whether any non-daemon
     * thread is still at work besides Hazelcast's own (named {@code hz.*}): the JVM's
     * {@code DestroyJavaVM} and threads blocked in {@link Thread#join()} only wait. Once none is,
     * it shuts the client down, and the JVM exits (or the warm JVM takes its next process, which
     * makes a new client on first use).
     */
    private static void shutDownWhenOnlyHazelcastRemains(HazelcastInstance client) {
        Thread reaper = new Thread(() -> {
            try {
                while (client.getLifecycleService().isRunning()) {
                    Thread.sleep(200);
                    boolean working = Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().isAlive()
                            && !e.getKey().isDaemon() && !e.getKey().getName().startsWith("hz.")
                            && !e.getKey().getName().equals("DestroyJavaVM") && !joining(e.getValue()));
                    if (!working) {
                        client.shutdown();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mp4j-hazelcast-client-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** @return whether a thread with this stack waits in {@link Thread#join()} */
    private static boolean joining(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("java.lang.Thread") && frame.getMethodName().equals("join")) {
                return true;
            }
        }
        return false;
    }

    /** @return this JVM's instance for the cluster: the registered one, or a client connected now */
    public HazelcastInstance hazelcast() {
        HazelcastInstance instance = INSTANCES.get(clusterName);
        if (instance != null && instance.getLifecycleService().isRunning()) {
            return instance;
        }
        synchronized (INSTANCES) {
            instance = INSTANCES.get(clusterName);
            if (instance == null || !instance.getLifecycleService().isRunning()) {
                ClientConfig config = ClusterConfigs.client(clusterName, members);
                instance = HazelcastClient.newHazelcastClient(config);
                INSTANCES.put(clusterName, instance);
                shutDownWhenOnlyHazelcastRemains(instance);
            }
            return instance;
        }
    }
}
