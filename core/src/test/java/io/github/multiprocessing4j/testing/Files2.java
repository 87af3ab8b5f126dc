package io.github.multiprocessing4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File signals between a test and its child processes: no timing involved. */
public final class Files2 {

    private Files2() {
    }

    /** Blocks (in a child) until the file exists; at most 60 s. */
    public static void awaitFile(String path) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(Path.of(path))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + path + " within 60 s");
            }
            Thread.sleep(10);
        }
    }

    /** Creates the file. */
    public static void touch(String path) throws IOException {
        Files.writeString(Path.of(path), "x");
    }

    /** Blocks forever (for processes the test terminates or kills). */
    public static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
