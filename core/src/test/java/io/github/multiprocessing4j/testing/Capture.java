package io.github.multiprocessing4j.testing;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces {@code System.out} and {@code System.err} for the duration of a try-with-resources
 * block, as a user of the library might, and keeps what was written: what this JVM prints, what
 * its child JVMs print (their output is copied to this JVM's streams), and the library's log
 * records (level and message, written to the captured stderr as the console would show them). A
 * test that provokes an error captures what the error prints and asserts on it, so that a passing
 * suite prints nothing but its progress.
 */
public final class Capture implements AutoCloseable {

    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** The loggers taken (the library's, and those a test adds), held so that their settings stay while captured. */
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Boolean> savedUseParent = new ArrayList<>();
    private final Handler logs = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = new SimpleFormatter().formatMessage(record);
            System.err.println(record.getLevel() + ": " + message);
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(System.err);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public Capture() {
        this(new String[0]);
    }

    /**
     * Captures the library's log records and those of {@code moreLoggers} too (as
     * {@code "com.hazelcast"} in the cluster's tests: a JUL console handler writes to the stderr it
     * found when it was made, which a replaced {@code System.err} does not catch).
     *
     * @param moreLoggers names of further loggers to capture
     */
    public Capture(String... moreLoggers) {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        loggers.add(Logger.getLogger("io.github.multiprocessing4j"));
        for (String name : moreLoggers) {
            loggers.add(Logger.getLogger(name));
        }
        for (Logger logger : loggers) {
            savedUseParent.add(logger.getUseParentHandlers());
            logger.addHandler(logs);
            logger.setUseParentHandlers(false);
        }
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
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(logs);
            loggers.get(i).setUseParentHandlers(savedUseParent.get(i));
        }
        System.setOut(savedOut);
        System.setErr(savedErr);
    }
}
