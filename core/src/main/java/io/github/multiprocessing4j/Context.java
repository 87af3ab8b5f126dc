package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.WarmPool;

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
 *   <li>{@code "warm"} keeps a few JVMs started, connected and idle ahead of need, so that
 *       {@code start()} only hands over the target; a replacement starts in the background, and
 *       idle JVMs exit after a while (system properties {@code mp4j.warm.spares}, default 2, and
 *       {@code mp4j.warm.idleSeconds}, default 60). Each process still gets a JVM of its own: a
 *       warm JVM runs one process and exits, exactly as a spawned one.</li>
 * </ul>
 * There is no {@code "fork"}: a JVM is never forked.
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
                WarmPool.get().requestRefill();
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
