package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.serial.RemoteFailure;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code map}, {@code mapAsync} or {@code starmap} call: its results in item order. As
 * Python's, it is ready only when every chunk has finished (no fail-fast); when items failed, the
 * call fails with the failure of the lowest-numbered one.
 *
 * <p>The results are kept as the columns the chunks came back in (primitive arrays for numbers)
 * and handed over as a {@link ResultList} over them: a million {@code Integer} results cost four
 * megabytes and no garbage-collection work until they are read.
 */
final class MapJob implements Job {

    private final PoolEngine engine;
    private final FunctionRef function;
    private final int total;
    private final int chunksize;
    private final Object[] columns;
    private final CompletableFuture<List<Object>> future = new CompletableFuture<>();
    private int done; // guarded by this
    private long failureIndex = Long.MAX_VALUE; // guarded by this
    private Throwable failure; // guarded by this
    /** The call as a JFR event, while a recording takes it; else null. */
    private final PoolEvents.MapCall event;

    MapJob(PoolEngine engine, FunctionRef function, int total, int chunksize) {
        this.engine = engine;
        this.function = function;
        this.total = total;
        this.chunksize = chunksize;
        this.columns = new Object[(int) Math.ceilDiv(total, (long) chunksize)];
        PoolEvents.MapCall e = new PoolEvents.MapCall();
        if (e.isEnabled()) {
            e.begin();
            e.items = total;
            e.chunksize = chunksize;
            this.event = e;
        } else {
            this.event = null;
        }
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
    public void completed(Chunk chunk, Object results, PoolErrors errors) {
        synchronized (this) {
            if (results instanceof Object[] values) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof RemoteFailure f && chunk.offset + i < failureIndex) {
                        failureIndex = chunk.offset + i;
                        failure = Failures.toException(f, errors);
                    }
                }
            }
            columns[(int) (chunk.offset / chunksize)] = results;
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
        engine.progress(now, total);
        if (now == total) {
            engine.forget(function);
            if (event != null) {
                event.failed = failed != null;
                event.commit();
            }
            if (failed != null) {
                future.completeExceptionally(failed);
            } else {
                future.complete(new ResultList(columns, chunksize, total));
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
