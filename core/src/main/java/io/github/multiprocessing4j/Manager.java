package io.github.multiprocessing4j;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * A server process that holds objects for other processes: Python's {@code SyncManager}. Every
 * process reaches the objects through proxies, which are serializable: captured by a lambda or sent
 * through a queue, a proxy works in the child, in a pool task, inside another of the manager's
 * containers. Calls travel over shared-memory pipes (a few microseconds), or over TCP to a manager
 * on another machine.
 *
 * <pre>{@code
 * try (Manager manager = Multiprocessing.manager()) {
 *     ConcurrentMap<String, Integer> counts = manager.dict();
 *     List<Process> workers = IntStream.range(0, 4).mapToObj(i -> new Process(() -> {
 *         for (int k = 0; k < 1000; k++) {
 *             counts.merge("hits", 1, (BiFunction<Integer, Integer, Integer> & Serializable) Integer::sum);  // atomic, in the manager
 *         }
 *     })).toList();
 *     workers.forEach(Process::start);
 *     workers.forEach(Process::join);
 *     System.out.println(counts.get("hits"));  // 4000
 * }
 * }</pre>
 *
 * <h2>Containers</h2>
 * {@link #dict()} is a {@link ConcurrentMap} whose {@code putIfAbsent}, {@code replace} and
 * {@code remove(key, value)} are atomic across processes. {@code compute}, {@code computeIfAbsent},
 * {@code computeIfPresent} and {@code merge} run in the manager, atomically, in one call, when the
 * function is serializable (a lambda cast to an intersection type:
 * {@code (BiFunction<Integer, Integer, Integer> & Serializable) Integer::sum}); any other function runs here, in a retry loop over {@code get} and the atomic
 * {@code replace}/{@code putIfAbsent} ({@code ConcurrentMap}'s own algorithm): atomic too, at the
 * cost of more calls and retries under contention. A value read is a copy; to share a container
 * that is changed in place, store a proxy: {@code d.put("inner", manager.list())} keeps a proxy,
 * and changes through it are seen by everyone (Python loses them, cpython#91192). Keys and
 * values may not be null, as in {@code ConcurrentHashMap}.
 *
 * <h2>Synchronization and queues</h2>
 * {@link #lock()}, {@link #queue()}, {@link #value}… are the library's shared-memory objects, made
 * by the manager's JVM: they are shared by every process of the manager's machine at memory speed
 * (Python's go through the manager for every call).
 *
 * <h2>Your own types</h2>
 * {@link #create(Class, SerializableCallable)} runs a factory in the manager and returns a proxy
 * that implements your interface (Python's {@code register}): each call runs in the manager.
 *
 * <h2>Failure and lifetime</h2>
 * Objects live as long as the manager. A proxy whose manager has died (killed, or shut down)
 * fails within about a second with {@link ProcessException} naming the manager, never hangs. The
 * manager's JVM is a daemon child of the process that started it and exits when that process
 * dies. An exception thrown in the manager (a method of your object) reaches the caller as the same
 * class, with the manager's stack trace as its cause.
 *
 * <h2>Remote managers</h2>
 * {@link #listen(InetSocketAddress, byte[])} makes the manager accept TCP connections that pass
 * the authkey handshake; on another machine {@link #connect(InetSocketAddress, byte[])} reaches it,
 * and {@link #bind}/{@link #lookup} share objects by name (Python's {@code BaseManager(address,
 * authkey)}, {@code serve_forever}, {@code connect}). Over TCP the containers and your own types work
 * from anywhere; the shared-memory objects only on the manager's machine.
 */
public interface Manager extends AutoCloseable {

    /**
     * Makes an empty shared map in the manager.
     *
     * @param <K> the keys' type
     * @param <V> the values' type
     * @return a proxy to it
     */
    <K, V> ConcurrentMap<K, V> dict();

    /**
     * Makes a shared map in the manager holding {@code initial}'s entries.
     *
     * @param <K>     the keys' type
     * @param <V>     the values' type
     * @param initial its first entries
     * @return a proxy to it
     */
    <K, V> ConcurrentMap<K, V> dict(Map<? extends K, ? extends V> initial);

    /**
     * Makes an empty shared list in the manager.
     *
     * @param <E> the elements' type
     * @return a proxy to it
     */
    <E> List<E> list();

    /**
     * Makes a shared list in the manager holding {@code initial}'s elements.
     *
     * @param <E>     the elements' type
     * @param initial its first elements
     * @return a proxy to it
     */
    <E> List<E> list(Collection<? extends E> initial);

    /** {@return a new empty namespace} */
    Namespace namespace();

    /**
     * Makes an unbounded queue (shared memory, made by the manager).
     *
     * @param <T> the items' type
     * @return the queue
     */
    <T> Queue<T> queue();

    /**
     * Makes a queue (shared memory, made by the manager).
     *
     * @param <T>     the items' type
     * @param maxsize the most items it holds; 0 or less for no bound
     * @return the queue
     */
    <T> Queue<T> queue(int maxsize);

    /**
     * Makes a joinable queue (shared memory, made by the manager).
     *
     * @param <T> the items' type
     * @return the queue
     */
    <T> JoinableQueue<T> joinableQueue();

    /** {@return a new lock (shared memory, made by the manager)} */
    Lock lock();

    /** {@return a new reentrant lock (shared memory, made by the manager)} */
    RLock rLock();

    /**
     * Makes a semaphore (shared memory, made by the manager).
     *
     * @param value its initial count
     * @return the semaphore
     */
    Semaphore semaphore(int value);

    /**
     * Makes a bounded semaphore (shared memory, made by the manager).
     *
     * @param value its initial and largest count
     * @return the semaphore
     */
    Semaphore boundedSemaphore(int value);

    /** {@return a new event (shared memory, made by the manager)} */
    Event event();

    /** {@return a new condition (shared memory, made by the manager)} */
    Condition condition();

    /**
     * Makes a barrier (shared memory, made by the manager).
     *
     * @param parties the number of processes that meet at it
     * @return the barrier
     */
    Barrier barrier(int parties);

    /**
     * Makes a value with a lock (shared memory, made by the manager).
     *
     * @param typecode the value's typecode (see {@link Value})
     * @param initial  its initial value
     * @return the value
     */
    Value value(char typecode, Number initial);

    /**
     * Makes an array with a lock (shared memory, made by the manager).
     *
     * @param typecode the elements' typecode (see {@link Array})
     * @param initial  its elements
     * @return the array
     */
    Array array(char typecode, Number... initial);

    /**
     * Makes an object of yours in the manager and returns a proxy to it (Python's {@code register}
     * and {@code manager.TypeId()}): every method of {@code type} called on the proxy runs on the
     * object in the manager, its arguments and result copied across (serializable), its exceptions
     * rethrown here.
     *
     * <pre>{@code
     * interface Counter { int next(); }
     * Counter c = manager.create(Counter.class, () -> new Counter() {
     *     int n;
     *     public synchronized int next() { return ++n; }
     * });
     * }</pre>
     *
     * @param <T>     the interface's type
     * @param type    the interface the proxy implements
     * @param factory makes the object, in the manager
     * @return the proxy, serializable
     * @throws IllegalArgumentException when {@code type} is not an interface, or the factory's
     *                                  object does not implement it
     */
    <T> T create(Class<T> type, SerializableCallable<? extends T> factory);

    /**
     * Gives an object a name in the manager, for {@link #lookup} by any process, such as a client
     * on another machine. A proxy of this manager is bound as the proxy; any other serializable
     * value as a copy.
     *
     * @param name  the name
     * @param value a proxy of this manager, or a serializable value
     */
    void bind(String name, Object value);

    /**
     * Finds what was bound to a name, in any process (Python's registered typeids, looked up by a
     * client that connected).
     *
     * @param <T>  the type the caller expects
     * @param name a name given with {@link #bind}
     * @return what was bound: a proxy, or a copy of the value
     * @throws java.util.NoSuchElementException when nothing is bound to {@code name}
     */
    <T> T lookup(String name);

    /**
     * Makes the manager accept connections over TCP, each authenticated with {@code authkey} (the
     * {@link Listener} handshake), so that {@link #connect} from other JVMs, on any machine, reaches
     * it.
     *
     * @param address where to listen; port 0 for any free one. Loopback keeps it on this machine.
     * @param authkey the key clients must know
     * @return the address it listens on
     */
    InetSocketAddress listen(InetSocketAddress address, byte[] authkey);

    /**
     * Connects to a manager that {@link #listen listens} on {@code address}. The result's
     * factories make objects in that manager; {@link #close()} disconnects, {@link #shutdown()}
     * stops the manager.
     *
     * @param address the manager's address
     * @param authkey its key
     * @return the manager, as seen from here
     * @throws AuthenticationException when the key is refused
     * @throws ProcessException        when nothing answers at {@code address}
     */
    static Manager connect(InetSocketAddress address, byte[] authkey) {
        return ManagerClient.connect(address, authkey);
    }

    /** {@return the manager's process (for a manager this JVM started; empty for a connected one)} */
    java.util.Optional<Process> process();

    /** Stops the manager: its objects are gone, and their proxies fail with {@link ProcessException}. Idempotent. */
    void shutdown();

    /** Stops a manager this JVM started ({@link #shutdown()}); disconnects from a connected one. Idempotent. */
    @Override
    void close();
}
