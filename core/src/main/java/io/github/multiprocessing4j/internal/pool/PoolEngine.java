package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.PoolForget;
import io.github.multiprocessing4j.internal.protocol.PoolResults;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.Lifecycle;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.ValueCodec;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery behind {@code Pool} and {@code ProcessPoolExecutor}: worker JVMs, the queue of
 * work, and the dispatcher that feeds workers on demand.
 *
 * <h2>Dispatch</h2>
 * Work waits in the {@link Dispatcher}'s queue; a READY worker holds at most a couple of chunks.
 * Whenever a result comes back, the thread that read it (the worker's control-channel reader)
 * hands out the next chunks, then delivers the results: no thread hand-off per task. Submitting
 * threads dispatch directly too when a worker has room. Frames are queued per worker under the
 * lock and sent outside it ({@link WorkerSlot#flush()}).
 *
 * <h2>State</h2> (guarded by {@code lock})
 * <pre>
 *  RUNNING ──close()──▶ CLOSING ──(queue empty, nothing held: workers told to stop)──▶ CLOSED
 *     │                    │
 *     ├──terminate()───────┴──▶ TERMINATED  (workers killed; every unfinished result cancelled)
 *     └──(workers die at start-up {@value #STARTUP_FAILURES} times in a row)──▶ BROKEN
 * </pre>
 * Only RUNNING accepts work. {@link #stopped()} completes once every worker has exited after
 * CLOSED, TERMINATED or BROKEN.
 *
 * <h2>Failures</h2>
 * A worker that exits unasked (signal, {@code System.exit}, out of heap) fails the chunks it held
 * with {@code WorkerDiedException} and is replaced. A chunk past its deadline (task timeout ×
 * tasks) gets its worker killed and fails with {@code ResultTimeoutException}. Every callback of
 * this class catches what it could throw: an internal thread never dies of it.
 */
public final class PoolEngine {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    static final int STARTUP_FAILURES = 3;
    private static final AtomicInteger FUNCTION_IDS = new AtomicInteger();

    private enum State { RUNNING, CLOSING, CLOSED, TERMINATED, BROKEN }

    private final Object lock = new Object();
    private final PoolConfig config;
    private final List<String> workerOptions;
    private final Dispatcher dispatcher;
    private final List<WorkerSlot> slots = new ArrayList<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Callbacks callbacks = new Callbacks();
    private State state = State.RUNNING;
    private volatile Throwable brokenCause; // written under lock, read by deliveries outside it
    private int startupFailures;

    /**
     * Starts {@code config.processes()} worker JVMs.
     *
     * @throws java.io.UncheckedIOException when a worker JVM cannot be launched (those launched are killed)
     */
    public PoolEngine(PoolConfig config) {
        this.config = config;
        List<String> options = new ArrayList<>();
        if (!config.warm() || !config.jvmOptions().isEmpty()) {
            options.add("-XX:+ExitOnOutOfMemoryError"); // an idle warm JVM has no flag: PoolWorker does the same
        }
        options.addAll(config.jvmOptions());
        this.workerOptions = List.copyOf(options);
        this.dispatcher = new Dispatcher(config.maxTasksPerChild(),
                config.taskTimeout() == null ? 0 : config.taskTimeout().toNanos(), this::overdue);
        synchronized (lock) {
            try {
                for (int i = 0; i < config.processes(); i++) {
                    launch();
                }
            } catch (RuntimeException e) {
                state = State.TERMINATED;
                slots.forEach(slot -> slot.child.kill());
                throw e;
            }
        }
    }

    // ---- submitting ----------------------------------------------------------------------------

    public int processes() {
        return config.processes();
    }

    long nextChunkId() {
        synchronized (lock) {
            return dispatcher.nextChunkId();
        }
    }

    /** Serializes a map call's function, at the call site. */
    FunctionRef function(Object function, String what) {
        return new FunctionRef(FUNCTION_IDS.incrementAndGet(), CompactSerializer.INSTANCE.serialize(function, what));
    }

    /** Queues an apply task. */
    public CompletableFuture<Object> apply(byte[] task) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        enqueue(new ApplyTask(task, future));
        return future;
    }

    /** Queues a chunk of a map call. */
    void submit(Chunk chunk) {
        enqueue(chunk);
    }

    private void enqueue(Object work) {
        List<WorkerSlot> touched = new ArrayList<>(2);
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw notRunning();
            }
            dispatcher.add(work);
            dispatcher.pump(slots, touched);
        }
        touched.forEach(WorkerSlot::flush);
    }

    private IllegalStateException notRunning() {
        return state == State.BROKEN
                ? new IllegalStateException("Pool not running: its workers died at start-up " + STARTUP_FAILURES
                + " times in a row", brokenCause)
                : new IllegalStateException("Pool not running");
    }

    /** @throws IllegalStateException unless running */
    public void requireRunning() {
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw notRunning();
            }
        }
    }

    /** Removes the queued chunks of a job that was abandoned at its call site. */
    void withdraw(Job job) {
        synchronized (lock) {
            dispatcher.withdraw(job);
        }
        closeIfIdle();
    }

    /** A map call is over: workers may drop its function. */
    void forget(FunctionRef function) {
        List<WorkerSlot> touched = new ArrayList<>();
        synchronized (lock) {
            for (WorkerSlot slot : slots) {
                if (slot.functions.remove(function.id())) {
                    slot.enqueue(PoolForget.TYPE, new PoolForget(function.id()).encode());
                    touched.add(slot);
                }
            }
        }
        touched.forEach(WorkerSlot::flush);
    }

    /** @return true when called from a callback of this pool (which must not wait for the pool to stop) */
    public boolean inCallback() {
        return callbacks.isCallbackThread();
    }

    /** Runs a user callback on the pool's callback thread; what it throws is logged. */
    public void callback(String what, Runnable body) {
        callbacks.run(what, body);
    }

    /** @return what makes the exceptions that results fail with */
    PoolErrors errors() {
        return config.errors();
    }

    void progress(long done, long total) {
        PoolErrors.Progress listener = config.progress();
        if (listener != null) {
            callback("progress listener", () -> listener.progress(done, total));
        }
    }

    /**
     * After close(): once nothing is queued or held (and so every result was delivered: this is
     * called after deliveries), tells the workers to stop.
     */
    private void closeIfIdle() {
        List<WorkerSlot> touched = new ArrayList<>();
        synchronized (lock) {
            if (state == State.CLOSING && dispatcher.isEmpty() && slots.stream().allMatch(s -> s.held.isEmpty())) {
                state = State.CLOSED;
                for (WorkerSlot slot : slots) {
                    stop(slot, touched);
                }
                checkStopped();
            }
        }
        touched.forEach(WorkerSlot::flush);
    }

    private void stop(WorkerSlot slot, List<WorkerSlot> touched) {
        if (slot.state == WorkerSlot.State.STOPPING || slot.state == WorkerSlot.State.DEAD) {
            return;
        }
        slot.state = WorkerSlot.State.STOPPING;
        slot.enqueue(Protocol.POOL_STOP, new byte[0]);
        touched.add(slot);
        ChildJvm child = slot.child;
        // An idle worker exits at once; one stuck in its initializer is killed.
        CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS).execute(() -> {
            if (child.isAlive()) {
                child.kill();
            }
        });
    }

    private void launch() {
        slots.add(WorkerSlot.launch(config.initializer(), config.warm(), workerOptions, this::onMessage, this::onExit));
    }

    // ---- events from workers ---------------------------------------------------------------------

    private void onMessage(WorkerSlot slot, Frame frame) {
        try {
            switch (frame.type()) {
                case Protocol.POOL_READY -> ready(slot);
                case Protocol.POOL_RESULTS -> results(slot, new ByteSource(frame.payload()));
                default -> LOG.log(Level.WARNING, "pool worker {0} sent unknown message {1}", slot, frame.type());
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "handling a message of pool worker " + slot + " failed", t);
        }
    }

    private void ready(WorkerSlot slot) {
        List<WorkerSlot> touched = new ArrayList<>(1);
        synchronized (lock) {
            if (slot.state == WorkerSlot.State.STARTING) {
                slot.state = WorkerSlot.State.READY;
                startupFailures = 0;
                dispatcher.pump(slots, touched);
            }
        }
        touched.forEach(WorkerSlot::flush);
    }

    private void results(WorkerSlot slot, ByteSource in) throws InterruptedException {
        PoolResults header = PoolResults.read(in);
        long chunkId = header.chunkId();
        long stdoutBytes = header.stdoutBytes();
        long stderrBytes = header.stderrBytes();
        Object values = null;
        Throwable unreadable = null;
        try {
            values = ValueCodec.decodeColumn(in);
        } catch (RuntimeException | LinkageError e) {
            unreadable = Failures.local(config.errors().taskFailed(
                    "the results of a chunk could not be read here: " + e.getMessage(), null, null, e));
        }
        Chunk chunk;
        List<Chunk> broken = List.of();
        List<WorkerSlot> touched = new ArrayList<>(2);
        synchronized (lock) {
            chunk = slot.held.remove(chunkId);
            if (chunk != null) {
                dispatcher.completed(chunk);
            }
            if (slot.state == WorkerSlot.State.RETIRING && slot.held.isEmpty()) {
                stop(slot, touched);
                if (state == State.RUNNING || state == State.CLOSING) {
                    broken = launchReplacement();
                }
            }
            dispatcher.pump(slots, touched);
        }
        touched.forEach(WorkerSlot::flush);
        for (Chunk lost : broken) {
            lost.job.failed(lost, brokenCause);
        }
        if (chunk == null) {
            return; // failed already (terminate)
        }
        slot.child.awaitOutput(stdoutBytes, stderrBytes, 1000);
        if (unreadable != null) {
            chunk.job.failed(chunk, unreadable);
        } else {
            chunk.job.completed(chunk, values, config.errors());
        }
        closeIfIdle();
    }

    /**
     * Under lock: launches a worker in place of one that is gone; a launch that fails counts as a
     * start-up failure.
     *
     * @return the chunks to fail (outside the lock) when the pool broke of it; usually none
     */
    private List<Chunk> launchReplacement() {
        try {
            launch();
            return List.of();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not launch a pool worker", e);
            startupFailures++;
            return startupFailures >= STARTUP_FAILURES ? breakPool(e) : launchReplacement();
        }
    }

    private void overdue(WorkerSlot slot, Chunk chunk) {
        synchronized (lock) {
            if (slot.held.get(chunk.id) != chunk || slot.overdue != null) {
                return;
            }
            slot.overdue = chunk;
        }
        slot.child.kill();
    }

    private void onExit(WorkerSlot slot, int code) {
        List<Chunk> lost;
        List<Chunk> cancelled = new ArrayList<>();
        List<WorkerSlot> touched = new ArrayList<>();
        Throwable died;
        Chunk overdue;
        try {
            synchronized (lock) {
                boolean asked = slot.state == WorkerSlot.State.STOPPING;
                boolean starting = slot.state == WorkerSlot.State.STARTING;
                slot.state = WorkerSlot.State.DEAD;
                slots.remove(slot);
                lost = new ArrayList<>(slot.held.values());
                slot.held.clear();
                overdue = slot.overdue;
                died = slot.died(code, lost, starting, config.errors());
                if (!asked && (state == State.RUNNING || state == State.CLOSING) && Lifecycle.get().isExiting()) {
                    state = State.TERMINATED; // this JVM is exiting and stopped its daemon children: no replacements
                    cancelled.addAll(drainAll(new ArrayList<>(), false));
                } else if (!asked && (state == State.RUNNING || state == State.CLOSING)) {
                    if (starting) {
                        startupFailures++;
                    }
                    if (startupFailures >= STARTUP_FAILURES) {
                        cancelled.addAll(breakPool(died));
                    } else {
                        cancelled.addAll(launchReplacement());
                    }
                }
                dispatcher.pump(slots, touched);
            }
            touched.forEach(WorkerSlot::flush);
            for (Chunk chunk : lost) {
                chunk.job.failed(chunk, chunk == overdue ? slot.timedOut(chunk, config.taskTimeout(), config.errors()) : died);
            }
            Throwable cancelledBy = brokenCause != null ? brokenCause : cancelled();
            for (Chunk chunk : cancelled) {
                chunk.job.failed(chunk, cancelledBy);
            }
            closeIfIdle();
            synchronized (lock) {
                checkStopped();
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "handling the exit of pool worker " + slot + " failed", t);
        }
    }

    /** Under lock: the pool cannot start workers; everything queued or held fails. */
    private List<Chunk> breakPool(Throwable cause) {
        state = State.BROKEN;
        brokenCause = cause;
        LOG.log(Level.ERROR, "the pool's workers die at start-up; the pool is broken: " + cause.getMessage());
        return drainAll(new ArrayList<>(), false);
    }

    /**
     * Under lock: takes every queued and held chunk and terminates the workers; queued apply
     * tasks fail here, and their futures are added to {@code neverStarted}.
     */
    private List<Chunk> drainAll(List<CompletableFuture<Object>> neverStarted, boolean kill) {
        List<Chunk> all = dispatcher.drain(state == State.BROKEN ? brokenCause : cancelled(), neverStarted);
        for (WorkerSlot slot : slots) {
            all.addAll(slot.held.values());
            slot.held.clear();
            slot.state = WorkerSlot.State.STOPPING;
            if (kill) {
                slot.child.kill();
            } else {
                slot.child.terminate();
            }
        }
        return all;
    }

    private static CancellationException cancelled() {
        return Failures.local(new CancellationException("the pool was terminated"));
    }

    /** Under lock: once every worker is gone, and then every callback has run, the pool has stopped. */
    private void checkStopped() {
        if (slots.isEmpty() && state != State.RUNNING && state != State.CLOSING) {
            callbacks.finish(() -> stopped.complete(null));
        }
    }

    // ---- ending --------------------------------------------------------------------------------

    /** No new work; the queued work finishes, then the workers stop. */
    public CompletableFuture<Void> close() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSING;
            }
        }
        closeIfIdle();
        return stopped;
    }

    /**
     * Stops the workers now (SIGTERM); every unfinished result fails with CancellationException.
     *
     * @return the futures of the apply tasks that never reached a worker
     */
    public List<CompletableFuture<Object>> terminate() {
        return terminate(false);
    }

    /**
     * Stops the workers now, with SIGKILL when {@code kill}, else SIGTERM; every unfinished result
     * fails with CancellationException.
     *
     * @return the futures of the apply tasks that never reached a worker
     */
    public List<CompletableFuture<Object>> terminate(boolean kill) {
        List<CompletableFuture<Object>> neverStarted = new ArrayList<>();
        List<Chunk> all;
        synchronized (lock) {
            if (state == State.TERMINATED || state == State.CLOSED || state == State.BROKEN) {
                all = List.of();
            } else {
                state = State.TERMINATED;
                all = drainAll(neverStarted, kill);
            }
            checkStopped();
        }
        CancellationException error = cancelled();
        for (Chunk chunk : all) {
            chunk.job.failed(chunk, error);
        }
        return neverStarted;
    }

    /** @return true unless close() or terminate() was called (or the pool broke) */
    public boolean isRunning() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /** Completes once every worker has exited after close, terminate or a break. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** @return the pids of the live workers */
    public List<Long> workerPids() {
        synchronized (lock) {
            return slots.stream().map(s -> s.child.pid()).toList();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "state=" + state + " pool_size=" + config.processes();
        }
    }
}
