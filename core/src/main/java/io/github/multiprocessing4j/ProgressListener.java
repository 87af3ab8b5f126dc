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
 *
 * <p>Or the ready-made progress bar, {@link #console()}:
 * <pre>{@code
 * try (Pool pool = new Pool(PoolOptions.processes(4).progress(ProgressListener.console()))) {
 *     pool.map(x -> slowSquare(x), inputs);   // [##########--------------------] 3,300/10,000 (33%), 1,100 items/s, 0:06 left
 * }
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

    /**
     * A progress bar on {@code System.err}: one line per map call with the items done, the
     * total, the rate and the time left. On a terminal the line is redrawn in place (at most ten
     * times a second); otherwise (a log file, a pipe, a CI job) a plain line is printed at most
     * once a second, and always at the end.
     *
     * @return the listener, for {@link PoolOptions#progress}
     */
    static ProgressListener console() {
        java.io.Console console = System.console();
        return new ConsoleProgress(System.err, console != null && console.isTerminal(), System::nanoTime);
    }
}
