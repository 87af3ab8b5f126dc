package io.github.multiprocessing4j.internal.runtime;

/** Starting the library's internal threads. */
public final class Threads {

    private Threads() {
    }

    /** Starts a daemon platform thread with a small stack. */
    public static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(null, body, name, 256 * 1024);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
