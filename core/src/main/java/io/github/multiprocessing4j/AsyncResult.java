package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.pool.Failures;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of {@link Pool#applyAsync} or {@link Pool#mapAsync}, to be collected later
 * (Python's {@code AsyncResult}).
 *
 * <pre>{@code
 * AsyncResult<Integer> r = pool.applyAsync(() -> 10 * 10);
 * r.await();                          // Python's wait()
 * System.out.println(r.ready());      // true
 * System.out.println(r.get());        // 100
 * }</pre>
 *
 * <p>A failed task throws from {@link #get()} as described in {@link Pool}; a task whose worker
 * died throws {@link WorkerDiedException}; after {@link Pool#terminate()}, an unfinished result
 * throws {@link CancellationException}. Every result is completed sooner or later: none waits
 * forever on a dead worker or a terminated pool.
 *
 * @param <R> the type of the result
 */
public final class AsyncResult<R> {

    private final CompletableFuture<R> future;

    AsyncResult(CompletableFuture<R> future) {
        this.future = future;
    }

    /**
     * Waits for the result.
     *
     * @return the value
     * @throws RuntimeException       the task's exception (see {@link Pool})
     * @throws CancellationException  when the pool was terminated first
     * @throws ProcessException       when interrupted (the interrupt flag is restored)
     */
    public R get() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("waiting for a pool result", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw (CancellationException) Failures.forCaller(e);
        }
    }

    /**
     * Waits at most {@code timeout} for the result; the task goes on running after a timeout.
     *
     * @param timeout how long to wait
     * @return the task's result
     * @throws ResultTimeoutException when the result is not ready in time
     */
    public R get(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return future.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ResultTimeoutException("the result was not ready within " + timeout);
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("waiting for a pool result", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw (CancellationException) Failures.forCaller(e);
        }
    }

    static RuntimeException rethrow(Throwable cause) {
        Failures.forCaller(cause);
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new TaskFailedException("the task failed with " + cause, cause.getClass().getName(), null, cause);
    }

    /** {@return true once the result (a value or a failure) is there} */
    public boolean ready() {
        return future.isDone();
    }

    /** Waits for the result to be ready (Python's {@code wait()}); does not throw the task's exception. */
    public void await() {
        try {
            future.handle((v, e) -> null).get();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("waiting for a pool result", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // handle() cannot fail
        }
    }

    /**
     * Waits at most {@code timeout} for the result to be ready.
     *
     * @param timeout how long to wait
     * @return true when it is ready
     */
    public boolean await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            future.handle((v, e) -> null).get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return future.isDone();
        } catch (InterruptedException e) {
            throw ProcessException.interrupted("waiting for a pool result", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the call completed without an exception (Python's {@code successful()}).
     *
     * @return true when the task completed without an exception
     * @throws IllegalStateException when the result is not ready yet
     */
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException("the result is not ready: call await() or get() first");
        }
        return !future.isCompletedExceptionally();
    }

    /** {@return a future of the result (completing it does not affect the task)} */
    public CompletableFuture<R> toCompletableFuture() {
        return future.copy();
    }

    @Override
    public String toString() {
        return "AsyncResult[" + (future.isDone() ? (future.isCompletedExceptionally() ? "failed" : "ready") : "pending") + "]";
    }
}
