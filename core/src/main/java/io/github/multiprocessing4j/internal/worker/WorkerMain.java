package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.protocol.Hello;
import io.github.multiprocessing4j.internal.protocol.Refused;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.runtime.Children;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.Threads;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of every child JVM: a {@code Process}'s, or a pool worker's ({@link PoolWorker}).
 *
 * <ol>
 *   <li>Reads its token, one line, from stdin (the application then sees an empty
 *       {@code System.in}, as a Python child sees devnull). Then it watches its parent: when the
 *       parent process is gone, even killed with SIGKILL, the child exits within about half a
 *       second (and so, in turn, do its own children). The watch polls the parent's
 *       {@link ProcessHandle} (pid and start time) every {@value #PARENT_POLL_MILLIS} ms instead
 *       of blocking on a read of stdin until end of file: at exit the JVM waits up to 300 ms for
 *       threads blocked in native code, and a thread blocked in {@code read} is one, which made
 *       every child take 300 ms longer to exit.</li>
 *   <li>Connects to the control socket named by its argument and says {@code HELLO}.</li>
 *   <li>Runs what the parent sends: for {@code RUN_PROCESS}, deserializes the {@code Process}
 *       and calls its {@code run()}. An uncaught exception prints {@code Process <name>:} and the
 *       stack trace to stderr and exits with 1; a normal return exits with 0 once the target's
 *       non-daemon threads and children have ended, as Java and Python do. Either way the
 *       process's end is reported ({@code PROCESS_DONE}) before the JVM's own end, which takes
 *       a while (see {@link WarmProcesses}). A warm JVM ({@code -Dmp4j.warm=true}) may instead
 *       stay for another process.</li>
 *   <li>Whenever it exits by itself, a shutdown hook flushes the standard streams and says
 *       {@code EXITING}, so the parent reads its status as a code, not a signal.</li>
 * </ol>
 */
public final class WorkerMain {

    static final int PARENT_POLL_MILLIS = 200;

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("WorkerMain is started by multiprocessing4j, not by hand");
            System.exit(2);
        }
        InputStream stdin = System.in;
        String token = readLine(stdin);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        Threads.daemon("mp4j-parent-watch", () -> watchParent(parent));

        String warmth = System.getProperty("mp4j.warm"); // "true": idle ahead of need; "fresh": launched on demand
        boolean warm = warmth != null;
        if ("true".equals(warmth)) {
            WarmUp.run(); // before connecting: a warm JVM counts as ready once it has connected
        }
        long pid = ProcessHandle.current().pid();
        FrameChannel channel = FrameChannel.connect(args[0], Hello.TYPE, new Hello(Protocol.VERSION, pid, token).encode());
        Frame command = channel.receive();
        if (command == null) {
            System.err.println("multiprocessing4j: the parent closed the control channel before sending work");
            System.exit(2);
        }
        switch (command.type()) {
            case Protocol.REFUSED -> {
                System.err.println("multiprocessing4j: " + Refused.decode(command.payload()).reason());
                System.exit(2);
            }
            case Protocol.RUN_PROCESS -> {
                if (warm) {
                    WarmProcesses.serve(channel, command);
                } else {
                    runProcess(channel, command);
                }
            }
            case Protocol.POOL_WORKER -> PoolWorker.run(channel, command);
            default -> {
                System.err.println("multiprocessing4j: unknown command " + command.type() + " from the parent");
                System.exit(2);
            }
        }
    }

    private static void runProcess(FrameChannel channel, Frame command) throws InterruptedException {
        ChildSpec spec = ChildSpec.decode(command.payload());
        announceExit(channel);
        StandardStreams.install(); // counted, so that the parent knows when it has all the output
        ControlReader.start(channel); // for INTERRUPT
        WarmProcesses.runThenExit(channel, spec);
    }

    /**
     * Makes this JVM the process {@code spec} describes and runs its target.
     *
     * @return false when the target raised (printed as Python prints it), true after a normal return
     */
    static boolean runTarget(ChildSpec spec) {
        RunDirectory.attach(spec.runId(), Path.of(spec.runDir()));
        Self.becomeChild(spec);
        try {
            Object process = CompactSerializer.INSTANCE.deserialize(spec.process());
            Self.currentProcess(process);
            ControlReader.targetStarts(spec.name());
            ((io.github.multiprocessing4j.Process) process).run();
            return true;
        } catch (Throwable t) {
            printFailure(spec.name(), t);
            return false;
        } finally {
            ControlReader.targetEnded();
        }
    }

    /** What Python prints for a process whose target raised: a header and the stack trace, on stderr. */
    private static void printFailure(String processName, Throwable t) {
        System.out.flush();
        System.err.println("Process " + processName + ":");
        t.printStackTrace();
        System.err.flush();
    }

    private static boolean exitAnnounced;

    /** Every exit the child makes by itself goes through the shutdown hooks: say so to the parent (once). */
    static synchronized void announceExit(FrameChannel channel) {
        if (exitAnnounced) {
            return;
        }
        exitAnnounced = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.flush();
            System.err.flush();
            try {
                channel.send(Protocol.EXITING, new byte[0]);
            } catch (IOException ignored) {
                // the parent is gone
            }
            // Closed now, so that a thread blocked reading it (ControlReader, a pool worker's inbox)
            // returns before the JVM's exit, which waits up to 300 ms for threads in native code:
            // measured, every child took 300 ms longer to end with a reader left blocked.
            channel.close();
        }, "mp4j-exit"));
    }

    private static void watchParent(ProcessHandle parent) {
        try {
            while (parent != null && parent.isAlive() && isParent(parent)) {
                Thread.sleep(PARENT_POLL_MILLIS);
            }
        } catch (InterruptedException ignored) {
            // treated as the parent's death: nobody interrupts this thread otherwise
        }
        // The parent died. Exit; if shutdown hooks hang, halt.
        Threads.daemon("mp4j-halt", () -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException ignored) {
                // halt now
            }
            Runtime.getRuntime().halt(1);
        });
        System.exit(1);
    }

    /** A dead parent may linger as a zombie, but its children are re-parented at once. */
    private static boolean isParent(ProcessHandle parent) {
        return ProcessHandle.current().parent().map(p -> p.pid() == parent.pid()).orElse(false);
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] line = new byte[128];
        int n = 0;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (n == line.length) {
                throw new IOException("token line too long");
            }
            line[n++] = (byte) b;
        }
        return new String(line, 0, n, StandardCharsets.US_ASCII);
    }
}
