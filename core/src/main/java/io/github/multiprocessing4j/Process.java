package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.Children;
import io.github.multiprocessing4j.internal.runtime.Self;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A task run in its own operating-system process: a fresh child JVM. Python's
 * {@code multiprocessing.Process}, with Java's names.
 *
 * <pre>{@code
 * Process p = new Process(() -> System.out.println(10 * 10));
 * p.start();                       // a child JVM runs the target
 * p.join();                        // "100" has been printed when join() returns
 * System.out.println(p.exitCode()); // 0
 * }</pre>
 *
 * <p>Or subclass it and override {@link #run()}; the subclass and its fields travel to the child:
 * <pre>{@code
 * class Squarer extends Process {
 *     final int n;
 *     Squarer(int n) { this.n = n; }
 *     @Override public void run() { System.out.println(n * n); }
 * }
 * }</pre>
 *
 * <h2>What crosses to the child</h2>
 * The {@code Process} object itself is serialized at {@link #start()}, target included, and
 * deserialized in the child, which has this JVM's class path. A lambda capturing values of the
 * JDK's value types, collections of them, records and shared objects travels in a compact form
 * that a fresh JVM reads quickly; anything else goes through JDK serialization. A captured value that is not
 * serializable fails {@code start()} with an {@link IllegalArgumentException} naming its type. What
 * the child prints to {@code System.out}/{@code System.err} appears on this JVM's
 * {@code System.out}/{@code System.err} (whatever they are at the time), and all of it has
 * arrived when {@link #join()} returns.
 *
 * <h2>Exit codes, as Python's</h2>
 * {@code null} until the process has ended; 0 when the target returned; {@code n} after
 * {@code System.exit(n)}; 1 after an uncaught exception (whose stack trace, headed
 * {@code Process <name>:}, goes to stderr); {@code -N} when killed by signal N:
 * {@link #terminate()} gives -15, {@link #kill()} -9. (A child that calls
 * {@code Runtime.halt(n)} with n above 128 is read as killed by signal n - 128.)
 *
 * <h2>Life and death</h2>
 * A child whose parent dies, even by SIGKILL, exits within a second or two. When {@code main}
 * returns, this JVM waits for its non-daemon children (it does not exit while one runs) and
 * terminates the daemon ones, as Python does. When it is made to exit ({@code System.exit},
 * SIGTERM, SIGINT), it terminates every child (SIGKILL after about 1.5 s) and removes its run.
 *
 * <h2>State</h2>
 * <pre>
 *   new ──start()──▶ started ──(child exits, output drained)──▶ ended ──close()──▶ closed
 *    └──────────────────────────────close()─────────────────────────────────────────▲
 * </pre>
 * {@code close()} refuses a started process that has not ended; a closed process refuses
 * everything but {@link #getName()} and {@code close()}. The objects that
 * {@link Multiprocessing#currentProcess()} and {@link Multiprocessing#parentProcess()} return
 * stand for this JVM and its parent: they have no such life, and cannot be started, signalled or
 * (this JVM's) joined.
 */
public class Process implements AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What the child runs; null for a subclass, which overrides {@code run()}. */
    private final SerializableRunnable target;
    /** The name. */
    private volatile String name;
    /** Whether it is a daemon process. */
    private volatile boolean daemon;
    /** Its place in the process tree: {@code [1, 2]} for {@code Process-1:2}. */
    private final int[] identity;
    /** Options for its JVM. */
    private volatile List<String> jvmOptions = List.of();

    /**
     * What this object stands for (see {@link ProcessRole}): a child of this JVM (made here, or a
     * deserialized copy), or a view of this JVM's parent. Set once, by a constructor or
     * {@code readObject}. While this object is the process this JVM runs, {@link #role()} answers
     * with the {@link SelfRole} instead.
     */
    private transient ProcessRole role;
    /** The context whose backend starts this process; null for the default. Set before start. */
    private transient volatile Context context;

    /**
     * A process that will run {@code target}.
     *
     * @param target what the child runs
     */
    public Process(SerializableRunnable target) {
        this(null, target);
    }

    /**
     * A named process that will run {@code target}.
     *
     * @param name   the name, or {@code null} for the default {@code Process-N}
     * @param target what the child runs
     */
    @SuppressWarnings("this-escape") // the role keeps this process as its owner, read only after construction
    public Process(String name, SerializableRunnable target) {
        this.target = Objects.requireNonNull(target, "target");
        this.identity = Self.nextChildIdentity();
        this.name = name != null ? name : defaultName();
        this.daemon = Self.isDaemon();
        this.role = new ChildRole(this);
    }

    /**
     * A named process of {@code context}: started by that context's backend (for example a
     * cluster's), not the default one. {@code context.process(name, target)} does the same.
     *
     * @param context the context that starts it
     * @param name    the name, or {@code null} for the default {@code Process-N}
     * @param target  what the child runs
     */
    public Process(Context context, String name, SerializableRunnable target) {
        this(name, target);
        this.context = Objects.requireNonNull(context, "context");
    }

    /** For subclasses, which override {@link #run()}. */
    @SuppressWarnings("this-escape") // the role keeps this process as its owner, read only after construction
    protected Process() {
        this.target = null;
        this.identity = Self.nextChildIdentity();
        this.name = defaultName();
        this.daemon = Self.isDaemon();
        this.role = new ChildRole(this);
    }

    /** A plain process as it arrives from another JVM: a new child, with the identity it had. */
    private Process(SerializableRunnable target, String name, boolean daemon, int[] identity, List<String> jvmOptions) {
        this.target = target;
        this.name = name;
        this.daemon = daemon;
        this.identity = identity.clone();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.role = new ChildRole(this);
    }

    /** The Process object standing for this JVM ("MainProcess" in a root JVM). */
    private Process(SelfRole self) {
        this.target = null;
        this.identity = new int[0];
        this.name = self.name();
        this.role = self;
    }

    /** The Process object standing for this JVM's parent. */
    private Process(ParentRole parent) {
        this.target = null;
        this.identity = new int[0];
        this.name = parent.name();
        this.role = parent;
    }

    private String defaultName() {
        String kind = getClass().getSimpleName();
        if (kind.isEmpty()) {
            kind = "Process";
        }
        return kind + "-" + IntStream.of(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
    }

    /**
     * What the child runs: the target given to the constructor. Subclasses override it.
     *
     * @throws Exception whatever the target throws
     */
    public void run() throws Exception {
        if (target != null) {
            target.run();
        }
    }

    /**
     * Starts the child JVM and hands it this process. Returns once the child is launched; the
     * target starts running as soon as the child JVM is up.
     *
     * @throws IllegalStateException    when called twice, on a closed process, or on the process
     *                                  standing for this JVM or its parent
     * @throws IllegalArgumentException when this process (its target, or a subclass's fields)
     *                                  cannot be serialized; the message names the type
     */
    public void start() {
        role().start(this);
    }

    /**
     * Waits until the process has ended and its output has arrived.
     *
     * @throws IllegalStateException when the process was not started (or is closed)
     * @throws ProcessException      when interrupted (the interrupt flag is restored)
     */
    public void join() {
        CompletableFuture<Integer> exit = role().end("join");
        try {
            exit.get();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("joining " + name, e);
        } catch (ExecutionException e) {
            throw new ProcessException("joining " + name + " failed", e.getCause());
        }
    }

    /**
     * Waits at most {@code timeout} for the process to end.
     *
     * @param timeout how long to wait; zero or negative: do not wait
     * @return true when the process has ended
     * @throws IllegalStateException when the process was not started (or is closed)
     * @throws ProcessException      when interrupted (the interrupt flag is restored)
     */
    public boolean join(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Integer> exit = role().end("join");
        if (timeout.isNegative() || timeout.isZero()) {
            return exit.isDone();
        }
        try {
            exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("joining " + name, e);
        } catch (ExecutionException e) {
            throw new ProcessException("joining " + name + " failed", e.getCause());
        }
    }

    /**
     * Python's {@code is_alive()}.
     *
     * @return true from {@link #start()} until the process has ended; always true for the process
     *         standing for this JVM
     * @throws IllegalStateException when closed
     */
    public boolean isAlive() {
        return role().isAlive();
    }

    /**
     * Python's {@code exitcode}.
     *
     * @return {@code null} until the process has ended, then its exit code (see the class comment)
     * @throws IllegalStateException when closed
     */
    public Integer exitCode() {
        return role().exitCode();
    }

    /**
     * Python's {@code pid}.
     *
     * @return the operating-system process id; {@code null} before {@link #start()}
     * @throws IllegalStateException when closed
     */
    public Long pid() {
        return role().pid();
    }

    /** {@return the name: {@code Process-1}, {@code Process-1:2} in a child, or the one given} */
    public String getName() {
        return name;
    }

    /**
     * Renames the process.
     *
     * @param name the new name
     * @throws NullPointerException when {@code name} is null
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@return whether this is a daemon process: terminated, not waited for, when its parent exits} */
    public boolean isDaemon() {
        return role() instanceof SelfRole ? Self.isDaemon() : daemon;
    }

    /**
     * Sets the daemon flag; by default a process inherits its creator's.
     *
     * @param daemon the flag
     * @throws IllegalStateException after {@link #start()}
     */
    public void setDaemon(boolean daemon) {
        role().requireNew("setDaemon", "the daemon flag can only be set before start(): " + name + " has started");
        this.daemon = daemon;
    }

    /**
     * Options for this process's JVM, such as {@code -Xmx256m} or {@code -Dkey=value}; set
     * before {@link #start()}. An extra of multiprocessing4j: per-process heaps and flags.
     *
     * @param options the options, added after the library's defaults
     * @return this process
     * @throws IllegalStateException after {@link #start()}
     */
    public Process setJvmOptions(List<String> options) {
        List<String> copy = List.copyOf(options);
        role().requireNew("setJvmOptions", "JVM options can only be set before start(): " + name + " has started");
        this.jvmOptions = copy;
        return this;
    }

    /** {@return the options given to {@link #setJvmOptions}} */
    public List<String> getJvmOptions() {
        return jvmOptions;
    }

    /**
     * Sends SIGTERM: the child stops at once, without running {@code finally} blocks or shutdown
     * hooks, and its exit code becomes -15. Nothing happens if it has already ended.
     *
     * @throws IllegalStateException before {@link #start()} or when closed
     */
    public void terminate() {
        role().signal("terminate", false);
    }

    /**
     * Interrupts the thread that runs the target in the child (Python 3.14's
     * {@code Process.interrupt()}, which raises {@code KeyboardInterrupt} there): a target blocked
     * in {@code sleep}, {@code join}, a queue's {@code get} or any interruptible call gets
     * {@link InterruptedException}, so its {@code finally} blocks run; one that does not handle it
     * ends with exit code 1, its stack trace printed as for any uncaught exception. A target that
     * never checks its interrupt flag runs on: {@link #terminate()} and {@link #kill()} end any
     * process. Nothing happens if the process has already ended.
     *
     * <pre>{@code
     * Process p = new Process(() -> {
     *     try {
     *         Thread.sleep(60_000);
     *     } finally {
     *         System.out.println("cleaned up");   // runs: printed before join() returns
     *     }
     * });
     * p.start();
     * p.interrupt();
     * p.join();                                    // p.exitCode() == 1
     * }</pre>
     *
     * @throws IllegalStateException before {@link #start()} or when closed
     */
    public void interrupt() {
        role().interrupt();
    }

    /**
     * Sends SIGKILL; the exit code becomes -9. Nothing happens if it has already ended.
     *
     * @throws IllegalStateException before {@link #start()} or when closed
     */
    public void kill() {
        role().signal("kill", true);
    }

    /**
     * As {@code java.lang.Process.onExit()}.
     *
     * @return a future completed with this process once it has ended and its output has arrived
     * @throws IllegalStateException before {@link #start()} or when closed
     */
    public CompletableFuture<Process> onExit() {
        return role().end("onExit").thenApply(code -> this);
    }

    /**
     * Releases this object. Allowed before {@link #start()} and after the process has ended;
     * then every method but {@link #getName()} and {@code close()} throws
     * {@link IllegalStateException}. Closing twice is harmless.
     *
     * @throws IllegalStateException while the process is running
     */
    @Override
    public void close() {
        role().close();
    }

    @Override
    public String toString() {
        String kind = getClass().getSimpleName().isEmpty() ? "Process" : getClass().getSimpleName();
        ProcessRole r = role();
        return "<" + kind + " name='" + name + "'" + r.describe(this)
                + (daemon && r instanceof ChildRole ? " daemon" : "") + ">";
    }

    // ---- internals -------------------------------------------------------------------------

    /** @return what this object stands for now: this JVM while it is the process it runs */
    private ProcessRole role() {
        return Self.currentProcess() == this ? new SelfRole(name) : role;
    }

    /** Binds this process to the context that created it. */
    Process context(Context context) {
        this.context = context;
        return this;
    }

    /** @return the context that starts this process */
    Context context() {
        Context c = context;
        return c != null ? c : LocalContext.current();
    }

    /** @return the identity: the creator's plus a counter, {@code [1, 2]} for {@code Process-1:2} */
    int[] identity() {
        return identity;
    }

    /**
     * A plain {@code Process} travels as its {@link Image} (the compact codec writes a record in
     * a few bytes, lambdas included); a subclass travels whole, by JDK serialization.
     *
     * @return what travels in this object's place
     */
    @Serial
    private Object writeReplace() {
        return getClass() == Process.class ? new Image(target, name, daemon, identity, jvmOptions) : this;
    }

    /**
     * A copy is a new child process wherever it lands.
     *
     * @param in the stream
     * @throws IOException            when the stream cannot be read
     * @throws ClassNotFoundException when a class of the target is missing here
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        role = new ChildRole(this);
    }

    /**
     * A plain process as it travels to another JVM.
     *
     * @param target     what it runs
     * @param name       its name
     * @param daemon     its daemon flag
     * @param identity   its identity
     * @param jvmOptions its JVM options
     */
    record Image(SerializableRunnable target, String name, boolean daemon, int[] identity, List<String> jvmOptions)
            implements Serializable {

        @Serial
        private Object readResolve() {
            return new Process(target, name, daemon, identity, jvmOptions);
        }
    }

    /** @return the Process object standing for this JVM ("MainProcess" in a root JVM) */
    static Process current() {
        Object self = Self.currentProcess();
        if (self == null) {
            self = Self.currentProcess(new Process(new SelfRole(Self.name())));
        }
        return (Process) self;
    }

    /** @return the Process object standing for this JVM's parent, when this JVM is a child */
    static Optional<Process> parentProcess() {
        if (!Self.isChild()) {
            return Optional.empty();
        }
        return Optional.of(new Process(new ParentRole(Self.parentName(), Self.parentPid())));
    }

    /** @return the started children of this JVM that are still running, oldest first */
    static List<Process> activeChildren() {
        return Children.get().live().stream()
                .map(ChildJvm::owner)
                .filter(Process.class::isInstance)
                .map(Process.class::cast)
                .toList();
    }
}
