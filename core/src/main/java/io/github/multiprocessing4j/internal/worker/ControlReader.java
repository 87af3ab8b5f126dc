package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.Interrupt;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.Threads;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads a process child's control channel while its process runs: {@code INTERRUPT} interrupts the
 * thread running the target it names, at once; other frames (a warm JVM's next command) wait for
 * {@link #next()}. It stops reading after {@code POOL_WORKER}: a pool worker reads its channel
 * itself ({@link PoolWorker}).
 *
 * <p>An interrupt that arrives before the target's thread is registered (the parent interrupted
 * right after {@code start()}) is kept for it, so that it is never lost.
 */
final class ControlReader {

    private static final Frame END = new Frame((byte) -1, new byte[0]);
    private static final Object LOCK = new Object();
    /** The thread running the target of {@link #targetName}; guarded by LOCK. */
    private static Thread target;
    private static String targetName;
    /** The name of a process interrupted before its thread was registered; guarded by LOCK. */
    private static String pending;

    private final BlockingQueue<Frame> commands = new LinkedBlockingQueue<>();

    private ControlReader() {
    }

    /** Starts reading {@code channel} on a daemon thread. */
    static ControlReader start(FrameChannel channel) {
        ControlReader reader = new ControlReader();
        Threads.daemon("mp4j-control-reader", () -> reader.read(channel));
        return reader;
    }

    private void read(FrameChannel channel) {
        try {
            Frame frame;
            while ((frame = channel.receive()) != null) {
                if (frame.type() == Protocol.INTERRUPT) {
                    interrupt(Interrupt.decode(frame.payload()).processName());
                    continue;
                }
                commands.add(frame);
                if (frame.type() == Protocol.POOL_WORKER) {
                    return; // the pool worker reads the channel from here on
                }
            }
        } catch (IOException e) {
            // as the end of the stream: the parent is gone (the parent watch ends this JVM)
        }
        commands.add(END);
    }

    /** @return the next command, or null once the parent closed the channel */
    Frame next() throws InterruptedException {
        Frame frame = commands.take();
        return frame == END ? null : frame;
    }

    /** The current thread runs the target of process {@code name} (until {@link #targetEnded()}). */
    static void targetStarts(String name) {
        synchronized (LOCK) {
            target = Thread.currentThread();
            targetName = name;
            if (name.equals(pending)) {
                pending = null;
                target.interrupt();
            }
        }
    }

    static void targetEnded() {
        synchronized (LOCK) {
            target = null;
            targetName = null;
            pending = null;
        }
    }

    private static void interrupt(String name) {
        synchronized (LOCK) {
            if (target != null && name.equals(targetName)) {
                target.interrupt();
            } else {
                pending = name;
            }
        }
    }
}
