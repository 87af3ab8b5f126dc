package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.ipc.Transit;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.spi.Backends;
import io.github.multiprocessing4j.internal.spi.ProcessControl;

import java.util.concurrent.CompletableFuture;

/**
 * The role of a {@link Process} that is, or will be, a child of this JVM: the only role with a
 * life of its own. A {@code Process} made here starts in it, and so does a deserialized copy
 * (wherever it lands, a copy is a new, unstarted process).
 */
final class ChildRole implements ProcessRole {

    private final Process owner;

    /** The states of the public javadoc's drawing. */
    enum State { NEW, STARTED, ENDED, CLOSED }

    /**
     * This child's state, guarded by {@code this}.
     * <pre>
     *   NEW ──start()──▶ STARTED ──(exited, output drained)──▶ ENDED ──close()──▶ CLOSED
     *    └─────────────────────────────close()────────────────────────────────────▲
     * </pre>
     * STARTED becomes ENDED when the control's end future is seen completed ({@link #state()}, the
     * one place that moves it), so that every method sees the end as soon as it happened.
     */
    private State state = State.NEW;
    /** The started child; set once, with STARTED, and read under {@code this} or after it. */
    private ProcessControl control;
    /** The name the child was started with (what the child knows it by); set with {@code control}. */
    private String startedAs;

    ChildRole(Process owner) {
        this.owner = owner;
    }

    @Override
    public synchronized void start(Process process) {
        switch (state()) {
            case CLOSED -> throw closed();
            case STARTED, ENDED -> throw new IllegalStateException("cannot start a process twice: " + process.getName() + " was already started");
            case NEW -> { }
        }
        String name = process.getName();
        // queues and pipe ends in the target keep their memory until the child ended
        Transit transit = new Transit();
        byte[] payload = transit.during(() -> CompactSerializer.INSTANCE.serialize(process, "the target of " + name));
        RunDirectory run = RunDirectory.get();
        ChildSpec spec = new ChildSpec(payload, name, process.identity(), process.isDaemon(), Self.name(),
                ProcessHandle.current().pid(), run.runId(), run.dir().toString());
        try {
            control = Backends.launcher(process.context())
                    .launch(process, name, process.isDaemon(), process.getJvmOptions(), spec.encode());
        } catch (RuntimeException | Error e) {
            transit.release();
            throw e;
        }
        if (!transit.isEmpty()) {
            control.end().whenComplete((code, failure) -> transit.release());
        }
        startedAs = name;
        state = State.STARTED;
    }

    @Override
    public CompletableFuture<Integer> end(String what) {
        return started(what).end();
    }

    @Override
    public synchronized boolean isAlive() {
        return switch (state()) {
            case NEW, ENDED -> false;
            case CLOSED -> throw closed();
            case STARTED -> true;
        };
    }

    @Override
    public synchronized Integer exitCode() {
        return switch (state()) {
            case NEW, STARTED -> null;
            case CLOSED -> throw closed();
            case ENDED -> control.end().getNow(null);
        };
    }

    @Override
    public synchronized Long pid() {
        if (state() == State.CLOSED) {
            throw closed();
        }
        return control == null ? null : control.pid();
    }

    @Override
    public synchronized void requireNew(String what, String message) {
        if (state() != State.NEW) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public void signal(String what, boolean kill) {
        started(what).signal(kill);
    }

    @Override
    public void interrupt() {
        started("interrupt").interrupt(startedAs);
    }

    @Override
    public synchronized void close() {
        if (state() == State.STARTED) {
            throw new IllegalStateException("cannot close " + owner.getName() + " while it is still running: call join() or terminate() first");
        }
        state = State.CLOSED;
    }

    @Override
    public synchronized String describe(Process process) {
        return switch (state()) {
            case NEW -> " initial";
            case CLOSED -> " closed";
            case STARTED, ENDED -> " pid=" + control.pid() + " parent=" + ProcessHandle.current().pid()
                    + (state == State.ENDED ? " stopped exitcode=" + control.end().getNow(null) : " started");
        };
    }

    /** @return the state, moving STARTED to ENDED once the child's end is complete */
    private State state() {
        if (state == State.STARTED && control.end().isDone()) {
            state = State.ENDED;
        }
        return state;
    }

    private synchronized ProcessControl started(String what) {
        return switch (state()) {
            case NEW -> throw new IllegalStateException("cannot " + what + " " + owner.getName() + ": it was not started");
            case CLOSED -> throw closed();
            case STARTED, ENDED -> control;
        };
    }

    private IllegalStateException closed() {
        return new IllegalStateException("process object " + owner.getName() + " is closed");
    }
}
