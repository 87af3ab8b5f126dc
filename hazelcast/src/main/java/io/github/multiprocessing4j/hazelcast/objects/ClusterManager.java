package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.Barrier;
import io.github.multiprocessing4j.Condition;
import io.github.multiprocessing4j.Event;
import io.github.multiprocessing4j.JoinableQueue;
import io.github.multiprocessing4j.Lock;
import io.github.multiprocessing4j.Manager;
import io.github.multiprocessing4j.Namespace;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Queue;
import io.github.multiprocessing4j.RLock;
import io.github.multiprocessing4j.Semaphore;
import io.github.multiprocessing4j.SerializableCallable;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.internal.ClusterLink;

import java.io.Serial;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link Manager} on the cluster: there is no manager process, the cluster is the server. Its
 * containers are Hazelcast structures ({@link ClusterDict} over an IMap, {@link ClusterList}
 * over an IList, {@link ClusterNamespace} over an IMap); its queues, locks, values… are the
 * context's cluster objects. {@link #bind}/{@link #lookup} keep names in an entry of the IMap
 * {@code mp4j.names} per manager (the value's JDK serialization), so a manager object sent to
 * another process finds the same names. The manager itself is serializable.
 *
 * <p>What needs a server process that runs user code is refused with
 * {@link UnsupportedOperationException}: {@link #create} (members never run user classes) and
 * {@link #listen} (every cluster object already reaches the cluster from any JVM).
 * {@link #shutdown()} and {@link #close()} only stop this manager object from making more
 * objects: what it made lives on in the cluster, for the other processes that use it.
 */
final class ClusterManager extends ClusterObject implements Manager {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String NAMES = "mp4j.names";

    private final ClusterObjects objects;
    private transient volatile boolean closed;

    ClusterManager(ClusterLink link) {
        super(link, "manager");
        this.objects = new ClusterObjects(link);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("this cluster manager was shut down: it makes no more objects");
        }
    }

    @Override
    public <K, V> ConcurrentMap<K, V> dict() {
        open();
        return new ClusterDict<>(link);
    }

    @Override
    public <K, V> ConcurrentMap<K, V> dict(Map<? extends K, ? extends V> initial) {
        Objects.requireNonNull(initial, "initial");
        ConcurrentMap<K, V> d = dict();
        d.putAll(initial);
        return d;
    }

    @Override
    public <E> List<E> list() {
        open();
        return new ClusterList<>(link);
    }

    @Override
    public <E> List<E> list(Collection<? extends E> initial) {
        Objects.requireNonNull(initial, "initial");
        List<E> l = list();
        l.addAll(initial);
        return l;
    }

    @Override
    public Namespace namespace() {
        open();
        return new ClusterNamespace(link);
    }

    @Override
    public <T> Queue<T> queue() {
        return queue(0);
    }

    @Override
    public <T> Queue<T> queue(int maxsize) {
        open();
        return objects.queue(Math.max(0, maxsize));
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue() {
        open();
        return objects.joinableQueue(0);
    }

    @Override
    public Lock lock() {
        open();
        return objects.lock();
    }

    @Override
    public RLock rLock() {
        open();
        return objects.rLock();
    }

    @Override
    public Semaphore semaphore(int value) {
        open();
        return objects.semaphore(value, false);
    }

    @Override
    public Semaphore boundedSemaphore(int value) {
        open();
        return objects.semaphore(value, true);
    }

    @Override
    public Event event() {
        open();
        return objects.event();
    }

    @Override
    public Condition condition() {
        open();
        return objects.condition(objects.rLock());
    }

    @Override
    public Barrier barrier(int parties) {
        open();
        return objects.barrier(parties, null, null);
    }

    @Override
    public Value value(char typecode, Number initial) {
        open();
        return objects.value(typecode, initial, true);
    }

    @Override
    public Array array(char typecode, Number... initial) {
        open();
        return objects.array(typecode, initial, true);
    }

    /**
     * Refused: the cluster's members run no user code, so there is no process to hold your object.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public <T> T create(Class<T> type, SerializableCallable<? extends T> factory) {
        throw new UnsupportedOperationException("create(" + (type == null ? "null" : type.getName()) + ", …) needs a manager process that"
                + " runs your code, and the cluster's members run no user code: keep the state in dict(), list() or namespace(),"
                + " or use a local manager (Multiprocessing.manager(), reachable from other machines with listen/Manager.connect)");
    }

    private IMap<String, byte[]> names() {
        return map(NAMES);
    }

    @Override
    public void bind(String name, Object value) {
        Objects.requireNonNull(name, "name");
        open();
        names().set(id + "/" + name, Codec.encode(value, "the value bound to '" + name + "'"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T lookup(String name) {
        byte[] bytes = names().get(id + "/" + Objects.requireNonNull(name, "name"));
        if (bytes == null) {
            throw new NoSuchElementException("nothing is bound to '" + name + "' in " + this);
        }
        return (T) Codec.decode(bytes);
    }

    /**
     * Refused: the cluster's objects need no listener.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public InetSocketAddress listen(InetSocketAddress address, byte[] authkey) {
        throw new UnsupportedOperationException("a cluster manager does not listen: its objects reach the cluster from any JVM"
                + " that deserializes them (send the manager or its objects through a queue or a process), and bind/lookup"
                + " share them by name; connect other machines with HazelcastContext.connect");
    }

    /** @return empty: no process serves a cluster manager */
    @Override
    public Optional<Process> process() {
        return Optional.empty();
    }

    /** Stops this manager object from making objects; what it made lives on in the cluster. */
    @Override
    public void shutdown() {
        closed = true;
    }

    @Override
    public void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return "ClusterManager[" + id + ", cluster=" + link.clusterName() + "]";
    }
}
