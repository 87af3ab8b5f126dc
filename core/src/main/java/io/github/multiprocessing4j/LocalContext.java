package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.protocol.Interrupt;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.WarmPool;
import io.github.multiprocessing4j.internal.pool.JvmWorkers;
import io.github.multiprocessing4j.internal.spi.Backends;
import io.github.multiprocessing4j.internal.spi.ProcessControl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The local start methods, "spawn", "forkserver" and "warm": processes and pool workers are child JVMs on this
 * machine, shared objects live in {@code /dev/shm}. The two contexts are constants; each registers
 * its process launcher with {@link Backends} as it is made.
 */
final class LocalContext implements Context {

    static final String SPAWN = "spawn";
    static final String WARM = "warm";
    static final String FORKSERVER = "forkserver";
    /** The start methods, the default first. */
    static final List<String> METHODS = List.of(SPAWN, FORKSERVER, WARM);
    static final LocalContext DEFAULT = new LocalContext(SPAWN);
    private static final LocalContext WARM_CONTEXT = new LocalContext(WARM);
    private static final LocalContext FORKSERVER_CONTEXT = new LocalContext(FORKSERVER);

    /** The default context's start method once set or used (Python's set_start_method); null while unset. Guarded by the class. */
    private static LocalContext chosen;

    private final String method;

    private LocalContext(String method) {
        this.method = method;
        Backends.register(this, (owner, name, daemon, jvmOptions, payload) -> {
            ChildJvm jvm = launch(name, daemon, jvmOptions);
            CompletableFuture<Integer> end = jvm.runProcess(owner, daemon, payload);
            return new ProcessControl() {
                @Override
                public long pid() {
                    return jvm.pid();
                }

                @Override
                public CompletableFuture<Integer> end() {
                    return end;
                }

                @Override
                public void signal(boolean kill) {
                    jvm.signalProcess(end, kill);
                }

                @Override
                public void interrupt(String processName) {
                    if (!end.isDone()) {
                        jvm.send(Protocol.INTERRUPT, new Interrupt(processName).encode());
                    }
                }
            };
        }, JvmWorkers::of);
    }

    /**
     * @param method a start method's name
     * @return its context
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
     */
    static LocalContext of(String method) {
        Objects.requireNonNull(method, "method");
        return switch (method) {
            case SPAWN -> DEFAULT;
            case WARM -> {
                // In a child, a class that keeps the warm context in a static field is often
                // initialized only because its lambda is deserialized there: no JVMs for that.
                if (!Self.isChild()) {
                    WarmPool.get().requestRefill();
                }
                yield WARM_CONTEXT;
            }
            case FORKSERVER -> {
                if (!Self.isChild()) {
                    WarmPool.forkserver().requestRefill();
                }
                yield FORKSERVER_CONTEXT;
            }
            default -> throw new IllegalArgumentException("unknown start method '" + method + "': the known ones are " + METHODS);
        };
    }

    /** @return the default context: the start method set, fixing it to {@code "spawn"} if none was (as Python's first use does) */
    static synchronized LocalContext current() {
        if (chosen == null) {
            chosen = DEFAULT;
        }
        return chosen;
    }

    /** @return the start method set or fixed by use, empty while neither happened */
    static synchronized Optional<String> chosenMethod() {
        return Optional.ofNullable(chosen).map(c -> c.method);
    }

    /** Python's {@code set_start_method(method, force)}. */
    static synchronized void setStartMethod(String method, boolean force) {
        if (chosen != null && !force) {
            throw new IllegalStateException("context has already been set");
        }
        if (method == null && force) {
            chosen = null;
            return;
        }
        chosen = method == null ? DEFAULT : of(method);
    }

    /** @return where this context takes JVMs started ahead of need; null for {@code "spawn"} (a launch each) */
    WarmPool idleJvms() {
        return switch (method) {
            case WARM -> WarmPool.get();
            case FORKSERVER -> WarmPool.forkserver();
            default -> null;
        };
    }

    /** Launches (or takes, started ahead of need) the JVM for a process of this context. */
    private ChildJvm launch(String name, boolean daemon, List<String> jvmOptions) {
        WarmPool idle = idleJvms();
        return idle != null ? idle.take(name, daemon, jvmOptions) : JvmLauncher.launchForProcess(name, daemon, jvmOptions);
    }

    @Override
    public String getStartMethod() {
        return method;
    }

    @Override
    public Process process(String name, SerializableRunnable target) {
        return new Process(name, target).context(this);
    }

    @Override
    public Value value(char typecode, Number initial, boolean lock) {
        return SharedValue.create(typecode, initial, lock);
    }

    @Override
    public Array array(char typecode, int size) {
        return SharedArray.create(typecode, size, true);
    }

    @Override
    public Array array(char typecode, Number... initial) {
        return SharedArray.create(typecode, initial, true);
    }

    @Override
    public Array rawArray(char typecode, int size) {
        return SharedArray.create(typecode, size, false);
    }

    @Override
    public Array rawArray(char typecode, Number... initial) {
        return SharedArray.create(typecode, initial, false);
    }

    @Override
    public Lock lock() {
        return SharedLock.create();
    }

    @Override
    public RLock rLock() {
        return SharedRLock.create();
    }

    @Override
    public Semaphore semaphore(int value) {
        return SharedSemaphore.create(value, false);
    }

    @Override
    public Semaphore boundedSemaphore(int value) {
        return SharedSemaphore.create(value, true);
    }

    @Override
    public Event event() {
        return SharedEvent.create();
    }

    @Override
    public Condition condition(Lock lock) {
        return SharedCondition.create(lock);
    }

    @Override
    public Barrier barrier(int parties, SerializableRunnable action, Duration timeout) {
        return SharedBarrier.create(parties, action, timeout);
    }

    @Override
    public Pool pool(PoolOptions options) {
        return new Pool(this, options);
    }

    @Override
    public <T> Queue<T> queue(int maxsize) {
        return SharedQueue.create(maxsize, false);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(int maxsize) {
        return SharedQueue.create(maxsize, true);
    }

    @Override
    public <T> SimpleQueue<T> simpleQueue() {
        return SharedSimpleQueue.create();
    }

    @Override
    public Pipe pipe(boolean duplex) {
        return RingConnection.pipe(duplex);
    }

    @Override
    public Manager manager() {
        return LocalManager.start(this);
    }

    @Override
    public String toString() {
        return "Context[" + method + "]";
    }
}
