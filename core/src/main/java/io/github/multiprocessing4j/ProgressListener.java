package io.github.multiprocessing4j;

/**
 * Hears how far a long {@code map} has got: called after each chunk completes, on a thread of
 * the pool's own (never the worker's), with the items done so far and the total. For
 * {@code imap} and {@code imapUnordered} the total is -1 while the input is still being read.
 * A listener that throws is reported through {@link System.Logger} and harms nothing.
 *
 * <pre>{@code
 * PoolOptions options = PoolOptions.processes(4)
 *         .progress((done, total) -> System.err.printf("\r%d/%d", done, total));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called as the tasks of a map call are done, on the pool's callback thread.
     *
     * @param done  items finished (successfully or not)
     * @param total items in the call, or -1 when not known yet
     */
    void progress(long done, long total);
}
