package io.github.multiprocessing4j.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Copies a child's stdout or stderr into this JVM's {@code System.out} or {@code System.err},
 * looked up at each write, so that output follows {@link System#setOut} made after the child
 * started. {@link #drained()} completes at the child's end of stream.
 */
final class OutputPump implements Runnable {

    private final InputStream in;
    private final Supplier<PrintStream> target;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

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
            }
        } catch (IOException ignored) {
            // the stream was closed under us: the child is gone
        } finally {
            drained.complete(null);
        }
    }

    CompletableFuture<Void> drained() {
        return drained;
    }
}
