package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.ProcessDone;
import io.github.multiprocessing4j.internal.protocol.Protocol;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.io.PrintStream;

/**
 * A child JVM this JVM launched, from spawn to reaping.
 *
 * <h2>Life</h2>
 * <pre>
 *  launched ──(child connects, token checked)──▶ attached ──(OS process ends)──▶ exited
 *      │                                                                            │
 *      └─ frames sent before attachment wait in {@code pending}                     ▼
 *                                                   reaped: stdout/stderr drained, control channel
 *                                                   at end of stream, {@link #exitCode()} completed
 * </pre>
 * A supervisor thread waits for the OS process, then for the output pumps and the control
 * channel to reach end of stream (each bounded, so that a grandchild holding an inherited pipe
 * cannot hang a join), and completes {@link #exitCode()}. While a non-daemon child runs, a
 * non-daemon thread of {@link Children} keeps this JVM from exiting after {@code main} returns,
 * as in Python. A warm child waits idle as a daemon and takes its flag when it is given work; it
 * may run several processes in turn ({@link #runProcess}), each ending with
 * {@link Protocol#PROCESS_DONE} and the JVM going back to its warm pool ({@link #onIdle}); a warm
 * JVM that exits after its process (a forkserver JVM, or one its process left unfit for reuse)
 * says so in its {@code PROCESS_DONE}, and the process has ended then, the JVM's own end reaped
 * later.
 *
 * <h2>Exit codes</h2>
 * The JVM reports a child killed by signal N as status 128+N, which a {@code System.exit(128+N)}
 * also produces. The child says {@link Protocol#EXITING} on the control channel whenever it exits
 * by itself, so: announced, the status is the code; not announced and above 128, the child was
 * killed by signal {@code status - 128} and the code is its negation, as in Python.
 */
public final class ChildJvm {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final java.lang.Process os;
    private volatile boolean daemon;
    private final long sequence = SEQUENCE.incrementAndGet();
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final CompletableFuture<Void> controlClosed = new CompletableFuture<>();
    private final List<Frame> pending = new ArrayList<>();
    private volatile Object owner;
    private volatile Consumer<Frame> handler = frame -> { };
    private volatile boolean announcedExit;
    private FrameChannel channel;
    /** The end of the process this JVM runs now, or null; guarded by {@code runLock}. */
    private CompletableFuture<Integer> run;
    private final Object runLock = new Object();
    /** Told when a warm JVM's process ended and the JVM stays for another one. */
    private volatile Consumer<ChildJvm> onIdle = jvm -> jvm.terminate();

    ChildJvm(java.lang.Process os, boolean daemon, Supplier<PrintStream> out, Supplier<PrintStream> err) {
        this.os = os;
        this.daemon = daemon;
        this.stdout = new OutputPump(os.getInputStream(), out);
        this.stderr = new OutputPump(os.getErrorStream(), err);
    }

    void startThreads(String name) {
        Threads.daemon("mp4j-out-" + name, stdout);
        Threads.daemon("mp4j-err-" + name, stderr);
        Threads.daemon("mp4j-supervise-" + name, this::supervise);
    }

    /** Called by the control server when the child connected with the right token. */
    void attach(FrameChannel connected) {
        synchronized (pending) {
            // Flushed before the channel is published, under the lock: a frame sent meanwhile waits
            // and then goes after them, so frames arrive in the order they were sent.
            if (!pending.isEmpty()) {
                write(connected, List.copyOf(pending));
            }
            pending.clear();
            channel = connected;
        }
        Threads.daemon("mp4j-control-" + pid(), this::readControl);
    }

    private void readControl() {
        FrameChannel ch;
        synchronized (pending) {
            ch = channel;
        }
        try {
            Frame frame;
            while ((frame = ch.receive()) != null) {
                if (frame.type() == Protocol.EXITING) {
                    announcedExit = true;
                } else if (frame.type() == Protocol.PROCESS_DONE) {
                    processDone(frame);
                } else {
                    handler.accept(frame);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.TRACE, "control channel of child {0} ended: {1}", pid(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "handling a message of child " + pid() + " failed", e);
        } finally {
            ch.close();
            controlClosed.complete(null);
        }
    }

    /**
     * Hands this JVM a process to run.
     *
     * @param owner the {@code Process}
     * @param spec  the encoded {@link ChildSpec}
     * @return completed with the process's exit code when it has ended and its output has arrived:
     *         when the JVM says {@link Protocol#PROCESS_DONE} (whether it stays or exits), or
     *         when it exits without saying it
     */
    public CompletableFuture<Integer> runProcess(Object owner, boolean daemon, byte[] spec) {
        CompletableFuture<Integer> end = new CompletableFuture<>();
        synchronized (runLock) {
            if (run != null) {
                throw new IllegalStateException("child JVM " + pid() + " already runs a process");
            }
            run = end;
            this.owner = owner;
        }
        daemon(daemon);
        send(Protocol.RUN_PROCESS, spec);
        exitCode.thenAccept(code -> {
            synchronized (runLock) {
                if (run == end) {
                    run = null;
                    this.owner = null;
                }
            }
            end.complete(code); // no effect when the process had ended before the JVM
        });
        return end;
    }

    /** Where a warm JVM goes when its process ended and it stays for another one; by default it is terminated. */
    public void onIdle(Consumer<ChildJvm> action) {
        this.onIdle = action;
    }

    private void processDone(Frame frame) throws IOException {
        ProcessDone done = ProcessDone.decode(frame.payload());
        int code = done.exitCode();
        try {
            awaitOutput(done.stdoutBytes(), done.stderrBytes(), 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<Integer> end = takeRun();
        daemon(true);
        if (!done.exits()) {
            onIdle.accept(this); // back in the warm pool before join() returns: a start right after finds it
        } // else the JVM is on its way out: the supervisor reaps it
        if (end != null) {
            end.complete(code);
        }
    }

    private CompletableFuture<Integer> takeRun() {
        synchronized (runLock) {
            CompletableFuture<Integer> end = run;
            run = null;
            owner = null;
            return end;
        }
    }

    /** Sends a frame now, or as soon as the child has connected. */
    public void send(byte type, byte[] payload) {
        sendAll(List.of(new Frame(type, payload)));
    }

    /** Sends frames now, in one write, or as soon as the child has connected. */
    public void sendAll(List<Frame> frames) {
        FrameChannel ch;
        synchronized (pending) {
            ch = channel;
            if (ch == null) {
                pending.addAll(frames);
                return;
            }
        }
        write(ch, frames);
    }

    private void write(FrameChannel ch, List<Frame> frames) {
        try {
            ch.sendAll(frames);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send to child {0}: {1}", pid(), e);
        }
    }

    /** Receives the frames the child sends other than {@link Protocol#EXITING}, on the reading thread. */
    public void onMessage(Consumer<Frame> handler) {
        this.handler = handler;
    }

    private void supervise() {
        int status;
        while (true) {
            try {
                status = os.waitFor();
                break;
            } catch (InterruptedException e) {
                // only the exit matters to this thread
            }
        }
        awaitQuietly(stdout.drained(), 5);
        awaitQuietly(stderr.drained(), 5);
        if (channel() != null) {
            awaitQuietly(controlClosed, 2);
        }
        Children.get().remove(this);
        exitCode.complete(exitCodeOf(status, announcedExit));
    }

    /** Python's exit code from the OS status (see the class comment). */
    static int exitCodeOf(int status, boolean announced) {
        if (!announced && status > 128 && status <= 128 + 64) {
            return -(status - 128);
        }
        return status;
    }

    private FrameChannel channel() {
        synchronized (pending) {
            return channel;
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future, int seconds) {
        try {
            future.get(seconds, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // bounded on purpose: see the class comment
        }
    }

    public long pid() {
        return os.pid();
    }

    /**
     * Waits (at most {@code millis}) until this JVM has copied the given numbers of bytes of the
     * child's stdout and stderr: output the child printed before it said something on the control
     * channel then comes before what this JVM does about that message.
     */
    public void awaitOutput(long stdoutBytes, long stderrBytes, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        stdout.awaitCopied(stdoutBytes, millis);
        stderr.awaitCopied(stderrBytes, Math.max(0, deadline - System.currentTimeMillis()));
    }

    /** @return the last {@code lines} lines the child wrote to stderr */
    public String stderrTail(int lines) {
        return stderr.tail(lines);
    }

    /** @return the last {@code lines} lines the child wrote to stdout (where the JVM reports a fatal out-of-memory exit) */
    public String stdoutTail(int lines) {
        return stdout.tail(lines);
    }

    public boolean isDaemon() {
        return daemon;
    }

    /** Sets the daemon flag (for a warm child given work): a non-daemon child keeps this JVM alive. */
    public void daemon(boolean daemon) {
        this.daemon = daemon;
        Children.get().changed();
    }

    /** @return true once the child has connected and proved its token */
    public boolean isAttached() {
        return channel() != null;
    }

    long sequence() {
        return sequence;
    }

    /** Completes with Python's exit code once the child is reaped. */
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /** @return true until the child is reaped */
    public boolean isAlive() {
        return !exitCode.isDone();
    }

    /** SIGTERM. The child JVMs run with {@code -Xrs}: no shutdown hooks, the signal's default action. */
    public void terminate() {
        os.toHandle().destroy();
    }

    /** SIGKILL. */
    public void kill() {
        os.toHandle().destroyForcibly();
    }

    /**
     * Signals this JVM if it still runs the process whose end is {@code end} (a warm JVM may run
     * another process by now, which must not be hit).
     *
     * @param forcibly SIGKILL rather than SIGTERM
     */
    public void signalProcess(CompletableFuture<Integer> end, boolean forcibly) {
        synchronized (runLock) {
            if (run == end && !end.isDone()) {
                if (forcibly) {
                    kill();
                } else {
                    terminate();
                }
            }
        }
    }

    /** The object this child stands for (a {@code Process}, a pool worker). */
    public Object owner() {
        return owner;
    }

    public void owner(Object owner) {
        this.owner = owner;
    }
}
