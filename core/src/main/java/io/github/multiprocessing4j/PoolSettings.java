package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.pool.PoolConfig;
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
