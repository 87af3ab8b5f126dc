package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.serial.RemoteFailure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code map}, {@code mapAsync} or {@code starmap} call: its results in item order. As
 * Python's, it is ready only when every chunk has finished (no fail-fast); when items failed, the
 * call fails with the failure of the lowest-numbered one.
 */
final class MapJob implements Job {

    private final PoolEngine engine;
    private final FunctionRef function;
    private final Object[] results;
    private final CompletableFuture<List<Object>> future = new CompletableFuture<>();
    private int done; // guarded by this
    private long failureIndex = Long.MAX_VALUE; // guarded by this
    private Throwable failure; // guarded by this

    MapJob(PoolEngine engine, FunctionRef function, int total) {
        this.engine = engine;
        this.function = function;
        this.results = new Object[total];
    }

    CompletableFuture<List<Object>> future() {
        return future;
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    @Override
    public FunctionRef function() {
        return function;
    }

    @Override
    public void completed(Chunk chunk, Object[] values) {
        synchronized (this) {
            for (int i = 0; i < chunk.count; i++) {
                Object value = i < values.length ? values[i] : null;
                if (value instanceof RemoteFailure f) {
                    if (chunk.offset + i < failureIndex) {
                        failureIndex = chunk.offset + i;
                        failure = Failures.toException(f);
                    }
                } else {
                    results[(int) chunk.offset + i] = value;
                }
            }
        }
        advance(chunk.count);
    }

    @Override
    public void failed(Chunk chunk, Throwable error) {
        synchronized (this) {
            if (chunk.offset < failureIndex) {
                failureIndex = chunk.offset;
                failure = error;
            }
        }
        advance(chunk.count);
    }

    private void advance(int count) {
        int now;
        Throwable failed;
        synchronized (this) {
            done += count;
            now = done;
            failed = failure;
        }
        engine.progress(now, results.length);
        if (now == results.length) {
            engine.forget(function);
            if (failed != null) {
                future.completeExceptionally(failed);
            } else {
                future.complete(new ArrayList<>(Arrays.asList(results)));
            }
        }
    }

    /** The call failed at its call site (an item could not be read or serialized). */
    void abandon(Throwable error) {
        future.completeExceptionally(error);
        engine.withdraw(this);
        engine.forget(function);
    }
}
