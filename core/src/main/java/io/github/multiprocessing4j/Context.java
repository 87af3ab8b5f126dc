package io.github.multiprocessing4j;

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
 * <p>Start methods: {@code "spawn"} (the default) launches a fresh JVM for every process.
 * There is no {@code "fork"}: a JVM is never forked.
 */
public final class Context {

    static final String SPAWN = "spawn";
    static final List<String> METHODS = List.of(SPAWN);
    static final Context DEFAULT = new Context(SPAWN);

    private final String method;

    private Context(String method) {
        this.method = method;
    }

    static Context of(String method) {
        Objects.requireNonNull(method, "method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown start method '" + method + "': the known ones are " + METHODS);
        }
        return DEFAULT;
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
        return new Process(target);
    }

    /**
     * @param name   the process's name
     * @param target what the child runs
     * @return a new, unstarted process of this context
     */
    public Process process(String name, SerializableRunnable target) {
        return new Process(name, target);
    }

    /** @return a {@link Pool} of {@link Multiprocessing#cpuCount()} workers of this context */
    public Pool pool() {
        return new Pool();
    }

    /**
     * @param processes the number of worker JVMs
     * @return a {@link Pool} of this context
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    public Pool pool(int processes) {
        return new Pool(processes);
    }

    /**
     * @param options the pool's settings
     * @return a {@link Pool} of this context
     */
    public Pool pool(PoolOptions options) {
        return new Pool(options);
    }

    @Override
    public String toString() {
        return "Context[" + method + "]";
    }
}
