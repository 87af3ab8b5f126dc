package io.github.multiprocessing4j.internal.worker;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The child's {@code System.out} and {@code System.err}, counting the bytes that reach the file
 * descriptors. A child that reports an event to its parent (a pool result, the end of a warm
 * process) sends the counts with it, so that the parent acts on the event only after it has
 * copied the output printed before it: output then comes before the result, as in Python.
 */
final class StandardStreams {

    private static Counting stdout;
    private static Counting stderr;
    private static PrintStream out;
    private static PrintStream err;

    private StandardStreams() {
    }

    /** Replaces {@code System.out} and {@code System.err} with counting streams, once. */
    static synchronized void install() {
        if (stdout != null) {
            return;
        }
        System.out.flush();
        System.err.flush();
        stdout = new Counting(new FileOutputStream(FileDescriptor.out));
        stderr = new Counting(new FileOutputStream(FileDescriptor.err));
        out = new PrintStream(new BufferedOutputStream(stdout, 8192), true, charset("stdout.encoding"));
        err = new PrintStream(stderr, true, charset("stderr.encoding"));
        System.setOut(out);
        System.setErr(err);
    }

    /** @return the bytes written to stdout so far (flush {@code System.out} first) */
    static long stdoutBytes() {
        return stdout.count;
    }

    /** @return the bytes written to stderr so far */
    static long stderrBytes() {
        return stderr.count;
    }

    /** @return true while {@code System.out} and {@code System.err} are still the ones {@link #install} set */
    static synchronized boolean inPlace() {
        return out != null && System.out == out && System.err == err;
    }

    private static Charset charset(String property) {
        try {
            return Charset.forName(System.getProperty(property, "UTF-8"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** Counts the bytes that reach a file descriptor; written under the PrintStream's lock. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        volatile long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
