package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.ProgressListener;

import java.io.PrintStream;

/**
 * A text progress bar for long pool calls: a {@link ProgressListener} that redraws one line,
 * {@code [##########          ] 50% 500/1000}, on a stream (stderr by default). An example of
 * the listener, kept out of the library on purpose: core has no opinion about terminals.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(PoolOptions.defaults().progress(new ProgressBar()))) {
 *     pool.map(LongMap::slow, items);
 * }
 * }</pre>
 */
public final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private long lastPercent = -1;

    public ProgressBar() {
        this(System.err);
    }

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void progress(long done, long total) {
        if (total <= 0) {
            out.print("\r" + done + " done");
            return;
        }
        long percent = done * 100 / total;
        if (percent == lastPercent && done != total) {
            return;
        }
        lastPercent = percent;
        int filled = (int) (done * WIDTH / total);
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + done + "/" + total);
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
