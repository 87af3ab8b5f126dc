package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.PoolTasks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The call-site half of {@code map}, {@code starmap} and {@code imap}: chunking and encoding. */
public final class MapCalls {

    private MapCalls() {
    }

    /**
     * Reads the input, cuts it into chunks, encodes them and queues them, in the caller's thread.
     * An input that throws, or an item that cannot be serialized, fails the call here.
     *
     * @param function   a {@code SerializableFunction}, or null for starmap
     * @param biFunction a {@code SerializableBiFunction} for starmap, or null
     * @param chunksize  items per chunk; 0 for Python's default, {@code ceil(n / (4 × processes))}
     * @return the future of the results, in item order
     */
    public static CompletableFuture<List<Object>> map(PoolEngine engine, Object function, Object biFunction,
                                                      Iterable<?> items, int chunksize) {
        Objects.requireNonNull(items, "items");
        if (chunksize < 0) {
            throw new IllegalArgumentException("chunksize must be at least 1 (or 0 for the default), not " + chunksize);
        }
        engine.requireRunning();
        Object[] all = items instanceof Collection<?> c ? c.toArray() : materialize(items);
        int n = all.length;
        if (n == 0) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        int size = chunksize > 0 ? chunksize : (int) Math.ceilDiv(n, 4L * engine.processes());
        boolean star = biFunction != null;
        FunctionRef ref = engine.function(star ? biFunction : function, "the function of the map call");
        MapJob job = new MapJob(engine, ref, n, size);
        byte kind = star ? PoolTasks.STARMAP : PoolTasks.MAP;
        Object[] first = new Object[Math.min(size, n)];
        Object[] second = star ? new Object[first.length] : null;
        try {
            for (int offset = 0; offset < n; offset += size) {
                int count = Math.min(size, n - offset);
                if (star) {
                    for (int i = 0; i < count; i++) {
                        Map.Entry<?, ?> pair = (Map.Entry<?, ?>) all[offset + i];
                        first[i] = pair.getKey();
                        second[i] = pair.getValue();
                    }
                } else {
                    System.arraycopy(all, offset, first, 0, count);
                }
                engine.submit(Chunk.ofItems(engine.nextChunkId(), job, kind, first, second, count, offset));
            }
        } catch (RuntimeException | Error e) {
            job.abandon(e);
            throw e;
        }
        return job.future();
    }

    private static Object[] materialize(Iterable<?> items) {
        List<Object> list = new ArrayList<>();
        for (Object item : items) {
            list.add(item);
        }
        return list.toArray();
    }

    /**
     * Starts an {@code imap}: the first chunks are read and queued now, the rest as the results
     * are consumed. What the input throws is thrown by the iterator, in its place.
     */
    @SuppressWarnings("unchecked")
    public static <R> TimedIterator<R> imap(PoolEngine engine, Object function, Iterable<?> items, int chunksize,
                                             boolean ordered) {
        Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        }
        engine.requireRunning();
        FunctionRef ref = engine.function(function, "the function of the imap call");
        ImapJob job = new ImapJob(engine, ref, items.iterator(), chunksize, ordered);
        job.prime();
        return (TimedIterator<R>) (TimedIterator<?>) job;
    }
}
