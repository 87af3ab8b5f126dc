package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.RingConnection;
import io.github.multiprocessing4j.internal.ipc.SharedQueue;
import io.github.multiprocessing4j.internal.ipc.SharedSimpleQueue;
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
     * @throws IllegalArgumentException when {@code maxsize} is negative or too large
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
