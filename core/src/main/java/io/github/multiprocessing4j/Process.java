package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.Children;
import io.github.multiprocessing4j.internal.runtime.ChildSpec;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.ProcessBridge;

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
 * A child whose parent dies, even by SIGKILL, exits within a second or two. When this JVM exits,
 * daemon children are terminated; non-daemon children are waited for, as in Python (and while
 * one runs, the JVM does not exit after {@code main} returns).
 *
 * <h2>State</h2>
 * <pre>
 *   new ──start()──▶ started ──(child exits, output drained)──▶ ended ──close()──▶ closed
 *    └──────────────────────────────close()─────────────────────────────────────────▲
 * </pre>
 * {@code close()} refuses a started process that has not ended; a closed process refuses
 * everything but {@link #getName()} and {@code close()}.
 */
public class Process implements AutoCloseable, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SerializableRunnable target;
    private volatile String name;
    private volatile boolean daemon;
    private final int[] identity;
    private List<String> jvmOptions = List.of();

    /** Non-null for the Process objects standing for this JVM's parent. */
    private transient ParentView parent;
    /** This object's life in the JVM that created it; guarded by {@code this}. */
    private transient State state;
    private transient ChildJvm child;
    /** Completed with the exit code when the process has ended (its JVM may live on: the "warm" context). */
    private transient CompletableFuture<Integer> end;
    /** The context that starts this process; null for the default. */
    private transient Context context;

    private enum State { NEW, STARTED, CLOSED }

    static {
        ProcessBridge.register(new ProcessBridge() {
            @Override
            public Fields fields(Object process) {
                return process.getClass() == Process.class && process instanceof Process p
                        ? new Fields(p.name, p.daemon, p.identity, p.jvmOptions, p.target) : null;
            }

            @Override
            public Object create(Fields f) {
                return new Process((SerializableRunnable) f.target(), f.name(), f.daemon(), f.identity(), f.jvmOptions());
            }
        });
    }

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
    public Process(String name, SerializableRunnable target) {
        this.target = Objects.requireNonNull(target, "target");
        this.identity = Self.nextChildIdentity();
        this.name = name != null ? name : defaultName();
        this.daemon = Self.isDaemon();
        this.state = State.NEW;
    }

    /** For subclasses, which override {@link #run()}. */
    protected Process() {
        this.target = null;
        this.identity = Self.nextChildIdentity();
        this.name = defaultName();
        this.daemon = Self.isDaemon();
        this.state = State.NEW;
    }

    /** A plain process as the compact codec brings it to a child: no new identity is taken. */
    private Process(SerializableRunnable target, String name, boolean daemon, int[] identity, List<String> jvmOptions) {
        this.target = target;
        this.name = name;
        this.daemon = daemon;
        this.identity = identity.clone();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.state = State.NEW;
    }

    /** The Process objects standing for this JVM (MainProcess) or its parent. */
    private Process(String name, ParentView parent) {
        this.target = null;
        this.identity = new int[0];
        this.name = name;
        this.parent = parent;
        this.state = State.STARTED;
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
        synchronized (this) {
            requireOwn("start");
            switch (state()) {
                case CLOSED -> throw closed();
                case STARTED -> throw new IllegalStateException("cannot start a process twice: " + name + " was already started");
                case NEW -> { }
            }
            byte[] payload = CompactSerializer.INSTANCE.serialize(this, "the target of " + name);
            RunDirectory run = RunDirectory.get();
            ChildSpec spec = new ChildSpec(payload, name, identity, daemon, Self.name(),
                    ProcessHandle.current().pid(), run.runId(), run.dir().toString());
            ChildJvm launched = (context != null ? context : Context.DEFAULT).launch(name, daemon, jvmOptions);
            end = launched.runProcess(this, daemon, spec.encode());
            child = launched;
            state = State.STARTED;
        }
    }

    /**
     * Waits until the process has ended and its output has arrived.
     *
     * @throws IllegalStateException when the process was not started (or is closed)
     * @throws ProcessException      when interrupted (the interrupt flag is restored)
     */
    public void join() {
        CompletableFuture<Integer> exit = exitFuture("join");
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
        CompletableFuture<Integer> exit = exitFuture("join");
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
     * @return true from {@link #start()} until the process has ended; always true for the process
     *         standing for this JVM
     * @throws IllegalStateException when closed
     */
    public boolean isAlive() {
        if (isSelf()) {
            return true;
        }
        if (parent != null) {
            return parent.handle.map(ProcessHandle::isAlive).orElse(false);
        }
        synchronized (this) {
            return switch (state()) {
                case NEW -> false;
                case CLOSED -> throw closed();
                case STARTED -> !end.isDone();
            };
        }
    }

    /**
     * @return {@code null} until the process has ended, then its exit code (see the class comment)
     * @throws IllegalStateException when closed
     */
    public Integer exitCode() {
        CompletableFuture<Integer> e;
        synchronized (this) {
            if (state() == State.CLOSED) {
                throw closed();
            }
            e = end;
        }
        return e == null ? null : e.getNow(null);
    }

    /**
     * @return the operating-system process id; {@code null} before {@link #start()}
     * @throws IllegalStateException when closed
     */
    public Long pid() {
        if (isSelf()) {
            return ProcessHandle.current().pid();
        }
        if (parent != null) {
            return parent.pid;
        }
        synchronized (this) {
            if (state() == State.CLOSED) {
                throw closed();
            }
            return child == null ? null : child.pid();
        }
    }

    /** @return the name: {@code Process-1}, {@code Process-1:2} in a child, or the one given */
    public String getName() {
        return name;
    }

    /**
     * @param name the new name
     * @throws NullPointerException when {@code name} is null
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return whether this is a daemon process: terminated, not waited for, when its parent exits */
    public boolean isDaemon() {
        return isSelf() ? Self.isDaemon() : daemon;
    }

    /**
     * Sets the daemon flag; by default a process inherits its creator's.
     *
     * @param daemon the flag
     * @throws IllegalStateException after {@link #start()}
     */
    public void setDaemon(boolean daemon) {
        synchronized (this) {
            requireOwn("setDaemon");
            if (state() != State.NEW) {
                throw new IllegalStateException("the daemon flag can only be set before start(): " + name + " has started");
            }
            this.daemon = daemon;
        }
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
        synchronized (this) {
            requireOwn("setJvmOptions");
            if (state() != State.NEW) {
                throw new IllegalStateException("JVM options can only be set before start(): " + name + " has started");
            }
            this.jvmOptions = copy;
        }
        return this;
    }

    /** @return the options given to {@link #setJvmOptions} */
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
        startedChild("terminate").signalProcess(end, false);
    }

    /**
     * Sends SIGKILL; the exit code becomes -9. Nothing happens if it has already ended.
     *
     * @throws IllegalStateException before {@link #start()} or when closed
     */
    public void kill() {
        startedChild("kill").signalProcess(end, true);
    }

    /**
     * @return a future completed with this process once it has ended and its output has arrived
     * @throws IllegalStateException before {@link #start()} or when closed
     */
    public CompletableFuture<Process> onExit() {
        return exitFuture("onExit").thenApply(code -> this);
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
        synchronized (this) {
            if (state() == State.STARTED && end != null && !end.isDone()) {
                throw new IllegalStateException("cannot close " + name + " while it is still running: call join() or terminate() first");
            }
            state = State.CLOSED;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName().isEmpty() ? "Process" : getClass().getSimpleName())
                .append(" name='").append(name).append('\'');
        if (isSelf() || parent != null) {
            s.append(" pid=").append(pid()).append(isSelf() ? " (this process)" : " (parent)");
            return s.append('>').toString();
        }
        synchronized (this) {
            switch (state()) {
                case NEW -> s.append(" initial");
                case CLOSED -> s.append(" closed");
                case STARTED -> {
                    s.append(" pid=").append(child.pid()).append(" parent=").append(ProcessHandle.current().pid());
                    Integer code = end.getNow(null);
                    s.append(code == null ? " started" : " stopped exitcode=" + code);
                }
            }
        }
        if (daemon) {
            s.append(" daemon");
        }
        return s.append('>').toString();
    }

    // ---- internals -------------------------------------------------------------------------

    /** Binds this process to the context that created it. */
    Process context(Context context) {
        this.context = context;
        return this;
    }

    /** A deserialized copy has no state of its own yet: it is new wherever it lands. */
    private State state() {
        if (state == null) {
            state = State.NEW;
        }
        return state;
    }

    private boolean isSelf() {
        return Self.currentProcess() == this;
    }

    private void requireOwn(String what) {
        if (isSelf() || parent != null) {
            throw new IllegalStateException("cannot " + what + " " + name + ": it is " + (isSelf() ? "the current process" : "the parent process"));
        }
    }

    private ChildJvm startedChild(String what) {
        synchronized (this) {
            requireOwn(what);
            return switch (state()) {
                case NEW -> throw new IllegalStateException("cannot " + what + " " + name + ": it was not started");
                case CLOSED -> throw closed();
                case STARTED -> child;
            };
        }
    }

    private CompletableFuture<Integer> exitFuture(String what) {
        if (parent != null) {
            return parent.handle.map(h -> h.onExit().thenApply(x -> 0)).orElse(CompletableFuture.completedFuture(0));
        }
        if (isSelf()) {
            throw new IllegalStateException("cannot " + what + " the current process");
        }
        startedChild(what);
        return end;
    }

    private IllegalStateException closed() {
        return new IllegalStateException("process object " + name + " is closed");
    }

    /** @return the Process object standing for this JVM ("MainProcess" in a root JVM) */
    static Process current() {
        Object self = Self.currentProcess();
        if (self == null) {
            self = Self.currentProcess(new Process(Self.name(), (ParentView) null));
        }
        return (Process) self;
    }

    /** @return the Process object standing for this JVM's parent, when this JVM is a child */
    static Optional<Process> parentProcess() {
        if (!Self.isChild()) {
            return Optional.empty();
        }
        return Optional.of(new Process(Self.parentName(), new ParentView(Self.parentPid())));
    }

    /** @return the started children of this JVM that are still running, oldest first */
    static List<Process> activeChildren() {
        return Children.get().live().stream()
                .map(ChildJvm::owner)
                .filter(Process.class::isInstance)
                .map(Process.class::cast)
                .toList();
    }

    private record ParentView(long pid, Optional<ProcessHandle> handle) {
        ParentView(long pid) {
            this(pid, ProcessHandle.of(pid));
        }
    }
}
