package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.Transit;
import io.github.multiprocessing4j.internal.pool.PoolConfig;
import io.github.multiprocessing4j.internal.pool.PoolEngine;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.pool.PoolErrors;
import io.github.multiprocessing4j.internal.pool.TimedIterator;

import java.time.Duration;
import java.util.List;

/**
 * What the public API hands the pool engine, and how it shows what the engine returns: the
 * engine ({@code internal.pool}) knows nothing of the public classes, so the exceptions results
 * fail with are made here, the {@link ProgressListener} is adapted, and an {@code imap}'s results
 * become a {@link ResultIterator}. Shared by {@link Pool} and {@link ProcessPoolExecutor}.
 */
final class PoolSettings {

    /** The public exception classes of a pool's results. */
    static final PoolErrors ERRORS = new PoolErrors() {
        @Override
        public RuntimeException taskFailed(String message, String remoteClass, String remoteStack, Throwable cause) {
            return new TaskFailedException(message, remoteClass, remoteStack, cause);
        }

        @Override
        public RuntimeException workerDied(String message, long pid, int exitCode, String stderrTail,
                                           List<RuntimeException> attempts) {
            return new WorkerDiedException(message, pid, exitCode, stderrTail,
                    attempts.stream().map(WorkerDiedException.class::cast).toList());
        }

        @Override
        public RuntimeException timedOut(String message) {
            return new ResultTimeoutException(message);
        }

        @Override
        public RuntimeException interrupted(String what, InterruptedException e) {
            return ProcessException.interrupted(what, e);
        }
    };

    private PoolSettings() {
    }

    /**
     * Makes a pool's engine with its initializer serialized: queues and pipe ends the initializer
     * captures keep their memory until the engine stopped (every worker that could receive them
     * has exited), see {@code Transit}.
     *
     * @param what   the pool, for the error message when the initializer cannot be serialized
     * @param engine makes the engine from the serialized initializer (null when there is none)
     */
    static PoolEngine engine(PoolOptions options, String what, java.util.function.Function<byte[], PoolEngine> engine) {
        Transit transit = new Transit();
        try {
            byte[] initializer = options.initializer() == null ? null
                    : transit.during(() -> CompactSerializer.INSTANCE.serialize(options.initializer(), what));
            PoolEngine made = engine.apply(initializer);
            if (!transit.isEmpty()) {
                made.stopped().whenComplete((done, failure) -> transit.release());
            }
            return made;
        } catch (RuntimeException | Error e) {
            transit.release();
            throw e;
        }
    }

    /** @return the engine's settings for a pool with these options */
    static PoolConfig config(PoolOptions options, byte[] initializer, io.github.multiprocessing4j.internal.runtime.WarmPool idleJvms) {
        ProgressListener listener = options.progress();
        return new PoolConfig(options.processes(), initializer, options.maxTasksPerChild(), options.taskTimeout(),
                options.jvmOptions(), listener == null ? null : listener::progress, idleJvms, options.retries(), ERRORS);
    }

    /** @return the engine's results of an {@code imap} as a {@link ResultIterator} */
    static <R> ResultIterator<R> results(TimedIterator<R> results) {
        return new ResultIterator<>() {
            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public R next() {
                return results.next();
            }

            @Override
            public R next(Duration timeout) {
                return results.next(timeout);
            }
        };
    }
}
