package io.github.multiprocessing4j.testing;

import io.github.multiprocessing4j.Connection;
import io.github.multiprocessing4j.ProcessException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every kind of connection promises a thread blocked in {@code recv()}. */
public final class BlockedReceive {

    private BlockedReceive() {
    }

    /**
     * A thread blocked in {@code interrupted.recv()} ends, when interrupted, with a
     * {@link ProcessException} caused by the interrupt and its flag restored; a thread blocked in
     * {@code closed.recv()} ends with an {@link IllegalStateException} when that end is closed.
     */
    public static void endsOnInterruptThenOnClose(Connection interrupted, Connection closed) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                interrupted.recv();
            } catch (Throwable t) {
                outcome.complete(Thread.currentThread().isInterrupted() ? t : new AssertionError("flag lost", t));
            }
        });
        reader.start();
        Thread.sleep(100);
        reader.interrupt();
        Throwable t = outcome.get(30, TimeUnit.SECONDS);
        assertTrue(t instanceof ProcessException && t.getCause() instanceof InterruptedException, String.valueOf(t));

        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread blocked = new Thread(() -> {
            try {
                closed.recv();
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        blocked.start();
        Thread.sleep(100);
        closed.close();
        assertInstanceOf(IllegalStateException.class, ended.get(30, TimeUnit.SECONDS));
    }
}
