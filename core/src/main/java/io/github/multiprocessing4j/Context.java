package io.github.multiprocessing4j;


import java.time.Duration;

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
 *   <li>{@code "forkserver"} keeps a JVM started, connected and idle ahead of need (system
 *       property {@code mp4j.forkserver.spares}, default 1), hands it the process at
 *       {@code start()}, and starts the next one in the background; each JVM runs exactly one
 *       process, so every process starts from fresh static state, as with {@code "spawn"},
 *       about four times sooner.</li>
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
public interface Context {

    /** {@return the start method: {@code "spawn"}, {@code "forkserver"}, {@code "warm"}, or a backend's own name} */
    String getStartMethod();

    /**
     * Python's {@code ctx.Process(target=…)}.
     *
     * @param target what the child runs
     * @return a new, unstarted process of this context
     */
    default Process process(SerializableRunnable target) {
        return process(null, target);
    }

    /**
     * Python's {@code ctx.Process(name=…, target=…)}.
     *
     * @param name   the process's name
     * @param target what the child runs
     * @return a new, unstarted process of this context
     */
    Process process(String name, SerializableRunnable target);

    /**
     * Python's {@code Value(typecode, initial)}: a shared number with its own {@link RLock}.
     *
     * @param typecode one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial  the start value; must fit the typecode
     * @return the value, shared with every process it is passed to
     * @throws IllegalArgumentException for an unknown typecode (the message lists the valid
     *                                  ones) or a start value that does not fit
     */
    default Value value(char typecode, Number initial) {
        return value(typecode, initial, true);
    }

    /**
     * Python's {@code Value(typecode, initial, lock=…)}.
     *
     * @param lock {@code false} for a raw value without a lock ({@link Value#getLock()} then throws)
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the value
     */
    Value value(char typecode, Number initial, boolean lock);

    /**
     * Python's {@code RawValue(typecode, initial)}: a shared number without a lock.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the value, shared with every process it is passed to
     */
    default Value rawValue(char typecode, Number initial) {
        return value(typecode, initial, false);
    }

    /**
     * Python's {@code Array(typecode, size)}: {@code size} zeros, with an {@link RLock}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param size the number of elements, not negative
     * @return the array, shared with every process it is passed to
     * @throws IllegalArgumentException for an unknown typecode or a negative size
     */
    Array array(char typecode, int size);

    /**
     * Python's {@code Array(typecode, [v0, v1, …])}, with an {@link RLock}; every value must fit the typecode.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the array, shared with every process it is passed to
     */
    Array array(char typecode, Number... initial);

    /**
     * Python's {@code RawArray(typecode, size)}: {@code size} zeros, without a lock.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param size the number of elements, not negative
     * @return the array, shared with every process it is passed to
     */
    Array rawArray(char typecode, int size);

    /**
     * Python's {@code RawArray(typecode, [v0, v1, …])}, without a lock.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the array, shared with every process it is passed to
     */
    Array rawArray(char typecode, Number... initial);

    /** {@return a new {@link Lock}, unlocked, shared with every process it is passed to} */
    Lock lock();

    /** {@return a new {@link RLock}, unlocked} */
    RLock rLock();

    /** {@return a new {@link Semaphore} with one permit} */
    default Semaphore semaphore() {
        return semaphore(1);
    }

    /**
     * Python's {@code Semaphore(value)}.
     *
     * @param value the number of permits, not negative
     * @return a new {@link Semaphore}; releases beyond {@code value} are allowed
     */
    Semaphore semaphore(int value);

    /** {@return a new bounded {@link Semaphore} with one permit} */
    default Semaphore boundedSemaphore() {
        return boundedSemaphore(1);
    }

    /**
     * Python's {@code BoundedSemaphore(value)}.
     *
     * @param value the number of permits, not negative
     * @return a new bounded {@link Semaphore}: a release above {@code value} throws {@link IllegalStateException}
     */
    Semaphore boundedSemaphore(int value);

    /** {@return a new {@link Event}, unset} */
    Event event();

    /** {@return a new {@link Condition} with a new {@link RLock}} */
    default Condition condition() {
        return condition(rLock());
    }

    /**
     * Python's {@code Condition(lock)}: a condition over an existing lock.
     *
     * @param lock the condition's lock: a {@link Lock} or {@link RLock} made by this library
     * @return a new {@link Condition} over it
     */
    Condition condition(Lock lock);

    /**
     * Python's {@code Barrier(parties)}.
     *
     * @param parties how many parties must arrive to pass; at least 1
     * @return a new {@link Barrier}
     */
    default Barrier barrier(int parties) {
        return barrier(parties, null, null);
    }

    /**
     * Python's {@code Barrier(parties, action)}.
     *
     * @param parties how many parties must arrive to pass
     * @param action  run once per round by the last party to arrive, before any is released; may be null
     * @return a new {@link Barrier}
     */
    default Barrier barrier(int parties, SerializableRunnable action) {
        return barrier(parties, action, null);
    }

    /**
     * Python's {@code Barrier(parties, action, timeout)}.
     *
     * @param parties how many parties must arrive to pass
     * @param action  run once per round by the last party to arrive; may be null
     * @param timeout the default timeout of {@link Barrier#await()}; null for none
     * @return a new {@link Barrier}
     */
    Barrier barrier(int parties, SerializableRunnable action, Duration timeout);

    /**
     * Python's {@code Pool()}: one worker per CPU.
     *
     * @return a {@link Pool} of {@link Multiprocessing#cpuCount()} workers of this context: with
     *         {@code "warm"}, the workers are idle JVMs taken at once (when there are some)
     */
    default Pool pool() {
        return pool(PoolOptions.defaults());
    }

    /**
     * Python's {@code Pool(processes)}.
     *
     * @param processes the number of worker JVMs
     * @return a {@link Pool} of this context
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    default Pool pool(int processes) {
        return pool(PoolOptions.processes(processes));
    }

    /**
     * A pool with every setting of {@link PoolOptions}.
     *
     * @param options the pool's settings
     * @return a {@link Pool} of this context
     */
    Pool pool(PoolOptions options);

    /**
     * Python's {@code Queue()}: unbounded.
     *
     * @param <T> the type of the items
     * @return a new unbounded {@link Queue}
     */
    default <T> Queue<T> queue() {
        return queue(0);
    }

    /**
     * Python's {@code Queue(maxsize)}.
     *
     * @param <T>     the type of the items
     * @param maxsize the most items it holds; 0 for unbounded
     * @return a new {@link Queue}
     * @throws IllegalArgumentException when {@code maxsize} is negative or above 4,000,000
     */
    <T> Queue<T> queue(int maxsize);

    /**
     * Python's {@code JoinableQueue()}: unbounded.
     *
     * @param <T> the type of the items
     * @return a new unbounded {@link JoinableQueue}
     */
    default <T> JoinableQueue<T> joinableQueue() {
        return joinableQueue(0);
    }

    /**
     * Python's {@code JoinableQueue(maxsize)}.
     *
     * @param <T>     the type of the items
     * @param maxsize the most items it holds; 0 for unbounded
     * @return a new {@link JoinableQueue}
     */
    <T> JoinableQueue<T> joinableQueue(int maxsize);

    /**
     * Python's {@code SimpleQueue()}.
     *
     * @param <T> the type of the items
     * @return a new {@link SimpleQueue}
     */
    <T> SimpleQueue<T> simpleQueue();

    /** {@return a new duplex {@link Pipe}} */
    default Pipe pipe() {
        return pipe(true);
    }

    /**
     * Python's {@code Pipe(duplex)}.
     *
     * @param duplex false for a one-way pipe: {@code left} receives, {@code right} sends
     * @return a new {@link Pipe}
     */
    Pipe pipe(boolean duplex);

    /**
     * Python's {@code Manager()}: starts a manager, a daemon child process of this context that
     * holds shared containers and objects for every process (see {@link Manager}).
     *
     * <pre>{@code
     * try (Manager manager = ctx.manager()) {
     *     List<String> log = manager.list();
     *     ...
     * }
     * }</pre>
     *
     * @return the manager, started and ready
     * @throws ProcessException when its process does not start
     */
    Manager manager();
}
