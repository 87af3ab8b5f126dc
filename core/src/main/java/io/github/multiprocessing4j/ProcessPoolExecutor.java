package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.pool.MapCalls;
import io.github.multiprocessing4j.internal.pool.PoolEngine;
import io.github.multiprocessing4j.internal.pool.Unclosed;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link java.util.concurrent.ExecutorService} whose tasks run in worker JVMs: Python's
 * {@code concurrent.futures.ProcessPoolExecutor}, on the same machinery as {@link Pool}.
 *
 * <pre>{@code
 * try (ProcessPoolExecutor executor = new ProcessPoolExecutor(4)) {
 *     Future<Integer> f = executor.submit(() -> 6 * 7);      // a SerializableCallable
 *     System.out.println(f.get());                            // 42
 * }   // close(): shutdown() and wait for the queued tasks
 * }</pre>
 *
 * <p>Tasks cross a process boundary, so they must be {@link Serializable} at run time: a lambda
 * passed where a {@link SerializableCallable} is expected is; a plain {@code Callable} or
 * {@code Runnable} must be a serializable class (or a lambda cast to
 * {@code Callable<T> & Serializable}). Anything else is refused at {@code submit} with an
 * {@link IllegalArgumentException} naming the type.
 *
 * <p>Failures, as {@link Pool}'s: a task's exception is the cause of the
 * {@link ExecutionException}; a worker that dies fails only its tasks (with
 * {@link WorkerDiedException}) and is replaced, where Python's executor breaks as a whole.
 * {@link #shutdownNow()} kills the workers: running tasks fail with
 * {@link CancellationException}, and the tasks that never started are returned (their futures
 * are cancelled too). {@link Future#cancel} withdraws a task that has not reached a worker; a
 * running one runs on, and its result is dropped.
 */
public class ProcessPoolExecutor extends AbstractExecutorService {

    private final PoolEngine engine;
    private final Map<CompletableFuture<Object>, RemoteTask<?>> queued = new ConcurrentHashMap<>();

    /** An executor with {@link Multiprocessing#cpuCount()} workers. */
    public ProcessPoolExecutor() {
        this(PoolOptions.defaults());
    }

    /**
     * An executor of {@code maxWorkers} worker JVMs.
     *
     * @param maxWorkers the number of worker JVMs
     * @throws IllegalArgumentException when {@code maxWorkers < 1}
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(options(maxWorkers));
    }

    private static PoolOptions options(int maxWorkers) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be greater than 0, not " + maxWorkers);
        }
        return PoolOptions.processes(maxWorkers);
    }

    /**
     * An executor with every setting of {@link PoolOptions}.
     *
     * @param options the workers' settings (processes, initializer, maxTasksPerChild, taskTimeout…)
     */
    @SuppressWarnings("this-escape") // Unclosed.watch registers this executor with a Cleaner: no strong reference, no call back into it
    public ProcessPoolExecutor(PoolOptions options) {
        Objects.requireNonNull(options, "options");
        this.engine = PoolSettings.engine(options, "the executor's initializer",
                initializer -> new PoolEngine(PoolSettings.config(options, initializer, null)));
        Unclosed.watch(this, engine, "ProcessPoolExecutor");
    }

    /**
     * Submits a task written as a lambda: it is serializable by the compiler.
     *
     * @param task the task, run in a worker (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @return the task's future
     */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return super.submit(task);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return new RemoteTask<>(serialize(task instanceof SerializableCallable<T> s ? s : new CallableTask<>(task), task));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable task, T value) {
        Objects.requireNonNull(task, "task");
        return new RemoteTask<>(serialize(new RunnableTask<>(task, value), task));
    }

    private static byte[] serialize(SerializableCallable<?> wrapper, Object task) {
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("a task of a ProcessPoolExecutor must be Serializable, and "
                    + task.getClass().getName() + " is not: pass a lambda where a SerializableCallable is expected, "
                    + "cast it to (Callable<T> & Serializable), or make the class Serializable");
        }
        return CompactSerializer.INSTANCE.serialize(wrapper, "the task");
    }

    /**
     * Runs {@code command} in a worker.
     *
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     * @throws IllegalArgumentException when the command is not serializable
     */
    @Override
    public void execute(Runnable command) {
        RemoteTask<?> task = command instanceof RemoteTask<?> t ? t : (RemoteTask<?>) newTaskFor(command, null);
        CompletableFuture<Object> future;
        try {
            future = engine.apply(task.bytes);
        } catch (IllegalStateException e) {
            throw new java.util.concurrent.RejectedExecutionException("the executor is shut down", e);
        }
        queued.put(future, task);
        future.whenComplete((v, e) -> queued.remove(future));
        task.bind(future);
    }

    /**
     * Applies {@code f} to the items in the workers: Python's {@code Executor.map}. The results
     * come in item order; the input is read lazily, with a bounded number of chunks in flight; a
     * failed item throws its exception from the {@code next} that reaches it.
     *
     * @param chunksize items sent to a worker at a time, at least 1
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, as they come: {@code next()} waits for each
     * @throws java.util.concurrent.RejectedExecutionException after shutdown
     */
    public <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                        int chunksize) {
        try {
            return PoolSettings.results(MapCalls.imap(engine, Objects.requireNonNull(f, "f"), items, chunksize, true));
        } catch (IllegalStateException e) {
            throw new java.util.concurrent.RejectedExecutionException("the executor is shut down", e);
        }
    }

    /**
     * As {@link #map(SerializableFunction, Iterable, int)}, one item at a time.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, as they come: {@code next()} waits for each
     */
    public <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return map(f, items, 1);
    }

    /**
     * Runs the tasks and returns the result of one that succeeded; the others are cancelled.
     * (Not through {@code ExecutorCompletionService}, whose wrappers cannot travel.)
     */
    @Override
    public <T> T invokeAny(java.util.Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return any(tasks, -1);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e); // no timeout was given
        }
    }

    @Override
    public <T> T invokeAny(java.util.Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return any(tasks, unit.toNanos(timeout));
    }

    private <T> T any(java.util.Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        List<Future<T>> futures = new ArrayList<>();
        CompletableFuture<T> first = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (Callable<T> task : tasks) {
                RemoteTask<T> remote = (RemoteTask<T>) submit(task);
                futures.add(remote);
                remote.future().whenComplete((value, error) -> {
                    if (error == null) {
                        first.complete(unchecked(value));
                    } else if (failed.incrementAndGet() == tasks.size()) {
                        first.completeExceptionally(error);
                    }
                });
            }
            return nanos < 0 ? first.get() : first.get(nanos, TimeUnit.NANOSECONDS);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T unchecked(Object value) {
        return (T) value;
    }

    @Override
    public void shutdown() {
        engine.close();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return stopWorkers(false);
    }

    /**
     * Python 3.14's {@code terminate_workers()}: sends SIGTERM to every worker now and shuts the
     * executor down; every task not finished fails with {@link java.util.concurrent.CancellationException}.
     * The same as {@link #shutdownNow()}, for code that speaks Python's names.
     */
    public void terminateWorkers() {
        stopWorkers(false);
    }

    /**
     * Python 3.14's {@code kill_workers()}: as {@link #terminateWorkers()}, with SIGKILL, for
     * workers that do not end on SIGTERM (a native call that blocks signals).
     */
    public void killWorkers() {
        stopWorkers(true);
    }

    private List<Runnable> stopWorkers(boolean kill) {
        List<Runnable> neverStarted = new ArrayList<>();
        Map<CompletableFuture<Object>, RemoteTask<?>> before = new java.util.HashMap<>(queued);
        for (CompletableFuture<Object> future : engine.terminate(kill)) {
            RemoteTask<?> task = before.get(future);
            if (task != null) {
                neverStarted.add(task);
            }
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        return !engine.isRunning();
    }

    @Override
    public boolean isTerminated() {
        return engine.stopped().isDone();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            engine.stopped().get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Where the executor's time went so far, as {@link Pool#insights()}.
     *
     * @return the executor's insights now
     */
    public PoolInsights insights() {
        return PoolInsights.of(engine.insights());
    }

    /** {@return the pids of the live worker JVMs} */
    public List<Long> workerPids() {
        return engine.workerPids();
    }

    @Override
    public String toString() {
        return "<ProcessPoolExecutor " + engine + ">";
    }

    /**
     * A plain Callable that is Serializable at run time.
     *
     * @param task the task, run in a worker (it and what it captures must be serializable)
     * @param <T> the type of the items
     */
    private record CallableTask<T>(Callable<T> task) implements SerializableCallable<T> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public T call() throws Exception {
            return task.call();
        }
    }

    /**
     * A Runnable that is Serializable at run time, and the value its future gets.
     *
     * @param task  the task, run in a worker (it and what it captures must be serializable)
     * @param value what its future is completed with
     * @param <T>   the type of the value
     */
    private record RunnableTask<T>(Runnable task, T value) implements SerializableCallable<T> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public T call() {
            task.run();
            return value;
        }
    }
}
