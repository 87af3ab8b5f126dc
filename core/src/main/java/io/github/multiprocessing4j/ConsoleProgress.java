package io.github.multiprocessing4j;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * {@link ProgressListener#console()}: one line of progress per map call, with the rate and the
 * time left. On a terminal the line is redrawn in place (at most ten times a second, and at the
 * end); elsewhere (a log, a pipe, a CI job) a plain line is printed at most once a second, and
 * at the end. Calls come from the pool's one callback thread; a new call is recognised by its
 * count going down or its total changing.
 */
final class ConsoleProgress implements ProgressListener {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long interval;
    private long start;
    private long lastDone = -1;
    private long lastTotal = Long.MIN_VALUE;
    private long lastPrinted;

    ConsoleProgress(PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = nanoClock;
        this.interval = terminal ? 100_000_000L : 1_000_000_000L;
    }

    @Override
    public synchronized void progress(long done, long total) {
        long now = clock.getAsLong();
        if (done < lastDone || total != lastTotal && lastTotal >= 0 && total >= 0) {
            lastDone = -1; // a new call
        }
        if (lastDone < 0) {
            start = now;
            lastPrinted = now - interval;
        }
        lastDone = done;
        lastTotal = total;
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - lastPrinted < interval) {
            return;
        }
        lastPrinted = now;
        String line = line(done, total, now - start);
        if (terminal) {
            out.print("\r" + line + (finished ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
        if (finished) {
            lastDone = -1;
        }
    }

    /** @return "[####······] 50/100 (50%) 1,234 items/s, 0:04 left" */
    static String line(long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder s = new StringBuilder();
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            s.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
            s.append(String.format("%,d/%,d (%d%%)", done, total, 100 * done / total));
        } else {
            s.append(String.format("%,d/%s", done, total == 0 ? "0" : "?"));
        }
        s.append(String.format(", %,.0f items/s", rate));
        if (total > 0 && done < total && rate > 0) {
            long left = (long) Math.ceil((total - done) / rate);
            s.append(String.format(", %d:%02d left", left / 60, left % 60));
        } else if (total >= 0 && done >= total) {
            s.append(String.format(", done in %.1f s", seconds));
        }
        return s.toString();
    }
}
