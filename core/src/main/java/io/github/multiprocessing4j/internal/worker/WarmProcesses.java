package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.ProcessDone;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.Children;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.runtime.Lifecycle;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.WarmPool;
import io.github.multiprocessing4j.internal.shm.RobustLock;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A warm JVM's processes, one after another: runs a process as {@link WorkerMain} does, and then,
 * when the JVM is left as it was found, tells the parent {@link Protocol#PROCESS_DONE} and waits
 * for the next {@code RUN_PROCESS} (or {@code POOL_WORKER}) instead of exiting.
 *
 * <h2>The end of a process</h2>
 * What a JVM's exit would do, in order: the non-daemon threads the target started are waited for
 * (as a normal return lets a JVM end only after them; an uncaught exception exits with 1 at once,
 * as a spawned child does), {@code System.out} and {@code System.err} are flushed, and the
 * library's exit actions run (a queue's feeder flushes, a pipe end's holds are given up, so the
 * other end sees the end of stream). The JVM is then reused only when nothing of the process
 * remains that a later process could trip over:
 * <ul>
 *   <li>no thread the process started is still alive (but the library's own idle daemons, such as
 *       a flushed queue feeder),</li>
 *   <li>it holds no lock (exiting, the JVM lets the next taker see {@code Lock.ownerDied()}),</li>
 *   <li>it launched no processes of its own (its control server and children are the JVM's),</li>
 *   <li>{@code System.out} and {@code System.err} are still the ones the library set, and</li>
 *   <li>it did not call {@code System.exit} (that exits, as everywhere).</li>
 * </ul>
 * Otherwise the JVM exits with the process's code, exactly as a spawned child. Static fields of the
 * application's classes keep their values from one process to the next: that is the price of the
 * warm start, documented on {@code Context}; {@code -Dmp4j.warm.reuse=false} gives every warm
 * process a JVM of its own.
 */
final class WarmProcesses {

    /** Whether a warm JVM may run another process after one ended cleanly ({@code mp4j.warm.reuse}). */
    static final boolean REUSE = Boolean.parseBoolean(System.getProperty(WarmPool.REUSE_PROPERTY, "true"));

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    private static final ThreadGroup MAIN_GROUP = Thread.currentThread().getThreadGroup();

    private WarmProcesses() {
    }

    /** Runs {@code command} and the processes that follow it; returns only to become a pool worker. */
    static void serve(FrameChannel channel, Frame command) throws Exception {
        WorkerMain.announceExit(channel);
        StandardStreams.install();
        Thread main = Thread.currentThread();
        String mainName = main.getName();
        ClassLoader mainLoader = main.getContextClassLoader();
        ControlReader reader = ControlReader.start(channel);
        while (command != null && command.type() == Protocol.RUN_PROCESS) {
            Set<Thread> before = liveThreads();
            ChildSpec spec = ChildSpec.decode(command.payload());
            int code = runOne(spec, before);
            if (code != 0 || !REUSE) {
                exit(channel, code);
            }
            Lifecycle.get().runExitActions();
            System.out.flush();
            System.err.flush();
            if (!reusable(before)) {
                exit(channel, code);
            }
            Self.endProcess();
            main.setName(mainName);
            main.setContextClassLoader(mainLoader);
            Thread.interrupted();
            channel.send(Protocol.PROCESS_DONE, done(code, false));
            command = reader.next();
        }
        if (command == null) {
            System.exit(0); // the parent retired this JVM, or is gone
        }
        if (command.type() != Protocol.POOL_WORKER) {
            System.err.println("multiprocessing4j: unknown command " + command.type() + " from the parent");
            System.exit(2);
        }
        PoolWorker.run(channel, command);
    }

    /**
     * Runs the process's target.
     *
     * @return 0 after a normal return and the target's non-daemon threads; 1 after an uncaught
     *         exception (printed as a spawned child prints it)
     */
    private static int runOne(ChildSpec spec, Set<Thread> before) throws InterruptedException {
        if (!WorkerMain.runTarget(spec)) {
            return 1;
        }
        for (Thread t : newThreads(before)) {
            if (!t.isDaemon()) {
                t.join();
            }
        }
        return 0;
    }

    private static boolean reusable(Set<Thread> before) {
        List<Thread> left = newThreads(before).stream().filter(t -> !t.isDaemon() || !t.getName().startsWith("mp4j-")).toList();
        List<String> held = RobustLock.heldHere();
        boolean reusable = left.isEmpty() && held.isEmpty() && !Children.get().anyLaunched() && StandardStreams.inPlace();
        if (!reusable) {
            LOG.log(Level.DEBUG, "this warm JVM exits after its process: threads left {0}, locks held {1}, launched children {2},"
                    + " standard streams replaced {3}", left, held, Children.get().anyLaunched(), !StandardStreams.inPlace());
        }
        return reusable;
    }

    private static byte[] done(int code, boolean exits) {
        return new ProcessDone(code, StandardStreams.stdoutBytes(), StandardStreams.stderrBytes(), exits).encode();
    }

    /**
     * A spawned JVM's one process: runs it, then ends the JVM as {@link #exit} does.
     * {@link StandardStreams} must be installed.
     */
    static void runThenExit(FrameChannel channel, ChildSpec spec) throws InterruptedException {
        exit(channel, runOne(spec, liveThreads()));
    }

    /**
     * Ends this JVM after its process: the exit work first (non-daemon children joined, the
     * others terminated, exit actions run), then the parent hears that the process ended, then
     * the JVM exits, so that the parent's {@code join()} does not wait for the JVM's own end
     * (12-20 ms measured: see {@link ProcessDone}). Shutdown hooks that the target registered run
     * after that, as the JVM exits. When the target replaced {@code System.out} or
     * {@code System.err}, the byte counts cannot vouch for its output: the parent then waits for
     * the JVM's end, which closes the streams.
     */
    private static void exit(FrameChannel channel, int code) {
        Children.get().joinNonDaemon(); // as Python's child, which joins its children before it exits
        Lifecycle.get().exitWork();
        System.out.flush();
        System.err.flush();
        if (StandardStreams.inPlace()) {
            try {
                channel.send(Protocol.PROCESS_DONE, done(code, true));
            } catch (IOException e) {
                // the parent is gone; the exit tells nothing more
            }
        }
        System.exit(code);
    }

    /**
     * @return the live platform threads of the application's thread group and its subgroups (the
     *         JDK's own lazily started threads, such as its cleaner or process reaper, live in the
     *         system group; virtual threads are daemons and cannot be enumerated)
     */
    private static Set<Thread> liveThreads() {
        ThreadGroup root = MAIN_GROUP;
        Thread[] all = new Thread[root.activeCount() + 8];
        int n;
        while ((n = root.enumerate(all, true)) == all.length) {
            all = new Thread[all.length * 2];
        }
        return new HashSet<>(Arrays.asList(all).subList(0, n));
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        List<Thread> started = new ArrayList<>();
        for (Thread t : liveThreads()) {
            if (!before.contains(t) && t.isAlive()) {
                started.add(t);
            }
        }
        return started;
    }
}
