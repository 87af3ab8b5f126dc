package io.github.multiprocessing4j.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Copies a child's stdout or stderr into this JVM's {@code System.out} or {@code System.err},
 * looked up at each write, so that output follows {@link System#setOut} made after the child
 * started. {@link #drained()} completes at the child's end of stream.
 *
 * <p>It also counts the bytes copied ({@link #awaitCopied}, for a pool that delivers a result
 * only after the output printed before it) and keeps the last {@value #TAIL} bytes ({@link #tail},
 * for the report of a worker that died).
 */
final class OutputPump implements Runnable {

    static final int TAIL = 8192;

    private final InputStream in;
    private final Supplier<PrintStream> target;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final byte[] tail = new byte[TAIL];
    private long copied; // guarded by this

    OutputPump(InputStream in, Supplier<PrintStream> target) {
        this.in = in;
        this.target = target;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                PrintStream out = target.get();
                synchronized (out) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                synchronized (this) {
                    int from = Math.max(0, n - TAIL);
                    int at = (int) ((copied + from) % TAIL);
                    int first = Math.min(n - from, TAIL - at);
                    System.arraycopy(buffer, from, tail, at, first);
                    System.arraycopy(buffer, from + first, tail, 0, n - from - first);
                    copied += n;
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the stream was closed under us: the child is gone
        } finally {
            drained.complete(null);
            synchronized (this) {
                notifyAll();
            }
        }
    }

    CompletableFuture<Void> drained() {
        return drained;
    }

    /** Waits until {@code bytes} bytes have been copied, the stream ended, or {@code millis} passed. */
    synchronized void awaitCopied(long bytes, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (copied < bytes && !drained.isDone()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** @return the last {@code lines} lines copied (at most {@value #TAIL} bytes) */
    synchronized String tail(int lines) {
        int n = (int) Math.min(copied, TAIL);
        byte[] last = new byte[n];
        for (int i = 0; i < n; i++) {
            last[i] = tail[(int) ((copied - n + i) % TAIL)];
        }
        String text = new String(last, StandardCharsets.UTF_8).stripTrailing();
        int at = text.length();
        for (int i = 0; i < lines && at > 0; i++) {
            at = text.lastIndexOf('\n', at - 1);
            if (at < 0) {
                return text;
            }
        }
        return at <= 0 ? text : text.substring(at + 1);
    }
}
