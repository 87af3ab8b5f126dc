package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.pool.Failures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link java.util.concurrent.Future} a {@link ProcessPoolExecutor} hands out: the task is
 * serialized when the future is made ({@code newTaskFor}, at submit) and bound to the pool's
 * future of it by {@code execute}. {@link #run()} is not for calling: the task runs in a worker.
 */
final class RemoteTask<T> implements RunnableFuture<T> {
    final byte[] bytes;
    private final CompletableFuture<CompletableFuture<Object>> bound = new CompletableFuture<>();

    RemoteTask(byte[] bytes) {
        this.bytes = bytes;
    }

    void bind(CompletableFuture<Object> future) {
        bound.complete(future);
    }

    /** @return the pool's future of the task (waits for {@link #bind}, which follows creation at once) */
    CompletableFuture<Object> future() {
        return bound.join();
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("a task of a ProcessPoolExecutor runs in a worker JVM");
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return bound.isDone() && future().cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return bound.isDone() && future().isCancelled();
    }

    @Override
    public boolean isDone() {
        return bound.isDone() && future().isDone();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() throws InterruptedException, ExecutionException {
        try {
            return (T) future().get();
        } catch (ExecutionException e) {
            Failures.forCaller(e.getCause());
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return (T) future().get(timeout, unit);
        } catch (ExecutionException e) {
            Failures.forCaller(e.getCause());
            throw e;
        }
    }
}
