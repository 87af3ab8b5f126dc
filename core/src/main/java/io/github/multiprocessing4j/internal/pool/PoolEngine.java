package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.PoolResults;
import io.github.multiprocessing4j.internal.protocol.PoolRecalled;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.Lifecycle;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.ValueCodec;

import java.lang.System.Logger.Level;
import java.time.Duration;
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
 * Work waits in the {@link Dispatcher}'s queue; a READY worker holds at most a couple of chunks,
 * and one it has not started is recalled for a worker that runs out of work. Whenever a result
 * comes back, the thread that read it (the worker's control-channel reader) hands out the next
 * chunks, then delivers the results: no thread hand-off per task. Submitting threads dispatch
 * directly too when a worker has room. Frames are queued per worker under the lock and sent
 * outside it ({@link WorkerSlot#flush()}). Workers come from a {@link WorkerLauncher}: child JVMs,
 * or fakes in the engine's tests.
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
 * A worker that exits unasked (signal, {@code System.exit}, out of heap) is replaced. Of the
 * chunks it held, those it had not started (its {@link WorkerStatus} says which one it was
 * running) go back to the front of the queue; the one it was running is run again on another
 * worker while it has died fewer than {@code retries} times, else it fails with
 * {@code WorkerDiedException} naming the task, its input and every attempt. A task that threw is
 * never retried: its exception is its result. A chunk past its deadline (task timeout × tasks)
 * gets its worker killed and fails with {@code ResultTimeoutException}. Every callback of this
 * class catches what it could throw: an internal thread never dies of it.
 */
public final class PoolEngine {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    static final int STARTUP_FAILURES = 3;
    /** How long a worker told to stop may take before it is killed (one stuck in its initializer). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** How long a result waits for the output its task printed to be copied first. */
    private static final long OUTPUT_WAIT_MILLIS = 1000;
    /** Lines of a dead worker's stderr quoted in its exception. */
    private static final int STDERR_LINES = 20;
    private static final AtomicInteger FUNCTION_IDS = new AtomicInteger();

    private enum State { RUNNING, CLOSING, CLOSED, TERMINATED, BROKEN }

    private final Object lock = new Object();
    private final PoolConfig config;
    private final WorkerLauncher launcher;
    private final Dispatcher dispatcher;
    private final List<WorkerSlot> slots = new ArrayList<>();
    /** Every worker launched that has not exited yet, by its handle; guarded by lock. */
    private final java.util.Map<Worker, WorkerSlot> everyWorker = new java.util.IdentityHashMap<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Callbacks callbacks = new Callbacks();
    private final Insights.Slowest slowest = new Insights.Slowest(); // guarded by lock
    private Insights.WorkerTime exited = new Insights.WorkerTime("total", 0, 0, 0, 0, 0, 0); // guarded by lock
    private long applyNumbers; // guarded by lock
    private State state = State.RUNNING;
    private volatile Throwable brokenCause; // written under lock, read by deliveries outside it
    private int startupFailures;

    /**
     * Starts {@code config.processes()} worker JVMs.
     *
     * @throws java.io.UncheckedIOException when a worker JVM cannot be launched (those launched are killed)
     */
    public PoolEngine(PoolConfig config) {
        this(config, JvmWorkers.of(config));
    }

    /** Starts {@code config.processes()} workers from {@code launcher}. */
    public PoolEngine(PoolConfig config, WorkerLauncher launcher) {
        this.config = config;
        this.launcher = launcher;
        this.dispatcher = new Dispatcher(config.maxTasksPerChild(),
                config.taskTimeout() == null ? 0 : config.taskTimeout().toNanos(), this::overdue);
        synchronized (lock) {
            try {
                for (int i = 0; i < config.processes(); i++) {
                    launch();
                }
            } catch (RuntimeException e) {
                state = State.TERMINATED;
                slots.forEach(slot -> slot.worker.kill());
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
        List<WorkerSlot> touched = new ArrayList<>(2);
        synchronized (lock) {
            enqueue(new ApplyTask(++applyNumbers, task, future), touched);
        }
        touched.forEach(WorkerSlot::flush);
        return future;
    }

    /** Queues a chunk of a map call. */
    void submit(Chunk chunk) {
        List<WorkerSlot> touched = new ArrayList<>(2);
        synchronized (lock) {
            enqueue(chunk, touched);
        }
        touched.forEach(WorkerSlot::flush);
    }

    private void enqueue(Work work, List<WorkerSlot> touched) {
        if (state != State.RUNNING) {
            throw notRunning();
        }
        dispatcher.add(work);
        dispatcher.pump(slots, touched);
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

    /**
     * A map call is over: workers may drop its function. Told with the worker's next chunk
     * ({@link WorkerSlot#forget}), not now: a message now would wake every worker's reader, on
     * cores busy with tasks, for nothing urgent (measured: the end of a map call cost the parent
     * 80 µs of its result handling on 2 busy cores).
     */
    void forget(FunctionRef function) {
        synchronized (lock) {
            for (WorkerSlot slot : slots) {
                slot.forget(function.id());
            }
        }
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
            if (state == State.CLOSING && dispatcher.isEmpty() && slots.stream().allMatch(WorkerSlot::holdsNothing)) {
                state = State.CLOSED;
                for (WorkerSlot slot : slots) {
                    stop(slot, touched);
                }
                checkStopped();
            }
        }
        touched.forEach(WorkerSlot::flush);
    }

    /** Under lock: tells a worker to exit, and kills it if it has not after {@link #STOP_GRACE}. */
    private void stop(WorkerSlot slot, List<WorkerSlot> touched) {
        if (!slot.stop()) {
            return;
        }
        touched.add(slot);
        Worker worker = slot.worker;
        CompletableFuture.delayedExecutor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (worker.isAlive()) {
                worker.kill();
            }
        });
    }

    /**
     * Under lock. The worker's callbacks find its slot through {@link #slotOf}, under the lock too,
     * so that they see it registered even when the worker exits before {@code launch} returns (a
     * JVM that cannot start).
     */
    private void launch() {
        PoolEvents.WorkerStarted started = new PoolEvents.WorkerStarted();
        if (started.isEnabled()) {
            started.begin();
        } else {
            started = null;
        }
        Worker worker = launcher.launch((w, frame) -> onMessage(slotOf(w), frame), (w, code) -> onExit(slotOf(w), code));
        WorkerSlot slot = new WorkerSlot(worker, started);
        slots.add(slot);
        everyWorker.put(worker, slot);
    }

    /** @return the slot of {@code worker}, registered by {@link #launch} */
    private WorkerSlot slotOf(Worker worker) {
        synchronized (lock) {
            return everyWorker.get(worker);
        }
    }

    // ---- events from workers ---------------------------------------------------------------------

    private void onMessage(WorkerSlot slot, Frame frame) {
        try {
            switch (frame.type()) {
                case Protocol.POOL_READY -> ready(slot);
                case Protocol.POOL_RESULTS -> results(slot, new ByteSource(frame.payload()));
                case Protocol.POOL_RECALLED -> recalled(slot, PoolRecalled.decode(frame.payload()));
                default -> LOG.log(Level.WARNING, "pool worker {0} sent unknown message {1}", slot, frame.type());
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "handling a message of pool worker " + slot + " failed", t);
        }
    }

    private void ready(WorkerSlot slot) {
        List<WorkerSlot> touched = new ArrayList<>(1);
        synchronized (lock) {
            if (slot.state() == WorkerSlot.State.STARTING) {
                slot.ready();
                startupFailures = 0;
                dispatcher.pump(slots, touched);
            }
        }
        touched.forEach(WorkerSlot::flush);
    }

    private void results(WorkerSlot slot, ByteSource in) throws InterruptedException {
        PoolResults header = PoolResults.read(in);
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
            chunk = slot.finished(header.chunkId());
            if (chunk != null) {
                dispatcher.completed(chunk, header.workNanos());
                if (header.slowestIndex() >= 0 && header.slowestIndex() < chunk.count) {
                    slowest.offer(header.slowestNanos(), chunk, header.slowestIndex(), slot.toString());
                }
            }
            broken = retireIfDone(slot, touched);
            dispatcher.pump(slots, touched);
        }
        touched.forEach(WorkerSlot::flush);
        for (Chunk lost : broken) {
            lost.job.failed(lost, brokenCause);
        }
        if (chunk == null) {
            return; // failed already (terminate)
        }
        commitEvent(chunk, slot, header.workNanos(), unreadable != null);
        slot.worker.awaitOutput(header.stdoutBytes(), header.stderrBytes(), OUTPUT_WAIT_MILLIS);
        if (unreadable != null) {
            chunk.job.failed(chunk, unreadable);
        } else {
            chunk.job.completed(chunk, values, config.errors());
        }
        closeIfIdle();
    }

    private void recalled(WorkerSlot slot, PoolRecalled answer) {
        List<WorkerSlot> touched = new ArrayList<>(2);
        List<Chunk> broken;
        synchronized (lock) {
            Chunk chunk = slot.recalled(answer.chunkId(), answer.returned());
            if (chunk != null) {
                dispatcher.giveBack(List.of(chunk));
            }
            broken = retireIfDone(slot, touched);
            dispatcher.pump(slots, touched);
        }
        touched.forEach(WorkerSlot::flush);
        for (Chunk lost : broken) {
            lost.job.failed(lost, brokenCause);
        }
    }

    /**
     * Under lock: a RETIRING worker that holds nothing more is stopped and replaced.
     *
     * @return the chunks to fail (outside the lock) when the pool broke of it; usually none
     */
    private List<Chunk> retireIfDone(WorkerSlot slot, List<WorkerSlot> touched) {
        if (slot.state() != WorkerSlot.State.RETIRING || !slot.holdsNothing()) {
            return List.of();
        }
        stop(slot, touched);
        return state == State.RUNNING || state == State.CLOSING ? launchReplacement() : List.of();
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
            if (!slot.holds(chunk) || slot.overdue() != null) {
                return;
            }
            slot.overdue(chunk);
        }
        slot.worker.kill();
    }

    private void onExit(WorkerSlot slot, int code) {
        List<Chunk> cancelled = new ArrayList<>();
        List<Chunk> failing = new ArrayList<>(1);
        List<WorkerSlot> touched = new ArrayList<>();
        Throwable failure = null;
        try {
            WorkerStatus.Snapshot status = slot.worker.status();
            WorkerSlot.State was;
            synchronized (lock) {
                everyWorker.remove(slot.worker);
                was = slot.died();
                boolean asked = was == WorkerSlot.State.STOPPING;
                boolean starting = was == WorkerSlot.State.STARTING;
                slots.remove(slot);
                exited = exited.plus(times(slot, status, System.nanoTime()));
                List<Chunk> held = slot.takeAll();
                if (!asked && (state == State.RUNNING || state == State.CLOSING) && Lifecycle.get().isExiting()) {
                    state = State.TERMINATED; // this JVM is exiting and stopped its daemon children: no replacements
                    cancelled.addAll(held);
                    cancelled.addAll(drainAll(new ArrayList<>(), false));
                } else if (!asked && (state == State.RUNNING || state == State.CLOSING)) {
                    Chunk running = !held.isEmpty() && (status.chunk() == held.getFirst().id || slot.worker.lost())
                            ? held.getFirst() : null;
                    if (running != null) {
                        held.removeFirst();
                        failure = running == slot.overdue()
                                ? timedOut(slot, running)
                                : diedRunning(slot, code, running, (int) status.item(), starting);
                        if (failure != null) {
                            failing.add(running);
                        } else {
                            held.addFirst(running); // retried: first again
                        }
                    } else if (starting) {
                        LOG.log(Level.ERROR, diedMessage(slot, code, "while starting"));
                    }
                    dispatcher.giveBack(held); // never started: they run elsewhere, nothing lost
                    if (starting) {
                        startupFailures++;
                    }
                    if (startupFailures >= STARTUP_FAILURES) {
                        brokenCause = brokenCause != null ? brokenCause
                                : Failures.local(config.errors().workerDied(diedMessage(slot, code, "while starting"),
                                slot.worker.pid(), code, slot.worker.stderrTail(STDERR_LINES), List.of()));
                        cancelled.addAll(breakPool(brokenCause));
                    } else {
                        cancelled.addAll(launchReplacement());
                    }
                } else {
                    cancelled.addAll(held);
                }
                dispatcher.pump(slots, touched);
            }
            exitEvent(slot, code, was != WorkerSlot.State.STOPPING, status.tasks());
            touched.forEach(WorkerSlot::flush);
            for (Chunk chunk : failing) {
                commitEvent(chunk, slot, 0, true);
                chunk.job.failed(chunk, failure);
            }
            Throwable cancelledBy = brokenCause != null ? brokenCause : cancelled();
            for (Chunk chunk : cancelled) {
                commitEvent(chunk, slot, 0, true);
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

    /**
     * Under lock: the worker died running {@code chunk}. Records the attempt.
     *
     * @return the chunk's failure, or null when it is to run again (fewer deaths than retries)
     */
    private RuntimeException diedRunning(WorkerSlot slot, int code, Chunk chunk, int item, boolean starting) {
        String task = chunk.describe(Math.max(0, Math.min(item, chunk.count - 1)));
        String tail = slot.worker.stderrTail(STDERR_LINES);
        RuntimeException attempt = config.errors().workerDied(diedMessage(slot, code, "while running " + task),
                slot.worker.pid(), code, tail, List.of());
        chunk.attempts.add(Failures.local(attempt));
        if (chunk.attempts.size() <= config.retries()) {
            LOG.log(Level.DEBUG, "pool worker {0} died running {1}; running it again (attempt {2} of {3})",
                    slot, task, chunk.attempts.size() + 1, config.retries() + 1);
            return null;
        }
        if (chunk.attempts.size() == 1) {
            return attempt;
        }
        StringBuilder message = new StringBuilder(task).append(" failed: its worker died on each of ")
                .append(chunk.attempts.size()).append(" attempts");
        for (int i = 0; i < chunk.attempts.size(); i++) {
            message.append("\n  attempt ").append(i + 1).append(": ").append(chunk.attempts.get(i).getMessage());
        }
        return Failures.local(config.errors().workerDied(message.toString(), slot.worker.pid(), code, tail,
                List.copyOf(chunk.attempts)));
    }

    private String diedMessage(WorkerSlot slot, int code, String when) {
        String how = code < 0 ? "killed by signal " + -code : "exit code " + code;
        String last = slot.worker.stdoutTail(1);
        if (last.contains("OutOfMemoryError")) {
            how += ": out of memory, \"" + last.strip() + "\"";
        }
        String tail = slot.worker.stderrTail(STDERR_LINES);
        return "pool worker " + slot + " died " + when + " (" + how + ")"
                + (tail.isEmpty() ? "; it wrote nothing to stderr" : "; the last lines of its stderr:\n" + tail);
    }

    private RuntimeException timedOut(WorkerSlot slot, Chunk chunk) {
        Duration timeout = config.taskTimeout();
        return Failures.local(config.errors().timedOut("the task ran past the pool's task timeout of " + timeout
                + (chunk.count > 1 ? " (× " + chunk.count + " tasks in its chunk)" : "")
                + ": its worker " + slot + " was killed and replaced"));
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
            all.addAll(slot.takeAll());
            slot.stop();
            if (kill) {
                slot.worker.kill();
            } else {
                slot.worker.terminate();
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

    // ---- events and insights ----------------------------------------------------------------------

    private static void commitEvent(Chunk chunk, WorkerSlot slot, long workNanos, boolean failed) {
        PoolEvents.Tasks event = chunk.event;
        if (event != null) {
            chunk.event = null;
            event.worker = slot.worker.name();
            event.pid = slot.worker.pid();
            event.tasks = chunk.count;
            event.firstTask = chunk.offset;
            event.workTime = workNanos;
            event.failed = failed;
            event.commit();
        }
    }

    private static void exitEvent(WorkerSlot slot, int code, boolean died, long tasks) {
        PoolEvents.WorkerExited event = new PoolEvents.WorkerExited();
        if (event.isEnabled()) {
            event.worker = slot.worker.name();
            event.pid = slot.worker.pid();
            event.exitCode = code;
            event.died = died;
            event.tasks = tasks;
            event.commit();
        }
    }

    /** Under lock or for a dead worker: its time so far. */
    private static Insights.WorkerTime times(WorkerSlot slot, WorkerStatus.Snapshot s, long now) {
        // the worker's own ready time where it wrote one: the parent reads POOL_READY later, and
        // the worker's waiting starts at its own
        long ready = s.readyAt() != 0 ? s.readyAt() : slot.readyAt();
        long starting = Math.max(0, (ready == 0 ? now : ready) - slot.launchedAt);
        return new Insights.WorkerTime(slot.worker.name(), slot.worker.pid(), starting, s.waiting(now), s.working(now),
                s.sending(), s.tasks());
    }

    /** @return where the workers' time went, and the slowest tasks */
    public Insights insights() {
        List<Insights.WorkerTime> workers = new ArrayList<>();
        Insights.WorkerTime total;
        List<?> slow;
        synchronized (lock) {
            long now = System.nanoTime();
            total = exited;
            for (WorkerSlot slot : slots) {
                Insights.WorkerTime t = times(slot, slot.worker.status(), now);
                workers.add(t);
                total = total.plus(t);
            }
            slow = slowest.snapshot();
        }
        return new Insights(List.copyOf(workers), total, Insights.Slowest.describe(slow));
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
            return slots.stream().map(s -> s.worker.pid()).toList();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "state=" + state + " pool_size=" + config.processes();
        }
    }
}
