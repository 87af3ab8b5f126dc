package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.WarmPool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A way of starting processes, with the library's factories as instance methods: Python's
 * context objects. {@link Multiprocessing}'s static factories use the default context.
 *
 * <pre>{@code
 * Context ctx = Multiprocessing.getContext("spawn");
 * Process p = ctx.process(() -> System.out.println("hello from a child JVM"));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>Start methods:
 * <ul>
 *   <li>{@code "spawn"} (the default) launches a fresh JVM for every process.</li>
 *   <li>{@code "warm"} keeps a few JVMs started, connected and idle ahead of need (from the
 *       first {@code getContext("warm")} in the main JVM; in a child, from its first warm
 *       process), so that {@code start()} only hands over the target; a replacement starts in
 *       the background, and
 *       idle JVMs exit after a while (system properties {@code mp4j.warm.spares}, default 2, and
 *       {@code mp4j.warm.idleSeconds}, default 60). A warm JVM whose process ended cleanly (its
 *       target returned, leaving no thread running, no lock held, no child process,
 *       {@code System.out} and {@code System.err} in place) goes back to waiting and runs the next process: processes
 *       started one after another cost about a millisecond each, as with Python's {@code fork}.
 *       Like a forked child, such a process does not start from a blank JVM: static fields of
 *       the application's classes keep what an earlier process left in them. Processes that run
 *       at the same time always have JVMs of their own; {@code -Dmp4j.warm.reuse=false} gives
 *       every warm process a fresh JVM, and {@code "spawn"} never reuses one.</li>
 * </ul>
 * There is no {@code "fork"}: a JVM is never forked.
 *
 * <p>Child JVMs of either method start from the JDK's AOT cache (classes loaded and linked ahead
 * of time by a training run), which multiprocessing4j creates by itself for each
 * class path: the first launch starts a training JVM in the background (a few seconds of CPU,
 * once per build of the jars), later launches use the cache, about a third faster. The JDK caches
 * classes from jar files only: a class path of jars is cached whole, one with directories only
 * with the library's jar (nothing if the library itself is a directory). System properties
 * {@code mp4j.aotCache} ({@code false} turns it off) and {@code mp4j.aotCache.dir} (the cache
 * directory, default {@code ~/.cache/multiprocessing4j/aot}, mode 0700).
 */
public final class Context {

    static final String SPAWN = "spawn";
    static final String WARM = "warm";
    static final List<String> METHODS = List.of(SPAWN, WARM);
    static final Context DEFAULT = new Context(SPAWN);
    private static final Context WARM_CONTEXT = new Context(WARM);

    private final String method;

    private Context(String method) {
        this.method = method;
    }

    static Context of(String method) {
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
            default -> throw new IllegalArgumentException("unknown start method '" + method + "': the known ones are " + METHODS);
        };
    }

    /** Launches (or, warm, takes) the JVM for a process of this context. */
    ChildJvm launch(String name, boolean daemon, List<String> jvmOptions) {
        return method.equals(WARM)
                ? WarmPool.get().take(name, daemon, jvmOptions)
                : JvmLauncher.launch(name, daemon, jvmOptions);
    }

    /** @return the start method: {@code "spawn"} */
    public String getStartMethod() {
        return method;
    }

    /**
     * @param target what the child runs
     * @return a new, unstarted process of this context
     */
    public Process process(SerializableRunnable target) {
        return new Process(target).context(this);
    }

    /**
     * @param name   the process's name
     * @param target what the child runs
     * @return a new, unstarted process of this context
     */
    public Process process(String name, SerializableRunnable target) {
        return new Process(name, target).context(this);
    }

    // ---- shared memory and synchronization (Python's Value, Array, Lock, RLock, Semaphore, …) ----

    /**
     * Python's {@code Value(typecode, initial)}: a shared number with its own {@link RLock}.
     *
     * @param typecode one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial  the start value; must fit the typecode
     * @return the value, shared with every process it is passed to
     * @throws IllegalArgumentException for an unknown typecode (the message lists the valid
     *                                  ones) or a start value that does not fit
     */
    public Value value(char typecode, Number initial) {
        return SharedValue.create(typecode, initial, true);
    }

    /**
     * Python's {@code Value(typecode, initial, lock=…)}.
     *
     * @param lock {@code false} for a raw value without a lock ({@link Value#getLock()} then throws)
     * @return the value
     */
    public Value value(char typecode, Number initial, boolean lock) {
        return SharedValue.create(typecode, initial, lock);
    }

    /** Python's {@code RawValue(typecode, initial)}: a shared number without a lock. */
    public Value rawValue(char typecode, Number initial) {
        return SharedValue.create(typecode, initial, false);
    }

    /**
     * Python's {@code Array(typecode, size)}: {@code size} zeros, with an {@link RLock}.
     *
     * @throws IllegalArgumentException for an unknown typecode or a negative size
     */
    public Array array(char typecode, int size) {
        return SharedArray.create(typecode, size, true);
    }

    /** Python's {@code Array(typecode, [v0, v1, …])}, with an {@link RLock}; every value must fit the typecode. */
    public Array array(char typecode, Number... initial) {
        return SharedArray.create(typecode, initial, true);
    }

    /** Python's {@code RawArray(typecode, size)}: {@code size} zeros, without a lock. */
    public Array rawArray(char typecode, int size) {
        return SharedArray.create(typecode, size, false);
    }

    /** Python's {@code RawArray(typecode, [v0, v1, …])}, without a lock. */
    public Array rawArray(char typecode, Number... initial) {
        return SharedArray.create(typecode, initial, false);
    }

    /** @return a new {@link Lock}, unlocked, shared with every process it is passed to */
    public Lock lock() {
        return SharedLock.create();
    }

    /** @return a new {@link RLock}, unlocked */
    public RLock rLock() {
        return SharedRLock.create();
    }

    /** @return a new {@link Semaphore} with one permit */
    public Semaphore semaphore() {
        return semaphore(1);
    }

    /**
     * @param value the number of permits, not negative
     * @return a new {@link Semaphore}; releases beyond {@code value} are allowed
     */
    public Semaphore semaphore(int value) {
        return SharedSemaphore.create(value, false);
    }

    /** @return a new bounded {@link Semaphore} with one permit */
    public Semaphore boundedSemaphore() {
        return boundedSemaphore(1);
    }

    /**
     * @param value the number of permits, not negative
     * @return a new bounded {@link Semaphore}: a release above {@code value} throws {@link IllegalStateException}
     */
    public Semaphore boundedSemaphore(int value) {
        return SharedSemaphore.create(value, true);
    }

    /** @return a new {@link Event}, unset */
    public Event event() {
        return SharedEvent.create();
    }

    /** @return a new {@link Condition} with a new {@link RLock} */
    public Condition condition() {
        return SharedCondition.create(rLock());
    }

    /**
     * @param lock the condition's lock: a {@link Lock} or {@link RLock} made by this library
     * @return a new {@link Condition} over it
     */
    public Condition condition(Lock lock) {
        return SharedCondition.create(lock);
    }

    /**
     * @param parties how many parties must arrive to pass; at least 1
     * @return a new {@link Barrier}
     */
    public Barrier barrier(int parties) {
        return SharedBarrier.create(parties, null, null);
    }

    /**
     * @param parties how many parties must arrive to pass
     * @param action  run once per round by the last party to arrive, before any is released; may be null
     * @return a new {@link Barrier}
     */
    public Barrier barrier(int parties, SerializableRunnable action) {
        return SharedBarrier.create(parties, action, null);
    }

    /**
     * @param parties how many parties must arrive to pass
     * @param action  run once per round by the last party to arrive; may be null
     * @param timeout the default timeout of {@link Barrier#await()}; null for none
     * @return a new {@link Barrier}
     */
    public Barrier barrier(int parties, SerializableRunnable action, Duration timeout) {
        return SharedBarrier.create(parties, action, timeout);
    }

    /**
     * @return a {@link Pool} of {@link Multiprocessing#cpuCount()} workers of this context: with
     *         {@code "warm"}, the workers are idle JVMs taken at once (when there are some)
     */
    public Pool pool() {
        return pool(PoolOptions.defaults());
    }

    /**
     * @param processes the number of worker JVMs
     * @return a {@link Pool} of this context
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    public Pool pool(int processes) {
        return pool(PoolOptions.processes(processes));
    }

    /**
     * @param options the pool's settings
     * @return a {@link Pool} of this context
     */
    public Pool pool(PoolOptions options) {
        return new Pool(options, method.equals(WARM));
    }

    @Override
    public String toString() {
        return "Context[" + method + "]";
    }

    // ---- queues and pipes ------------------------------------------------------------------

    /**
     * @param <T> the type of the items
     * @return a new unbounded {@link Queue}
     */
    public <T> Queue<T> queue() {
        return queue(0);
    }

    /**
     * @param <T>     the type of the items
     * @param maxsize the most items it holds; 0 for unbounded
     * @return a new {@link Queue}
     * @throws IllegalArgumentException when {@code maxsize} is negative or above 4,000,000
     */
    public <T> Queue<T> queue(int maxsize) {
        return SharedQueue.create(maxsize, false);
    }

    /**
     * @param <T> the type of the items
     * @return a new unbounded {@link JoinableQueue}
     */
    public <T> JoinableQueue<T> joinableQueue() {
        return joinableQueue(0);
    }

    /**
     * @param <T>     the type of the items
     * @param maxsize the most items it holds; 0 for unbounded
     * @return a new {@link JoinableQueue}
     */
    public <T> JoinableQueue<T> joinableQueue(int maxsize) {
        return SharedQueue.create(maxsize, true);
    }

    /**
     * @param <T> the type of the items
     * @return a new {@link SimpleQueue}
     */
    public <T> SimpleQueue<T> simpleQueue() {
        return SharedSimpleQueue.create();
    }

    /** @return a new duplex {@link Pipe} */
    public Pipe pipe() {
        return pipe(true);
    }

    /**
     * @param duplex false for a one-way pipe: {@code left} receives, {@code right} sends
     * @return a new {@link Pipe}
     */
    public Pipe pipe(boolean duplex) {
        return RingConnection.pipe(duplex);
    }
}
