package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.PoolReady;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.WarmPool;
import io.github.multiprocessing4j.internal.shm.Segment;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Pool workers that are child JVMs: each is launched (or taken idle from the {@code "warm"}
 * context), sent {@code POOL_WORKER} with the initializer, and runs {@code PoolWorker}.
 */
public final class JvmWorkers implements WorkerLauncher {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");

    private final byte[] initializer;
    private final WarmPool idleJvms;
    private final List<String> jvmOptions;
    private final JvmLauncher.Placement placement;

    /**
     * @param initializer the serialized initializer, or null
     * @param idleJvms    where to take JVMs started ahead of need, or null to launch them
     * @param jvmOptions  the user's options for the worker JVMs
     */
    JvmWorkers(byte[] initializer, WarmPool idleJvms, List<String> jvmOptions) {
        this(initializer, idleJvms, jvmOptions, JvmLauncher.Placement.LOCAL);
    }

    /**
     * @param config a pool's settings
     * @return its workers as child JVMs of this one (taken idle from {@code config.idleJvms()} if set)
     */
    public static JvmWorkers of(PoolConfig config) {
        return new JvmWorkers(config.initializer(), config.idleJvms(), config.jvmOptions());
    }

    /**
     * Workers launched with their own class path and output streams (a cluster agent's workers,
     * which run a remote parent's class path and relay its output).
     *
     * @param initializer the serialized initializer, or null
     * @param jvmOptions  the user's options for the worker JVMs
     * @param placement   the workers' class path and output streams
     */
    public JvmWorkers(byte[] initializer, List<String> jvmOptions, JvmLauncher.Placement placement) {
        this(initializer, null, jvmOptions, placement);
    }

    private JvmWorkers(byte[] initializer, WarmPool idleJvms, List<String> jvmOptions, JvmLauncher.Placement placement) {
        this.placement = placement;
        this.initializer = initializer == null ? new byte[0] : initializer;
        this.idleJvms = idleJvms;
        List<String> options = new ArrayList<>();
        if (idleJvms == null || !jvmOptions.isEmpty()) {
            options.add("-XX:+ExitOnOutOfMemoryError"); // an idle warm JVM has no flag: PoolWorker does the same
        }
        options.addAll(jvmOptions);
        this.jvmOptions = List.copyOf(options);
    }

    @Override
    public Worker launch(BiConsumer<Worker, Frame> onMessage, ObjIntConsumer<Worker> onExit) {
        int[] identity = Self.nextChildIdentity();
        String name = "SpawnPoolWorker-" + IntStream.of(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
        RunDirectory run = RunDirectory.get();
        // the ChildSpec's process field carries the initializer
        byte[] spec = new ChildSpec(initializer, name, identity, true, Self.name(),
                ProcessHandle.current().pid(), run.runId(), run.dir().toString()).encode();
        ChildJvm jvm = idleJvms != null ? idleJvms.take(name, true, jvmOptions) : JvmLauncher.launch(name, true, jvmOptions, placement);
        JvmWorker worker = new JvmWorker(name, jvm);
        jvm.onMessage(frame -> {
            if (frame.type() == Protocol.POOL_READY) {
                worker.attachStatus(PoolReady.decode(frame.payload()).statusPath());
            }
            onMessage.accept(worker, frame);
        });
        jvm.send(Protocol.POOL_WORKER, spec);
        jvm.exitCode().whenComplete((code, error) -> {
            try {
                onExit.accept(worker, code == null ? Integer.MIN_VALUE : code);
            } finally {
                worker.releaseStatus();
            }
        });
        return worker;
    }

    /** A child JVM running {@code PoolWorker}. */
    private static final class JvmWorker implements Worker {
        private final String name;
        private final ChildJvm jvm;
        private volatile Segment statusSegment;
        private volatile WorkerStatus status;

        JvmWorker(String name, ChildJvm jvm) {
            this.name = name;
            this.jvm = jvm;
        }

        @Override
        public String name() {
            return name;
        }

        void attachStatus(String path) {
            try {
                Segment segment = Segment.attach(path, WorkerStatus.KIND);
                statusSegment = segment;
                status = WorkerStatus.of(segment);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pool worker {0}: cannot read its status segment: {1}", pid(), e.getMessage());
            }
        }

        /** Once the worker has exited and its status was read: the segment goes. */
        void releaseStatus() {
            Segment segment = statusSegment;
            if (segment != null) {
                status = null;
                statusSegment = null;
                segment.unlink();
                segment.unmap();
            }
        }

        @Override
        public long pid() {
            return jvm.pid();
        }

        @Override
        public void send(List<Frame> frames) {
            jvm.sendAll(frames);
        }

        @Override
        public void terminate() {
            jvm.terminate();
        }

        @Override
        public void kill() {
            jvm.kill();
        }

        @Override
        public boolean isAlive() {
            return jvm.isAlive();
        }

        @Override
        public String stdoutTail(int lines) {
            return jvm.stdoutTail(lines);
        }

        @Override
        public String stderrTail(int lines) {
            return jvm.stderrTail(lines);
        }

        @Override
        public void awaitOutput(long stdoutBytes, long stderrBytes, long millis) throws InterruptedException {
            jvm.awaitOutput(stdoutBytes, stderrBytes, millis);
        }

        @Override
        public WorkerStatus.Snapshot status() {
            WorkerStatus s = status;
            try {
                return s == null ? WorkerStatus.Snapshot.NONE : s.read();
            } catch (IllegalStateException unmapped) { // released meanwhile: the worker is gone
                return WorkerStatus.Snapshot.NONE;
            }
        }
    }
}
