package io.github.multiprocessing4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err} for the duration of a try-with-resources
 * block, as a user of the library might, and keeps what was written.
 */
public final class Capture implements AutoCloseable {

    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    public Capture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** @return everything written to System.out so far */
    public String out() {
        System.out.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return everything written to System.err so far */
    public String err() {
        System.err.flush();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }
}
