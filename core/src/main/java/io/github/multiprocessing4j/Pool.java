package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.pool.MapCalls;
import io.github.multiprocessing4j.internal.pool.PoolEngine;
import io.github.multiprocessing4j.internal.spi.Backends;
import io.github.multiprocessing4j.internal.pool.Unclosed;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A pool of worker JVMs that run tasks in parallel: Python's {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4, 5));   // [1, 4, 9, 16, 25]
 *     int hundred = pool.apply(() -> 10 * 10);                              // 100
 *     AsyncResult<Integer> later = pool.applyAsync(() -> 10 * 10);
 *     System.out.println(later.get());
 * }   // close(): queued work finishes, then the workers exit
 * }</pre>
 *
 * <h2>How work travels</h2>
 * Workers are long-lived JVMs, fed on demand: each holds at most a couple of chunks, and gets
 * the next when it returns a result; a worker that runs out of work takes back a chunk another
 * worker holds but has not started, so no worker idles while work waits. A task is serialized at the call site, so a lambda that
 * captures something not serializable fails there with an {@link IllegalArgumentException}
 * naming the type. A {@code map}'s function travels once per worker, its items in chunks
 * (by default {@code ceil(n / (4 × processes))} items, as Python's), in a compact encoding for
 * numbers and strings ({@code map}'s numeric results come back as primitive columns behind the
 * list), the library's compact serializer for records, collections and lambdas, and JDK
 * serialization for the rest. What tasks print reaches this JVM's {@code System.out}/
 * {@code System.err} before their results are delivered. {@link PoolOptions} sets the number of
 * workers, an initializer, {@code maxTasksPerChild}, a per-task timeout, the workers' JVM options,
 * a progress listener ({@link ProgressListener#console()} draws a bar) and retries. A pool of the
 * {@code "warm"} or {@code "forkserver"} context ({@code Multiprocessing.getContext("warm").pool(n)})
 * takes idle, already started JVMs as its workers, and is ready in tens of milliseconds instead of
 * a JVM start-up. {@link #insights()} tells where the workers' time went; the pool also records
 * JFR events ({@code jfr print --categories multiprocessing4j}).
 *
 * <h2>When things go wrong</h2>
 * <ul>
 *   <li>A task's unchecked exception reaches {@code get()}/{@code apply}/{@code map} as the same
 *       class with the same message; its cause is the original, with the worker's stack trace. A
 *       checked one arrives wrapped in {@link TaskFailedException}, as does one that cannot be
 *       rebuilt here, and a result that cannot be serialized (its message names the type).</li>
 *   <li>{@code map} fails, after all its chunks have finished, with the failure of the first
 *       failing item.</li>
 *   <li>A worker that dies (a signal, {@code System.exit} in a task, out of heap) is replaced; the
 *       tasks it had not started run on other workers, and the one it was running fails with
 *       {@link WorkerDiedException}, which names the task and its input, or runs again up to
 *       {@link PoolOptions#retries(int)} times. Workers that die at
 *       start-up three times in a row (a bad initializer or JVM option) break the pool: every
 *       task fails with that {@code WorkerDiedException}, and submitting throws.</li>
 *   <li>Callbacks run on one thread of the pool's own; one that throws is logged
 *       ({@link System.Logger}) and harms nothing.</li>
 * </ul>
 *
 * <h2>Ending</h2>
 * {@link #close()} (also try-with-resources) refuses new work, lets the queued work finish, stops
 * the workers and waits for them. {@link #terminate()} stops them now and fails every unfinished
 * result with {@link java.util.concurrent.CancellationException}. After either, submitting throws
 * {@code IllegalStateException("Pool not running")}.
 */
public class Pool implements AutoCloseable {

    private final PoolEngine engine;

    /** A pool of {@link Multiprocessing#cpuCount()} workers. */
    public Pool() {
        this(PoolOptions.defaults());
    }

    /**
     * A pool of {@code processes} worker JVMs (Python's {@code Pool(processes)}).
     *
     * @param processes the number of worker JVMs
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    public Pool(int processes) {
        this(PoolOptions.processes(processes));
    }

    /**
     * A pool with every setting of {@link PoolOptions}.
     *
     * @param options the pool's settings
     * @throws IllegalArgumentException when the initializer cannot be serialized
     */
    public Pool(PoolOptions options) {
        this(LocalContext.current(), options);
    }

    /**
     * A pool whose workers run where {@code context} runs them: JVMs of this machine for the local
     * start methods, a cluster's machines for a cluster's context. {@code context.pool(options)}
     * does the same.
     *
     * @param context the context whose backend runs the workers
     * @param options the pool's settings
     * @throws IllegalArgumentException when the initializer cannot be serialized
     */
    @SuppressWarnings("this-escape") // Unclosed.watch registers this pool with a Cleaner: no strong reference, no call back into it
    public Pool(Context context, PoolOptions options) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(options, "options");
        this.engine = PoolSettings.engine(options, "the pool's initializer", initializer -> {
            var config = PoolSettings.config(options, initializer, context instanceof LocalContext local ? local.idleJvms() : null);
            return new PoolEngine(config, Backends.pools(context).workers(config));
        });
        Unclosed.watch(this, engine, "Pool");
    }

    /**
     * Runs {@code task} in a worker and waits for its result (Python's {@code apply}).
     *
     * @param task the task, run in a worker (it and what it captures must be serializable)
     * @param <R> the type of the results
     * @return the task's result
     */
    public <R> R apply(SerializableCallable<R> task) {
        return applyAsync(task).get();
    }

    /**
     * Runs {@code task} in a worker (Python's {@code apply_async}).
     *
     * @param task the task, run in a worker (it and what it captures must be serializable)
     * @param <R> the type of the results
     * @return the call's result, filled in when it is done
     */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task) {
        return applyAsync(task, null, null);
    }

    /**
     * Runs {@code task} in a worker; then {@code callback} gets its value, or {@code errorCallback}
     * its failure, on the pool's callback thread.
     *
     * @param callback      may be null
     * @param errorCallback may be null
     * @param task the task, run in a worker (it and what it captures must be serializable)
     * @param <R> the type of the results
     * @return the call's result, filled in when it is done
     */
    @SuppressWarnings("unchecked")
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task, Consumer<? super R> callback,
                                         Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(task, "task");
        byte[] bytes = CompactSerializer.INSTANCE.serialize(task, "the task");
        CompletableFuture<R> future = (CompletableFuture<R>) (CompletableFuture<?>) engine.apply(bytes);
        return withCallbacks(future, callback, errorCallback);
    }

    private <V> AsyncResult<V> withCallbacks(CompletableFuture<V> future, Consumer<? super V> callback,
                                             Consumer<? super Throwable> errorCallback) {
        if (callback != null || errorCallback != null) {
            future.whenComplete((value, error) -> engine.callback(error == null ? "callback" : "error callback", () -> {
                if (error == null) {
                    if (callback != null) {
                        callback.accept(value);
                    }
                } else if (errorCallback != null) {
                    errorCallback.accept(error);
                }
            }));
        }
        return new AsyncResult<>(future);
    }

    /**
     * Applies {@code f} to every item, in parallel; the results in item order.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, in the order of the items
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return this.<T, R>mapAsync(f, items).get();
    }

    /**
     * As {@link #map(SerializableFunction, Iterable)}, with {@code chunksize} items per chunk.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param chunksize how many items travel to a worker at a time, at least 1
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, in the order of the items
     * @throws IllegalArgumentException when {@code chunksize < 1}
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
        return this.<T, R>mapAsync(f, items, checked(chunksize), null, null).get();
    }

    private static int checked(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        }
        return chunksize;
    }

    /**
     * As {@code map}, without waiting. The input is read, and serialized, before this returns.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the call's result, filled in when it is done
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return mapAsync(f, items, 0, null, null);
    }

    /**
     * As {@code map}, without waiting; {@code callback} gets the whole list once (or
     * {@code errorCallback} the failure), on the pool's callback thread.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param errorCallback called with the exception, on the pool's callback thread, when the call fails; may be null
     * @param callback called with the result, on the pool's callback thread, when the call succeeds; may be null
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the call's result, filled in when it is done
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                                Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync(f, items, 0, callback, errorCallback);
    }

    /**
     * As {@code mapAsync} with callbacks, with {@code chunksize} items per chunk; 0 for Python's
     * default, {@code ceil(n / (4 × processes))}.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param errorCallback called with the exception, on the pool's callback thread, when the call fails; may be null
     * @param chunksize how many items travel to a worker at a time, at least 1
     * @param callback called with the result, on the pool's callback thread, when the call succeeds; may be null
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the call's result, filled in when it is done
     * @throws IllegalArgumentException when {@code chunksize < 0}
     */
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                                int chunksize, Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        CompletableFuture<List<R>> future = (CompletableFuture<List<R>>) (CompletableFuture<?>)
                MapCalls.map(engine, Objects.requireNonNull(f, "f"), null, items, chunksize);
        return withCallbacks(future, callback, errorCallback);
    }

    /**
     * Applies {@code f} to the key and value of each pair (Python's {@code starmap}).
     *
     * @param pairs the argument pairs: each entry's key is the first argument, its value the second
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <R> the type of the results
     * @param <B> the type of the second arguments
     * @param <A> the type of the first arguments
     * @return the results, in the order of the items
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> f, Iterable<? extends Map.Entry<A, B>> pairs) {
        return starmapAsync(f, pairs).get();
    }

    /**
     * As {@code starmap}, without waiting.
     *
     * @param pairs the argument pairs: each entry's key is the first argument, its value the second
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <R> the type of the results
     * @param <B> the type of the second arguments
     * @param <A> the type of the first arguments
     * @return the call's result, filled in when it is done
     */
    @SuppressWarnings("unchecked")
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> f, Iterable<? extends Map.Entry<A, B>> pairs) {
        return new AsyncResult<>((CompletableFuture<List<R>>) (CompletableFuture<?>)
                MapCalls.map(engine, null, Objects.requireNonNull(f, "f"), pairs, 0));
    }

    /**
     * Applies {@code f} to the items lazily, results in item order, one item per chunk.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, as they come: {@code next()} waits for each
     */
    public <T, R> ResultIterator<R> imap(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return imap(f, items, 1);
    }

    /**
     * Applies {@code f} to the items lazily: the input is read as results are consumed, with a
     * bounded number of chunks in flight; results in item order.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param chunksize how many items travel to a worker at a time, at least 1
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, as they come: {@code next()} waits for each
     * @throws IllegalArgumentException when {@code chunksize < 1}
     */
    public <T, R> ResultIterator<R> imap(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
        return PoolSettings.results(MapCalls.imap(engine, Objects.requireNonNull(f, "f"), items, chunksize, true));
    }

    /**
     * As {@code imap}, results in the order they complete.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, as they come: {@code next()} waits for each
     */
    public <T, R> ResultIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return imapUnordered(f, items, 1);
    }

    /**
     * As {@code imap} with a chunk size, results in the order they complete.
     *
     * @param items the inputs, one task each
     * @param f the function, run in the workers (it and what it captures must be serializable)
     * @param chunksize how many items travel to a worker at a time, at least 1
     * @param <T> the type of the items
     * @param <R> the type of the results
     * @return the results, as they come: {@code next()} waits for each
     */
    public <T, R> ResultIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                                  int chunksize) {
        return PoolSettings.results(MapCalls.imap(engine, Objects.requireNonNull(f, "f"), items, chunksize, false));
    }

    /**
     * Refuses new work, lets the queued work finish, then stops the workers and waits for them
     * to exit. Called by try-with-resources; harmless when already closed or terminated. Called
     * from one of this pool's callbacks it does not wait (the callback thread must run on).
     *
     * @throws ProcessException when interrupted (the interrupt flag is restored; the pool goes on closing)
     */
    @Override
    public void close() {
        CompletableFuture<Void> stopped = engine.close();
        if (!engine.inCallback()) {
            await(stopped, "closing the pool");
        }
    }

    /** Stops the workers now; every unfinished result fails with {@link java.util.concurrent.CancellationException}. */
    public void terminate() {
        engine.terminate();
    }

    /**
     * Waits for the workers to exit, after {@link #close()} or {@link #terminate()}.
     *
     * @throws IllegalStateException when the pool is still running
     */
    public void join() {
        if (engine.isRunning()) {
            throw new IllegalStateException("Pool is still running: call close() or terminate() first");
        }
        if (engine.inCallback()) {
            throw new IllegalStateException("cannot join a pool from one of its own callbacks: the pool stops after them");
        }
        await(engine.stopped(), "joining the pool");
    }

    /**
     * Waits at most {@code timeout} for the workers to exit, after {@code close()} or {@code terminate()}.
     *
     * @param timeout how long to wait
     * @return true when they have
     * @throws IllegalStateException when the pool is still running
     */
    public boolean join(Duration timeout) {
        if (engine.isRunning()) {
            throw new IllegalStateException("Pool is still running: call close() or terminate() first");
        }
        return new AsyncResult<>(engine.stopped()).await(timeout);
    }

    private static void await(CompletableFuture<Void> future, String what) {
        try {
            future.get();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted(what, e);
        } catch (ExecutionException e) {
            throw new ProcessException(what + " failed", e.getCause());
        }
    }

    /** {@return the pids of the live worker JVMs (for monitoring; they change as workers are replaced)} */
    public List<Long> workerPids() {
        return engine.workerPids();
    }

    /**
     * Where the pool's time went so far: per worker, starting, waiting for work, running tasks
     * and sending results; and its slowest tasks with their inputs. See {@link PoolInsights}.
     *
     * @return the pool's insights now
     */
    public PoolInsights insights() {
        return PoolInsights.of(engine.insights());
    }

    @Override
    public String toString() {
        return "<Pool " + engine + ">";
    }

    PoolEngine engine() {
        return engine;
    }

    static <T> Iterator<T> iterator(Iterable<T> items) {
        return Objects.requireNonNull(items, "items").iterator();
    }
}
