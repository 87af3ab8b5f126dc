package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.PoolTasks;
import io.github.multiprocessing4j.internal.serial.Column;
import io.github.multiprocessing4j.internal.serial.RemoteFailure;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One {@code imap} or {@code imapUnordered} call: reads its input lazily in the consumer's thread,
 * keeping at most {@code window} chunks in flight (submitted, not yet consumed), and hands results
 * over in input order or in completion order.
 *
 * <p>Counters, guarded by {@code this}: {@code submitted} items were sent, {@code delivered}
 * were returned by {@code next}. {@code inputError}, when set, is what the input threw (or an item
 * that could not be serialized) after {@code submitted} items; it is thrown once everything
 * before it was delivered.
 */
final class ImapJob implements Job, TimedIterator<Object> {

    /** A whole chunk that failed (its worker died, the pool was terminated), item by item. */
    private record Failed(Throwable error) {
    }

    private final PoolEngine engine;
    private final FunctionRef function;
    private final Iterator<?> input;
    private final int chunksize;
    private final boolean ordered;
    private final int window;
    private final Map<Long, Object> byIndex = new HashMap<>();
    private final ArrayDeque<Object> byCompletion = new ArrayDeque<>();
    private long submitted;
    private long delivered;
    private boolean inputDone;
    private Throwable inputError;
    private boolean finished;

    ImapJob(PoolEngine engine, FunctionRef function, Iterator<?> input, int chunksize, boolean ordered) {
        this.engine = engine;
        this.function = function;
        this.input = input;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.window = 2 * engine.processes() + 2;
    }

    @Override
    public FunctionRef function() {
        return function;
    }

    @Override
    public void completed(Chunk chunk, Object results, PoolErrors errors) {
        int n = Column.length(results);
        synchronized (this) {
            for (int i = 0; i < chunk.count; i++) {
                put(chunk.offset + i, i < n ? Column.get(results, i) : null);
            }
            notifyAll();
        }
        progress();
    }

    @Override
    public void failed(Chunk chunk, Throwable error) {
        synchronized (this) {
            for (int i = 0; i < chunk.count; i++) {
                put(chunk.offset + i, new Failed(error));
            }
            notifyAll();
        }
        progress();
    }

    private void put(long index, Object value) {
        if (ordered) {
            byIndex.put(index, value);
        } else {
            byCompletion.add(value);
        }
    }

    private void progress() {
        long done;
        long total;
        synchronized (this) {
            done = delivered + (ordered ? byIndex.size() : byCompletion.size());
            total = inputDone ? submitted : -1;
        }
        engine.progress(done, total);
    }

    /** Submits the first chunks. */
    void prime() {
        topUp();
    }

    /** Reads input and submits chunks while fewer than {@code window} are in flight. */
    private void topUp() {
        while (true) {
            synchronized (this) {
                if (inputDone || submitted - delivered >= (long) window * chunksize) {
                    return;
                }
            }
            Object[] items = new Object[chunksize];
            int n = 0;
            Throwable error = null;
            try {
                while (n < chunksize && input.hasNext()) {
                    Object item = input.next();
                    items[n++] = item;
                }
            } catch (RuntimeException | Error e) {
                error = e;
            }
            boolean end = error != null || n < chunksize;
            if (n > 0) {
                Chunk chunk;
                try {
                    chunk = Chunk.ofItems(engine.nextChunkId(), this, PoolTasks.MAP, items, null, n, submittedCount());
                } catch (IllegalArgumentException e) {
                    chunk = null;
                    error = e;
                    end = true;
                }
                if (chunk != null) {
                    engine.submit(chunk);
                    synchronized (this) {
                        submitted += n;
                    }
                }
            }
            if (end) {
                synchronized (this) {
                    inputDone = true;
                    inputError = error;
                }
                return;
            }
        }
    }

    private synchronized long submittedCount() {
        return submitted;
    }

    @Override
    public boolean hasNext() {
        topUp();
        synchronized (this) {
            boolean more = delivered < submitted || inputError != null;
            if (!more) {
                finish();
            }
            return more;
        }
    }

    @Override
    public Object next() {
        return next(null);
    }

    @Override
    public Object next(Duration timeout) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results");
        }
        Object value;
        synchronized (this) {
            long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
            while (true) {
                if (ordered ? byIndex.containsKey(delivered) : !byCompletion.isEmpty()) {
                    value = ordered ? byIndex.remove(delivered) : byCompletion.poll();
                    delivered++;
                    break;
                }
                if (delivered == submitted && inputError != null) {
                    Throwable error = inputError;
                    inputError = null;
                    throw sneaky(error);
                }
                try {
                    if (timeout == null) {
                        wait();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw engine.errors().timedOut("no result within " + timeout);
                        }
                        wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    throw engine.errors().interrupted("waiting for a result of imap", e);
                }
            }
        }
        if (value instanceof RemoteFailure failure) {
            throw sneaky(Failures.forCaller(Failures.toException(failure, engine.errors())));
        }
        if (value instanceof Failed failed) {
            throw sneaky(Failures.forCaller(failed.error()));
        }
        return value;
    }

    private void finish() {
        if (!finished && inputDone) {
            finished = true;
            engine.forget(function);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
