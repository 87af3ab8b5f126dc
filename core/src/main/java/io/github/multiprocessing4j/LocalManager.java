package io.github.multiprocessing4j;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Manager} as this JVM holds it: one it started (a daemon child process running
 * {@link ManagerServer}), or one it connected to over TCP. Every factory is a call to the manager.
 */
final class LocalManager implements Manager {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ManagerRef ref;
    private final Process process;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalManager(ManagerRef ref, Process process) {
        this.ref = ref;
        this.process = process;
    }

    /** Starts a manager: a daemon child of {@code context}. */
    static LocalManager start(Context context) {
        String name = "SyncManager-" + NAMES.incrementAndGet();
        String id = io.github.multiprocessing4j.internal.runtime.RunDirectory.get().runId() + "-" + ProcessHandle.current().pid()
                + "-" + name;
        SimpleQueue<Connection> accept = context.simpleQueue();
        SimpleQueue<ManagerRef> ready = context.simpleQueue();
        Process process = context.process(name, () -> ManagerServer.serve(id, name, accept, ready));
        process.setDaemon(true);
        process.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                ManagerRef ref = ready.get(Duration.ofMillis(100));
                ready.close();
                return new LocalManager(ref, process);
            } catch (QueueEmptyException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.kill();
                    process.join();
                    throw new ProcessException("the manager " + name + " did not start (exit code " + process.exitCode() + ")");
                }
            }
        }
    }

    private Object call(String method, Object... args) {
        return ManagerClient.call(ref, ManagerCall.MANAGER, method, args);
    }

    @SuppressWarnings("unchecked")
    private <T> T make(String method, Object... args) {
        return (T) call(method, args);
    }

    @Override
    public <K, V> ConcurrentMap<K, V> dict() {
        return dict(Map.of());
    }

    @Override
    public <K, V> ConcurrentMap<K, V> dict(Map<? extends K, ? extends V> initial) {
        return make("dict", new HashMap<>(Objects.requireNonNull(initial, "initial")));
    }

    @Override
    public <E> List<E> list() {
        return list(List.of());
    }

    @Override
    public <E> List<E> list(Collection<? extends E> initial) {
        return make("list", new ArrayList<>(Objects.requireNonNull(initial, "initial")));
    }

    @Override
    public Namespace namespace() {
        return make("namespace");
    }

    @Override
    public <T> Queue<T> queue() {
        return queue(0);
    }

    @Override
    public <T> Queue<T> queue(int maxsize) {
        return make("queue", maxsize);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue() {
        return make("joinableQueue");
    }

    @Override
    public Lock lock() {
        return make("lock");
    }

    @Override
    public RLock rLock() {
        return make("rLock");
    }

    @Override
    public Semaphore semaphore(int value) {
        return make("semaphore", value);
    }

    @Override
    public Semaphore boundedSemaphore(int value) {
        return make("boundedSemaphore", value);
    }

    @Override
    public Event event() {
        return make("event");
    }

    @Override
    public Condition condition() {
        return make("condition");
    }

    @Override
    public Barrier barrier(int parties) {
        return make("barrier", parties);
    }

    @Override
    public Value value(char typecode, Number initial) {
        return make("value", typecode, initial);
    }

    @Override
    public Array array(char typecode, Number... initial) {
        return make("array", typecode, initial);
    }

    @Override
    public <T> T create(Class<T> type, SerializableCallable<? extends T> factory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("a manager's proxy implements an interface; " + type.getName() + " is not one");
        }
        long id = (Long) call("create", type.getName(), factory);
        return InterfaceProxy.proxy(type, ref, id);
    }

    @Override
    public void bind(String name, Object value) {
        call("bind", Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T lookup(String name) {
        return (T) call("lookup", Objects.requireNonNull(name, "name"));
    }

    @Override
    public InetSocketAddress listen(InetSocketAddress address, byte[] authkey) {
        return (InetSocketAddress) call("listen", Objects.requireNonNull(address, "address"), Objects.requireNonNull(authkey, "authkey"));
    }

    @Override
    public Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    @Override
    public void shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            call("shutdown");
        } catch (ProcessException alreadyGone) {
            // dead or stopped: nothing to stop
        }
        ManagerClient.disconnect(ref);
        if (process != null) {
            if (!process.join(Duration.ofSeconds(5))) {
                process.kill();
                process.join();
            }
        }
    }

    @Override
    public void close() {
        if (process != null) {
            shutdown();
        } else if (closed.compareAndSet(false, true)) {
            ManagerClient.disconnect(ref);
        }
    }

    @Override
    public String toString() {
        return "<Manager " + ref + (closed.get() ? " closed" : "") + ">";
    }
}
