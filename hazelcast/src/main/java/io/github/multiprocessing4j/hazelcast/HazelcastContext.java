package io.github.multiprocessing4j.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.Barrier;
import io.github.multiprocessing4j.Condition;
import io.github.multiprocessing4j.Context;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.JoinableQueue;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Manager;
import io.github.multiprocessing4j.Pipe;
import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolOptions;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.Semaphore;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.SimpleQueue;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.internal.AuthKey;
import io.github.multiprocessing4j.hazelcast.internal.ClusterBackend;
import io.github.multiprocessing4j.hazelcast.internal.ClusterConfigs;
import io.github.multiprocessing4j.internal.spi.Backends;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;
import io.github.multiprocessing4j.hazelcast.objects.ClusterObjects;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The API on a Hazelcast cluster: the same factories as the local {@link Context}, with processes
 * and pool workers running on the cluster's machines and shared objects living in the cluster.
 * Users who outgrow one machine change one line, the context:
 *
 * <pre>{@code
 * try (HazelcastContext ctx = HazelcastContext.connect("prod", "10.0.0.5:5701")) {
 *     try (Pool pool = ctx.pool(8)) {
 *         List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     }
 *     Queue<String> q = ctx.queue();   // an IQueue: any process on any machine can use it
 * }
 * }</pre>
 *
 * <h2>Where code runs</h2>
 * Each machine runs one agent ({@code ./mp4j worker --cluster NAME --members HOST:PORT,...}), a
 * cluster member that never runs user code itself: it starts child JVMs for processes and pool
 * workers, with the parent's class path (shipped through the cluster, cached by content hash), so
 * a task's timeout kills only its JVM and a crash fails only its task, as on one machine.
 *
 * <h2>Trust</h2>
 * Hazelcast Community has no authentication or TLS: anyone who can reach a member can read and
 * write the cluster's data. Agents run only work signed with the cluster's authkey (HMAC-SHA256),
 * read from the {@code MP4J_CLUSTER_AUTHKEY} environment variable or the file named by the
 * {@code mp4j.cluster.authkeyFile} system property; keep members on a private network.
 */
public final class HazelcastContext implements Context, AutoCloseable {

    private final HazelcastInstance hazelcast;
    private final boolean owned;
    private final ClusterLink link;
    private final ClusterObjects objects;
    private final ClusterBackend backend;

    private HazelcastContext(HazelcastInstance hazelcast, boolean owned, Supplier<AuthKey> key) {
        this.hazelcast = hazelcast;
        this.owned = owned;
        this.link = ClusterLink.register(hazelcast);
        this.objects = new ClusterObjects(link);
        this.backend = new ClusterBackend(hazelcast, key);
        Backends.register(this, backend, backend);
    }

    /**
     * A context on the cluster of {@code instance} (a member or a client this application made).
     * Closing the context leaves the instance running.
     *
     * @param instance a running Hazelcast member or client
     * @return the context
     */
    public static HazelcastContext of(HazelcastInstance instance) {
        return new HazelcastContext(Objects.requireNonNull(instance, "instance"), false, AuthKey::fromEnvironment);
    }

    /**
     * A context on the cluster of {@code instance}, signing its work with {@code authkey} (the
     * agents' key) instead of the one from the environment.
     *
     * @param instance a running Hazelcast member or client
     * @param authkey  the cluster's authkey, at least 16 bytes
     * @return the context
     */
    public static HazelcastContext of(HazelcastInstance instance, byte[] authkey) {
        AuthKey key = new AuthKey(authkey);
        return new HazelcastContext(Objects.requireNonNull(instance, "instance"), false, () -> key);
    }

    /**
     * Connects to a cluster as a Hazelcast client; {@link #close()} disconnects it.
     *
     * @param clusterName the cluster's name (the agents' {@code --cluster})
     * @param members     {@code host:port} of one or more members
     * @return the context
     * @throws IllegalArgumentException when no member is given
     * @throws IllegalStateException    when no member can be reached (after 30 s)
     */
    public static HazelcastContext connect(String clusterName, String... members) {
        Objects.requireNonNull(clusterName, "clusterName");
        if (members.length == 0) {
            throw new IllegalArgumentException("connect needs at least one member's host:port");
        }
        return new HazelcastContext(HazelcastClient.newHazelcastClient(ClusterConfigs.client(clusterName, List.of(members))), true,
                AuthKey::fromEnvironment);
    }

    /**
     * The Hazelcast member or client this context works through (to use Hazelcast's own
     * structures beside the library's).
     *
     * @return the instance
     */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** @return {@code "hazelcast"} */
    @Override
    public String getStartMethod() {
        return "hazelcast";
    }

    @Override
    public Process process(String name, SerializableRunnable target) {
        return new Process(this, name, target);
    }

    /** A pool with one worker per worker JVM the cluster's agents offer (each agent's {@code --workers}, its cores by default). */
    @Override
    public Pool pool() {
        return pool(PoolOptions.processes(Math.max(1, backend.capacity())));
    }

    @Override
    public Pool pool(PoolOptions options) {
        return new Pool(this, options);
    }

    @Override
    public Value value(char typecode, Number initial, boolean lock) {
        return objects.value(typecode, initial, lock);
    }

    @Override
    public Array array(char typecode, int size) {
        return objects.array(typecode, size, true);
    }

    @Override
    public Array array(char typecode, Number... initial) {
        return objects.array(typecode, initial, true);
    }

    @Override
    public Array rawArray(char typecode, int size) {
        return objects.array(typecode, size, false);
    }

    @Override
    public Array rawArray(char typecode, Number... initial) {
        return objects.array(typecode, initial, false);
    }

    @Override
    public Lock lock() {
        return objects.lock();
    }

    @Override
    public RLock rLock() {
        return objects.rLock();
    }

    @Override
    public Semaphore semaphore(int value) {
        return objects.semaphore(value, false);
    }

    @Override
    public Semaphore boundedSemaphore(int value) {
        return objects.semaphore(value, true);
    }

    @Override
    public Event event() {
        return objects.event();
    }

    @Override
    public Condition condition(Lock lock) {
        return objects.condition(lock);
    }

    @Override
    public Barrier barrier(int parties, SerializableRunnable action, Duration timeout) {
        return objects.barrier(parties, action, timeout);
    }

    @Override
    public <T> Queue<T> queue(int maxsize) {
        return objects.queue(maxsize);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize) {
        return objects.joinableQueue(maxsize);
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue() {
        return objects.simpleQueue();
    }

    @Override
    public Pipe pipe(boolean duplex) {
        return objects.pipe(duplex);
    }

    @Override
    public Manager manager() {
        return objects.manager();
    }

    /** Ends this context: its processes and pools can no longer start; a client made by {@link #connect} disconnects. */
    @Override
    public void close() {
        Backends.unregister(this);
        backend.close();
        if (owned) {
            ClusterLink.unregister(hazelcast);
            hazelcast.shutdown();
        }
    }

    @Override
    public String toString() {
        return "HazelcastContext[cluster=" + link.clusterName() + "]";
    }
}
