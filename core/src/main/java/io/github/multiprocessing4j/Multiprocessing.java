package io.github.multiprocessing4j;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Python's {@code multiprocessing} module functions: {@code import multiprocessing} becomes
 * {@code import static io.github.multiprocessing4j.Multiprocessing.*}.
 *
 * <pre>{@code
 * System.out.println(currentProcess().getName());   // MainProcess
 * Process p = new Process(() -> System.out.println(currentProcess().getName()));
 * p.start();                                          // the child prints Process-1
 * p.join();
 * }</pre>
 */
public final class Multiprocessing {

    /**
     * This library's version (semver), as built. Beside it: the control channel's protocol
     * version, checked between parent and child, and the shared-memory layout version.
     */
    public static final String VERSION = readVersion();

    private Multiprocessing() {
    }

    private static String readVersion() {
        try (var in = Multiprocessing.class.getResourceAsStream("version.properties")) {
            var properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** {@return the number of processors this JVM may use (affinity- and container-aware)} */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Python's {@code current_process()}.
     *
     * @return the {@link Process} standing for this JVM: {@code MainProcess} in the JVM the
     *         application started, the running {@code Process} object in a child
     */
    public static Process currentProcess() {
        return Process.current();
    }

    /**
     * Python's {@code parent_process()}.
     *
     * @return the process that started this one; empty in the JVM the application started. Its
     *         name and pid are known, and {@code isAlive()} and {@code join} work on it.
     */
    public static Optional<Process> parentProcess() {
        return Process.parentProcess();
    }

    /** {@return the children this process started that are still running, oldest first} */
    public static List<Process> activeChildren() {
        return Process.activeChildren();
    }

    /**
     * Python's {@code Pool()}: one worker per CPU, same as {@code new Pool()}.
     *
     * @return a {@link Pool} of {@link #cpuCount()} worker JVMs (Python's {@code Pool()})
     */
    public static Pool pool() {
        return new Pool();
    }

    /**
     * Python's {@code Pool(processes)}, same as {@code new Pool(processes)}.
     *
     * @param processes the number of worker JVMs
     * @return a {@link Pool} (Python's {@code Pool(processes)})
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    public static Pool pool(int processes) {
        return new Pool(processes);
    }

    /**
     * A pool with every setting of {@link PoolOptions}, same as {@code new Pool(options)}.
     *
     * @param options the pool's settings
     * @return a {@link Pool}
     */
    public static Pool pool(PoolOptions options) {
        return new Pool(options);
    }

    /**
     * Python's {@code get_context()}: the context of the start method set with
     * {@link #setStartMethod(String)}, {@code "spawn"} when none was. As in Python, this fixes the
     * start method: a later {@code setStartMethod} without {@code force} fails. The module-level
     * factories ({@link #queue()}, {@link #value(char, Number)}…), {@code new Process(target)} and
     * {@code new Pool(n)} use this context.
     *
     * @return the default context
     */
    public static Context getContext() {
        return LocalContext.current();
    }

    /**
     * Python's {@code get_start_method()}: the start method of the default context, fixing it to
     * {@code "spawn"} when none was set.
     *
     * @return {@code "spawn"}, {@code "forkserver"} or {@code "warm"}
     */
    public static String getStartMethod() {
        return LocalContext.current().getStartMethod();
    }

    /**
     * Python's {@code get_start_method(allow_none)}: with {@code allowNone}, empty while no start
     * method was set or fixed by use, and nothing is fixed; without it, as {@link #getStartMethod()}.
     *
     * @param allowNone whether to answer empty rather than fix the default
     * @return the start method, or empty
     */
    public static Optional<String> getStartMethod(boolean allowNone) {
        return allowNone ? LocalContext.chosenMethod() : Optional.of(getStartMethod());
    }

    /**
     * Python's {@code set_start_method(method)}: the start method of the default context, once.
     *
     * <pre>{@code
     * public static void main(String[] args) {
     *     Multiprocessing.setStartMethod("warm");   // first thing: every Process, Pool and queue after it uses it
     *     ...
     * }
     * }</pre>
     *
     * @param method {@code "spawn"}, {@code "forkserver"} or {@code "warm"}
     * @throws IllegalStateException    ("context has already been set") when a start method was set, or
     *                                  fixed by using the default context, before
     * @throws IllegalArgumentException for an unknown method; the message lists the known ones
     */
    public static void setStartMethod(String method) {
        setStartMethod(method, false);
    }

    /**
     * Python's {@code set_start_method(method, force)}: with {@code force}, replaces a start method
     * already set; {@code (null, true)} unsets it. Objects made before keep working with processes
     * of either method. Starting a process from an explicit context
     * ({@code getContext("warm").process(…)}) never sets or fixes the default.
     *
     * @param method {@code "spawn"}, {@code "forkserver"}, {@code "warm"}, or null with {@code force} to unset
     * @param force  replace a start method already set
     * @throws IllegalStateException    ("context has already been set") when one was set and not {@code force}
     * @throws IllegalArgumentException for an unknown method
     */
    public static void setStartMethod(String method, boolean force) {
        LocalContext.setStartMethod(method, force);
    }

    /**
     * Python's {@code get_all_start_methods()}.
     *
     * @return the start methods of this platform, the default first: {@code ["spawn", "forkserver", "warm"]}
     */
    public static List<String> getAllStartMethods() {
        return LocalContext.METHODS;
    }

    /**
     * Python's {@code get_context(method)}.
     *
     * @param method a start method: {@code "spawn"}, {@code "forkserver"} or {@code "warm"} (Python's
     *               {@code get_context(None)} is {@link #getContext()})
     * @return its context
     * @throws IllegalArgumentException for an unknown method; the message lists the known ones
     */
    public static Context getContext(String method) {
        return LocalContext.of(method);
    }

    // ---- shared memory and synchronization: the default context's ----

    /**
     * Python's {@code Value(typecode, initial)}; see {@link Context#value(char, Number)}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the value, shared with every process it is passed to
     */
    public static Value value(char typecode, Number initial) {
        return LocalContext.current().value(typecode, initial);
    }

    /**
     * Python's {@code Value(typecode, initial, lock=…)}; see {@link Context#value(char, Number, boolean)}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param lock {@code false} for a raw value without a lock ({@link Value#getLock()} then throws)
     * @param initial the start value; it must fit the typecode
     * @return the value, shared with every process it is passed to
     */
    public static Value value(char typecode, Number initial, boolean lock) {
        return LocalContext.current().value(typecode, initial, lock);
    }

    /**
     * Python's {@code RawValue(typecode, initial)}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the value, shared with every process it is passed to
     */
    public static Value rawValue(char typecode, Number initial) {
        return LocalContext.current().rawValue(typecode, initial);
    }

    /**
     * Python's {@code Array(typecode, size)}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param size the number of elements, not negative
     * @return the array, shared with every process it is passed to
     */
    public static Array array(char typecode, int size) {
        return LocalContext.current().array(typecode, size);
    }

    /**
     * Python's {@code Array(typecode, [v0, v1, …])}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the array, shared with every process it is passed to
     */
    public static Array array(char typecode, Number... initial) {
        return LocalContext.current().array(typecode, initial);
    }

    /**
     * Python's {@code RawArray(typecode, size)}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param size the number of elements, not negative
     * @return the array, shared with every process it is passed to
     */
    public static Array rawArray(char typecode, int size) {
        return LocalContext.current().rawArray(typecode, size);
    }

    /**
     * Python's {@code RawArray(typecode, [v0, v1, …])}.
     *
     * @param typecode the typecode: one of {@code b h i l q f d c u ?} (see {@link Value})
     * @param initial the start value; it must fit the typecode
     * @return the array, shared with every process it is passed to
     */
    public static Array rawArray(char typecode, Number... initial) {
        return LocalContext.current().rawArray(typecode, initial);
    }

    /**
     * Python's {@code Lock()}.
     *
     * @return a new lock, unlocked, shared with every process it is passed to
     */
    public static Lock lock() {
        return LocalContext.current().lock();
    }

    /**
     * Python's {@code RLock()}.
     *
     * @return a new reentrant lock, unlocked, shared with every process it is passed to
     */
    public static RLock rLock() {
        return LocalContext.current().rLock();
    }

    /**
     * Python's {@code Semaphore()}: one permit.
     *
     * @return the semaphore, shared with every process it is passed to
     */
    public static Semaphore semaphore() {
        return LocalContext.current().semaphore();
    }

    /**
     * Python's {@code Semaphore(value)}.
     *
     * @param value the number of permits, not negative
     * @return the semaphore, shared with every process it is passed to
     */
    public static Semaphore semaphore(int value) {
        return LocalContext.current().semaphore(value);
    }

    /**
     * Python's {@code BoundedSemaphore()}: one permit.
     *
     * @return the semaphore, shared with every process it is passed to
     */
    public static Semaphore boundedSemaphore() {
        return LocalContext.current().boundedSemaphore();
    }

    /**
     * Python's {@code BoundedSemaphore(value)}.
     *
     * @param value the number of permits, not negative
     * @return the semaphore, shared with every process it is passed to
     */
    public static Semaphore boundedSemaphore(int value) {
        return LocalContext.current().boundedSemaphore(value);
    }

    /**
     * Python's {@code Event()}.
     *
     * @return a new event, unset, shared with every process it is passed to
     */
    public static Event event() {
        return LocalContext.current().event();
    }

    /**
     * Python's {@code Condition()}: over a new {@link RLock}.
     *
     * @return the condition, shared with every process it is passed to
     */
    public static Condition condition() {
        return LocalContext.current().condition();
    }

    /**
     * Python's {@code Condition(lock)}.
     *
     * @param lock the condition's lock: a {@link Lock} or {@link RLock} made by this library
     * @return the condition, shared with every process it is passed to
     */
    public static Condition condition(Lock lock) {
        return LocalContext.current().condition(lock);
    }

    /**
     * Python's {@code Barrier(parties)}.
     *
     * @param parties how many parties must arrive to pass; at least 1
     * @return the barrier, shared with every process it is passed to
     */
    public static Barrier barrier(int parties) {
        return LocalContext.current().barrier(parties);
    }

    /**
     * Python's {@code Barrier(parties, action)}.
     *
     * @param parties how many parties must arrive to pass; at least 1
     * @param action run once per round by the last party to arrive, before any is released; may be null
     * @return the barrier, shared with every process it is passed to
     */
    public static Barrier barrier(int parties, SerializableRunnable action) {
        return LocalContext.current().barrier(parties, action);
    }

    /**
     * Python's {@code Barrier(parties, action, timeout)}.
     *
     * @param timeout how long to wait
     * @param parties how many parties must arrive to pass; at least 1
     * @param action run once per round by the last party to arrive, before any is released; may be null
     * @return the barrier, shared with every process it is passed to
     */
    public static Barrier barrier(int parties, SerializableRunnable action, Duration timeout) {
        return LocalContext.current().barrier(parties, action, timeout);
    }


    // ---- queues and pipes ------------------------------------------------------------------

    /**
     * Python's {@code Queue()}: an unbounded queue shared with the processes that capture it.
     *
     * @param <T> the type of the items
     * @return the queue; {@code put} never blocks
     */
    public static <T> Queue<T> queue() {
        return LocalContext.current().queue();
    }

    /**
     * Python's {@code Queue(maxsize)}.
     *
     * @param <T>     the type of the items
     * @param maxsize the most items it holds; 0 for unbounded
     * @return the queue
     * @throws IllegalArgumentException when {@code maxsize} is negative or above 4,000,000
     */
    public static <T> Queue<T> queue(int maxsize) {
        return LocalContext.current().queue(maxsize);
    }

    /**
     * Python's {@code JoinableQueue()}: unbounded, with {@code taskDone} and {@code join}.
     *
     * @param <T> the type of the items
     * @return the queue
     */
    public static <T> JoinableQueue<T> joinableQueue() {
        return LocalContext.current().joinableQueue();
    }

    /**
     * Python's {@code JoinableQueue(maxsize)}.
     *
     * @param <T>     the type of the items
     * @param maxsize the most items it holds; 0 for unbounded
     * @return the queue
     */
    public static <T> JoinableQueue<T> joinableQueue(int maxsize) {
        return LocalContext.current().joinableQueue(maxsize);
    }

    /**
     * Python's {@code SimpleQueue()}.
     *
     * @param <T> the type of the items
     * @return the queue
     */
    public static <T> SimpleQueue<T> simpleQueue() {
        return LocalContext.current().simpleQueue();
    }

    /**
     * Python's {@code Pipe()}: a duplex pipe, each end sends and receives.
     *
     * @return the two ends
     */
    public static Pipe pipe() {
        return LocalContext.current().pipe();
    }

    /**
     * Python's {@code Pipe(duplex)}.
     *
     * @param duplex false for a one-way pipe: {@code left} receives, {@code right} sends
     * @return the two ends
     */
    public static Pipe pipe(boolean duplex) {
        return LocalContext.current().pipe(duplex);
    }

    /**
     * Python's {@code Manager()}: starts a manager of the default context (see {@link Manager}).
     *
     * @return the manager, started and ready
     * @throws ProcessException when its process does not start
     */
    public static Manager manager() {
        return LocalContext.current().manager();
    }
}
