package io.github.multiprocessing4j.hazelcast.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.internal.pool.JvmWorkers;
import io.github.multiprocessing4j.internal.pool.Worker;
import io.github.multiprocessing4j.internal.pool.WorkerStatus;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.Interrupt;
import io.github.multiprocessing4j.internal.protocol.PoolResults;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import io.github.multiprocessing4j.internal.runtime.ChildJvm;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One machine's agent: a cluster member that never runs user code itself. It takes
 * {@link Wire.Launch} requests from its queue and starts child JVMs for them (pool workers with
 * the local pool machinery, processes as the local start method does), on the class path the
 * parent shipped, and relays their frames, output and exit back to the parent. Every request is
 * checked against the cluster's authkey first; one that fails is refused and logged.
 *
 * <p>Started by {@code ./mp4j worker --cluster NAME --members HOST:PORT,...}; see {@link #main}.
 */
public final class Agent implements AutoCloseable {

    /** The map of agents: member id → number of worker JVMs it offers. */
    public static final String AGENTS = "mp4j.agents";
    /** The line an agent prints once it serves (tests and scripts wait for it). */
    public static final String READY = "mp4j agent ready";
    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j.hazelcast");
    private static final int TAIL_LINES = 20;
    /** How long a chunk's results wait for the output printed before them (the local engine's bound). */
    private static final long OUTPUT_WAIT_MILLIS = 1000;

    private final HazelcastInstance member;
    private final AuthKey key;
    private final Path cache;
    private final String id;
    private final String address;
    private final Map<String, Child> children = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private Agent(HazelcastInstance member, AuthKey key, Path cache, int workers) {
        this.member = member;
        this.key = key;
        this.cache = cache;
        this.id = member.getCluster().getLocalMember().getUuid().toString();
        var a = member.getCluster().getLocalMember().getAddress();
        this.address = a.getHost() + ":" + a.getPort();
        ClusterLink.register(member);
        IMap<String, Integer> agents = member.getMap(AGENTS);
        agents.set(id, workers);
        // agents that were killed left their entries: those of members no longer in the cluster go
        java.util.Set<String> members = new java.util.HashSet<>();
        member.getCluster().getMembers().forEach(m -> members.add(m.getUuid().toString()));
        agents.keySet().stream().filter(agent -> !members.contains(agent)).forEach(agents::delete);
        // a parent that leaves the cluster (its JVM died, its client closed) leaves no children behind, as on one machine
        member.getClientService().addClientListener(new com.hazelcast.client.ClientListener() {
            @Override
            public void clientConnected(com.hazelcast.client.Client client) {
            }

            @Override
            public void clientDisconnected(com.hazelcast.client.Client client) {
                parentLeft(client.getUuid().toString());
            }
        });
        member.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
                parentLeft(event.getMember().getUuid().toString());
            }
        });
        Thread serve = new Thread(this::serve, "mp4j-agent-requests");
        serve.setDaemon(true);
        serve.start();
    }

    /**
     * Starts an agent: a member of the cluster serving its requests.
     *
     * @param clusterName the cluster's name
     * @param iface       the interface to bind to
     * @param port        the first port to try
     * @param members     {@code host:port} of members to join
     * @param workers     the worker JVMs it offers (the machine's cores by default)
     * @param cache       where it keeps the class-path jars it was sent
     * @param key         the cluster's authkey
     * @return the running agent
     */
    public static Agent start(String clusterName, String iface, int port, List<String> members, int workers, Path cache, AuthKey key) {
        if (workers < 1) {
            throw new IllegalArgumentException("an agent offers at least 1 worker JVM, not " + workers);
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(ClusterConfigs.member(clusterName, iface, port, members));
        return new Agent(member, key, cache, workers);
    }

    /** Kills the children of a parent that left the cluster: nobody would read their results or join them. */
    private void parentLeft(String parent) {
        for (Child child : children.values()) {
            if (child.parent.equals(parent)) {
                LOG.log(Level.DEBUG, "agent {0}: the parent of {1} left the cluster: killing it", address, child.childId);
                child.signal(new Wire.Signal(child.childId, Wire.How.KILL, null));
            }
        }
    }

    /** @return its member's {@code host:port} */
    public String address() {
        return address;
    }

    /** @return the queue of an agent's requests */
    static String requests(String agentId) {
        return "mp4j.agent." + agentId;
    }

    /** @return the inbox of a pool worker */
    static String inbox(String child) {
        return "mp4j.in." + child;
    }

    private void serve() {
        IQueue<byte[]> requests = member.getQueue(requests(id));
        while (!closed) {
            byte[] signed;
            try {
                signed = requests.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed || !member.getLifecycleService().isRunning()) {
                    return;
                }
                // another member left during the poll: its partitions move to their backups, poll again
                ClusterBackend.pause();
                continue;
            }
            if (signed != null) {
                handle(signed);
            }
        }
    }

    private void handle(byte[] signed) {
        byte[] body = key.verify(signed);
        if (body == null) {
            refuseUnsigned(signed);
            return;
        }
        Wire.Message message;
        try {
            message = Wire.decode(body);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "agent {0}: a signed request it cannot read: {1}", address, e.getMessage());
            return;
        }
        try {
            switch (message) {
                case Wire.Launch launch -> launch(launch);
                case Wire.Signal signal -> {
                    Child child = children.get(signal.child());
                    if (child != null) {
                        child.signal(signal);
                    }
                }
                default -> LOG.log(Level.WARNING, "agent {0}: not a request: {1}", address, message.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent " + address + ": handling " + message.getClass().getSimpleName() + " failed", e);
        }
    }

    /**
     * A request not signed with the cluster's key: logged and refused. When it reads as a launch,
     * its parent is told (unsigned: a parent whose key differs could not check a signature, and a
     * refusal can only fail a child, never run anything).
     */
    private void refuseUnsigned(byte[] signed) {
        String reason = "the agent at " + address + " refused it: not signed with the cluster's authkey";
        LOG.log(Level.WARNING, "agent {0}: refused a request not signed with the cluster''s authkey ({1} bytes)", address, signed.length);
        try {
            if (signed.length > AuthKey.SIGNATURE
                    && Wire.decode(Arrays.copyOfRange(signed, AuthKey.SIGNATURE, signed.length)) instanceof Wire.Launch launch
                    && launch.replyTo().startsWith("mp4j.reply.")) {
                byte[] refusal = new Wire.Refused(launch.child(), reason).encode();
                byte[] unsigned = new byte[AuthKey.SIGNATURE + refusal.length];
                System.arraycopy(refusal, 0, unsigned, AuthKey.SIGNATURE, refusal.length);
                member.<byte[]>getQueue(launch.replyTo()).offer(unsigned);
            }
        } catch (RuntimeException ignored) {
            // not a launch: nobody to tell
        }
    }

    private void launch(Wire.Launch launch) {
        Child child = new Child(launch);
        children.put(launch.child(), child);
        try {
            List<String> classPath = ClassPathShipment.materialize(member, launch.classPath(), cache);
            JvmLauncher.Placement placement = new JvmLauncher.Placement(classPath,
                    () -> child.stdout, () -> child.stderr);
            List<String> options = new ArrayList<>(ClusterConfigs.JVM_FLAGS);
            options.addAll(launch.jvmOptions());
            switch (launch.kind()) {
                case POOL_WORKER -> child.startWorker(launch, options, placement);
                case PROCESS -> child.startProcess(launch, options, placement);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent {0}: could not start {1}: {2}", address, launch.name(), e.toString());
            child.refuse("the agent at " + address + " could not start it: " + e.getMessage());
        }
    }

    /** A child JVM of this agent, run for a parent, with the relays of its frames and output. */
    private final class Child {
        final String childId;
        final String parent;
        final IQueue<byte[]> reply;
        /** Frames, output and the final exit, in the order they happened, for the sender thread. */
        final LinkedBlockingQueue<Object> outbox = new LinkedBlockingQueue<>();
        final PrintStream stdout = new PrintStream(relay(false), true);
        final PrintStream stderr = new PrintStream(relay(true), true);
        volatile Worker worker;
        volatile ChildJvm jvm;
        volatile CompletableFuture<Integer> end;
        volatile boolean done;

        Child(Wire.Launch launch) {
            this.childId = launch.child();
            this.parent = launch.parent();
            this.reply = member.getQueue(launch.replyTo());
        }

        private OutputStream relay(boolean isStderr) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    outbox.add(new Wire.Output(childId, isStderr, Arrays.copyOfRange(b, off, off + len)));
                }
            };
        }

        void startWorker(Wire.Launch launch, List<String> options, JvmLauncher.Placement placement) {
            byte[] initializer = launch.payload().length == 0 ? null : launch.payload();
            Worker w = new JvmWorkers(initializer, options, placement).launch(
                    this::relayFrame,
                    (from, code) -> exited(code, from.stdoutTail(TAIL_LINES), from.stderrTail(TAIL_LINES), from.status()));
            worker = w;
            send(new Wire.Started(childId, w.pid(), address));
            Thread.ofPlatform().daemon().name("mp4j-agent-inbox-" + childId).start(this::relayInbox);
            Thread.ofPlatform().daemon().name("mp4j-agent-send-" + childId).start(this::relayOutbox);
        }

        /**
         * A frame of the pool worker, for the parent. A chunk's results wait here until what the
         * worker printed before them has been read from its pipes, so that the output reaches the
         * parent first, in the same queue, as a local pool prints it first (the parent's engine
         * waits for the output on the thread that reads both; waiting there would stall it).
         */
        private void relayFrame(Worker from, Frame frame) {
            if (frame.type() == PoolResults.TYPE) {
                PoolResults header = PoolResults.read(new ByteSource(frame.payload()));
                try {
                    from.awaitOutput(header.stdoutBytes(), header.stderrBytes(), OUTPUT_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            outbox.add(frame);
        }

        void startProcess(Wire.Launch launch, List<String> options, JvmLauncher.Placement placement) {
            ChildSpec spec = ChildSpec.decode(launch.payload());
            RunDirectory run = RunDirectory.get();
            // the child's parent here is this agent: it watches this JVM, and lives in this machine's run
            ChildSpec local = new ChildSpec(spec.process(), spec.name(), spec.identity(), spec.daemon(), spec.parentName(),
                    ProcessHandle.current().pid(), run.runId(), run.dir().toString());
            ChildJvm j = JvmLauncher.launch(launch.name(), launch.daemon(), options, placement);
            jvm = j;
            end = j.runProcess(this, launch.daemon(), local.encode());
            send(new Wire.Started(childId, j.pid(), address));
            end.whenComplete((code, error) -> exited(code == null ? Integer.MIN_VALUE : code,
                    j.stdoutTail(TAIL_LINES), j.stderrTail(TAIL_LINES), WorkerStatus.Snapshot.NONE));
            Thread.ofPlatform().daemon().name("mp4j-agent-send-" + childId).start(this::relayOutbox);
        }

        void signal(Wire.Signal signal) {
            Worker w = worker;
            ChildJvm j = jvm;
            switch (signal.how()) {
                case TERMINATE, KILL -> {
                    boolean kill = signal.how() == Wire.How.KILL;
                    if (w != null) {
                        if (kill) {
                            w.kill();
                        } else {
                            w.terminate();
                        }
                    } else if (j != null) {
                        j.signalProcess(end, kill);
                    }
                }
                case INTERRUPT -> {
                    if (j != null && !end.isDone()) {
                        j.send(Protocol.INTERRUPT, new Interrupt(signal.processName()).encode());
                    }
                }
            }
        }

        void refuse(String reason) {
            children.remove(childId);
            send(new Wire.Refused(childId, reason));
        }

        private void exited(int code, String stdoutTail, String stderrTail, WorkerStatus.Snapshot status) {
            stdout.flush();
            stderr.flush();
            outbox.add(new Wire.Exited(childId, code, stdoutTail, stderrTail, System.nanoTime(), status));
        }

        /** The parent's frames for a pool worker, from its inbox to the worker's control channel. */
        private void relayInbox() {
            IQueue<byte[]> inbox = member.getQueue(inbox(childId));
            try {
                while (!done && !closed) {
                    byte[] signed;
                    try {
                        signed = inbox.poll(500, TimeUnit.MILLISECONDS);
                    } catch (RuntimeException e) {
                        if (closed || !member.getLifecycleService().isRunning()) {
                            return;
                        }
                        ClusterBackend.pause(); // a member left during the poll: again
                        continue;
                    }
                    if (signed == null) {
                        continue;
                    }
                    byte[] body = key.verify(signed);
                    if (body == null) {
                        LOG.log(Level.WARNING, "agent {0}: refused frames for {1} not signed with the cluster''s authkey", address, childId);
                    } else if (Wire.decode(body) instanceof Wire.Frames frames) {
                        worker.send(frames.frames());
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, "agent {0}: inbox of {1} ended: {2}", address, childId, e.toString());
                }
            } finally {
                try {
                    inbox.destroy();
                } catch (RuntimeException ignored) {
                    // the member is shutting down
                }
            }
        }

        /** Frames, output and the exit, in order, to the parent; consecutive frames in one message. */
        private void relayOutbox() {
            List<Object> batch = new ArrayList<>();
            try {
                while (true) {
                    batch.add(outbox.take());
                    outbox.drainTo(batch);
                    List<byte[]> messages = new ArrayList<>();
                    List<Frame> frames = new ArrayList<>();
                    boolean last = false;
                    for (Object item : batch) {
                        if (item instanceof Frame frame) {
                            frames.add(frame);
                            continue;
                        }
                        flushFrames(frames, messages);
                        Wire.Message m = (Wire.Message) item;
                        messages.add(key.sign(m.encode()));
                        last |= m instanceof Wire.Exited;
                    }
                    flushFrames(frames, messages);
                    batch.clear();
                    sendAll(messages);
                    if (last) {
                        return;
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "agent {0}: relaying {1} to its parent failed: {2}", address, childId, e.toString());
                }
            } finally {
                done = true;
                children.remove(childId);
            }
        }

        private void flushFrames(List<Frame> frames, List<byte[]> messages) {
            if (!frames.isEmpty()) {
                Worker w = worker;
                WorkerStatus.Snapshot status = w == null ? WorkerStatus.Snapshot.NONE : w.status();
                messages.add(key.sign(new Wire.Frames(childId, System.nanoTime(), status, List.copyOf(frames)).encode()));
                frames.clear();
            }
        }

        private void send(Wire.Message message) {
            sendAll(List.of(key.sign(message.encode())));
        }

        /** Sends to the parent, again while a member leaving makes the call fail (for up to 30 s). */
        private void sendAll(List<byte[]> messages) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ClusterBackend.RETRY_SECONDS);
            while (true) {
                try {
                    reply.addAll(messages);
                    return;
                } catch (RuntimeException e) {
                    if (closed || !member.getLifecycleService().isRunning() || System.nanoTime() > deadline) {
                        LOG.log(Level.WARNING, "agent {0}: telling the parent of {1} failed: {2}", address, childId, e.toString());
                        return;
                    }
                    ClusterBackend.pause();
                }
            }
        }
    }

    /** Stops serving, ends its child JVMs and leaves the cluster. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Child child : children.values()) {
            Worker w = child.worker;
            if (w != null) {
                w.kill();
            } else if (child.jvm != null) {
                child.jvm.kill();
            }
        }
        try {
            member.<String, Integer>getMap(AGENTS).delete(id);
        } catch (RuntimeException ignored) {
            // the cluster is going
        }
        ClusterLink.unregister(member);
        member.shutdown();
        stopped.countDown();
    }

    /**
     * {@code ./mp4j worker --cluster NAME --members HOST:PORT,... [--interface IP] [--port N]
     * [--workers N] [--cache DIR] [--exit-with PID]}: runs an agent until SIGTERM (or until the
     * process {@code PID} ends). The authkey comes from
     * {@code MP4J_CLUSTER_AUTHKEY} or the file named by {@code -Dmp4j.cluster.authkeyFile}.
     *
     * @param args the arguments above
     */
    public static void main(String[] args) throws InterruptedException {
        String cluster = null;
        String iface = "127.0.0.1";
        int port = 5701;
        List<String> members = List.of();
        int workers = Runtime.getRuntime().availableProcessors();
        long exitWith = 0;
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "multiprocessing4j", "cluster-classpath");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                usage("missing the value of " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--cluster" -> cluster = value;
                case "--members" -> members = value.isEmpty() ? List.of() : List.of(value.split(","));
                case "--interface" -> iface = value;
                case "--port" -> port = parse(arg, value);
                case "--workers" -> workers = parse(arg, value);
                case "--cache" -> cache = Path.of(value);
                case "--exit-with" -> exitWith = parse(arg, value);
                default -> usage("unknown argument " + arg);
            }
        }
        if (cluster == null) {
            usage("--cluster NAME is required");
        }
        Agent agent = start(cluster, iface, port, members, workers, cache, AuthKey.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "mp4j-agent-stop"));
        if (exitWith != 0) { // a supervisor's (or a test's) process: the agent ends with it
            ProcessHandle.of(exitWith).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
                    .thenRun(() -> System.exit(0));
        }
        System.out.println(READY + ": cluster " + cluster + ", member " + agent.address() + ", " + workers + " worker JVMs, pid "
                + ProcessHandle.current().pid());
        System.out.flush();
        agent.stopped.await();
    }

    private static int parse(String arg, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            usage(arg + " needs a number, not " + value);
            return 0;
        }
    }

    private static void usage(String problem) {
        System.err.println("mp4j worker: " + problem + "\nusage: ./mp4j worker --cluster NAME [--members HOST:PORT,...] "
                + "[--interface IP (127.0.0.1)] [--port N (5701)] [--workers N (cores)] [--cache DIR] [--exit-with PID]\n"
                + "the cluster's authkey: environment variable " + AuthKey.ENVIRONMENT + " or -D" + AuthKey.FILE_PROPERTY + "=FILE");
        System.exit(2);
    }
}
