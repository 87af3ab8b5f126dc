package io.github.multiprocessing4j.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.multiprocessing4j.internal.pool.PoolConfig;
import io.github.multiprocessing4j.internal.pool.Worker;
import io.github.multiprocessing4j.internal.pool.WorkerLauncher;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.runtime.ClassPath;
import io.github.multiprocessing4j.internal.spi.ProcessControl;
import io.github.multiprocessing4j.internal.spi.ProcessLauncher;
import io.github.multiprocessing4j.internal.spi.WorkerBackend;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * A {@code HazelcastContext}'s backend: it starts processes and pool workers on the cluster's
 * agents and is their parent's end of the wire ({@link Wire}).
 *
 * <p>Placement: each child goes to the live agent with the fewest of this context's children per
 * worker JVM it offers. Pools then hand out work as locally, by completion: an agent whose
 * workers finish sooner is given more.
 *
 * <p>Threads: one reader of the reply queue (everything agents send, in order, handed to the
 * {@link RemoteChild} it names), one sender (frames and signals leave in the order they were
 * given, never under the caller's locks). An agent that leaves the cluster is noticed through
 * Hazelcast's membership events, after {@link ClusterConfigs#MEMBER_DEATH_SECONDS} seconds without
 * its heartbeat at most: a marker put into the reply queue then ends its children (exit code -9,
 * "agent … left the cluster") after everything the agent sent before it died was read.
 */
public final class ClusterBackend implements ProcessLauncher, WorkerBackend, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j.hazelcast");
    private static final long START_TIMEOUT_SECONDS = 120;
    static final long RETRY_SECONDS = 30;

    private final HazelcastInstance hazelcast;
    private final Supplier<AuthKey> keySource;
    private final String id = UUID.randomUUID().toString();
    private final String replyName = "mp4j.reply." + id;
    private final AtomicLong children = new AtomicLong();
    private final Map<String, RemoteChild> live = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<Wire.Message>> starting = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Runnable> outgoing = new LinkedBlockingQueue<>();
    private volatile AuthKey key;
    private volatile List<String> classPath;
    private volatile boolean running;
    private volatile boolean closed;
    private UUID membership;

    /**
     * @param hazelcast the cluster
     * @param keySource the cluster's authkey, asked for at the first launch
     */
    public ClusterBackend(HazelcastInstance hazelcast, Supplier<AuthKey> keySource) {
        this.hazelcast = hazelcast;
        this.keySource = keySource;
    }

    // ---- launching -----------------------------------------------------------------------------

    @Override
    public ProcessControl launch(Object owner, String name, boolean daemon, List<String> jvmOptions, byte[] payload) {
        RemoteChild child = place(name, null, null);
        var started = new java.util.concurrent.CompletableFuture<Wire.Message>();
        starting.put(child.id, started);
        request(child.agentId, new Wire.Launch(child.id, endpoint(), replyName, Wire.Kind.PROCESS, name, daemon, jvmOptions, classPath(), payload));
        try {
            if (started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) instanceof Wire.Refused refused) {
                throw new IllegalStateException("could not start " + name + ": " + refused.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name + " on " + child.agentAddress, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the agent at " + child.agentAddress + " did not start " + name + " within "
                    + START_TIMEOUT_SECONDS + " s", e);
        } finally {
            starting.remove(child.id);
        }
        return child;
    }

    @Override
    public WorkerLauncher workers(PoolConfig config) {
        byte[] initializer = config.initializer() == null ? new byte[0] : config.initializer();
        return (onMessage, onExit) -> {
            RemoteChild child = place(null, onMessage, onExit);
            request(child.agentId, new Wire.Launch(child.id, endpoint(), replyName, Wire.Kind.POOL_WORKER, child.name(), true,
                    config.jvmOptions(), classPath(), initializer));
            return child;
        };
    }

    /** @return this JVM's Hazelcast endpoint (its client's or member's uuid): agents end its children when it leaves */
    private String endpoint() {
        return hazelcast.getLocalEndpoint().getUuid().toString();
    }

    /** @return the worker JVMs the live agents offer in all */
    public int capacity() {
        return liveAgents().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Chooses an agent and registers the child. */
    private RemoteChild place(String processName, BiConsumer<Worker, Frame> onMessage, ObjIntConsumer<Worker> onExit) {
        if (closed) {
            throw new IllegalStateException("the cluster context was closed: it starts nothing any more");
        }
        ensureRunning();
        Map<String, Integer> agents = liveAgents();
        if (agents.isEmpty()) {
            throw new IllegalStateException("no agent in the cluster '" + ClusterConfigs.clusterNameOf(hazelcast)
                    + "': start one on each machine with ./mp4j worker --cluster " + ClusterConfigs.clusterNameOf(hazelcast)
                    + " --members HOST:PORT,...");
        }
        Map<String, Integer> load = new java.util.HashMap<>();
        for (RemoteChild c : live.values()) {
            load.merge(c.agentId, 1, Integer::sum);
        }
        String agent = agents.keySet().stream().min(java.util.Comparator
                .comparingDouble((String a) -> load.getOrDefault(a, 0) / (double) agents.get(a))
                .thenComparing(a -> a)).orElseThrow();
        String address = addressOf(agent);
        long n = children.incrementAndGet();
        String childId = id + "-" + n;
        String name = processName != null ? processName : "ClusterPoolWorker-" + n + "@" + address;
        RemoteChild child = new RemoteChild(this, childId, agent, address, name, onMessage, onExit);
        live.put(childId, child);
        return child;
    }

    private Map<String, Integer> liveAgents() {
        Set<String> members = new HashSet<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            members.add(m.getUuid().toString());
        }
        IMap<String, Integer> agents = hazelcast.getMap(Agent.AGENTS);
        Map<String, Integer> alive = new java.util.TreeMap<>();
        for (Map.Entry<String, Integer> e : agents.entrySet()) {
            if (members.contains(e.getKey())) {
                alive.put(e.getKey(), e.getValue());
            }
        }
        return alive;
    }

    private String addressOf(String agentId) {
        for (Member m : hazelcast.getCluster().getMembers()) {
            if (m.getUuid().toString().equals(agentId)) {
                return m.getAddress().getHost() + ":" + m.getAddress().getPort();
            }
        }
        return "agent " + agentId;
    }

    /** @return the class path as the cluster holds it, shipped at the first launch */
    private List<String> classPath() {
        List<String> shipped = classPath;
        if (shipped == null) {
            synchronized (this) {
                if (classPath == null) {
                    classPath = ClassPathShipment.ship(hazelcast, ClassPath.entries());
                }
                shipped = classPath;
            }
        }
        return shipped;
    }

    // ---- sending -------------------------------------------------------------------------------

    void sendFrames(RemoteChild child, List<Frame> frames) {
        List<Frame> copy = List.copyOf(frames);
        outgoing.add(() -> hazelcast.<byte[]>getQueue(Agent.inbox(child.id))
                .offer(key.sign(new Wire.Frames(child.id, System.nanoTime(), io.github.multiprocessing4j.internal.pool.WorkerStatus.Snapshot.NONE, copy).encode())));
    }

    void signal(RemoteChild child, Wire.How how, String processName) {
        request(child.agentId, new Wire.Signal(child.id, how, processName));
    }

    private void request(String agentId, Wire.Message message) {
        outgoing.add(() -> hazelcast.<byte[]>getQueue(Agent.requests(agentId)).offer(key.sign(message.encode())));
    }

    // ---- the threads ---------------------------------------------------------------------------

    private synchronized void ensureRunning() {
        if (running) {
            return;
        }
        key = keySource.get();
        membership = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String agent = event.getMember().getUuid().toString();
                LOG.log(Level.DEBUG, "member {0} left the cluster", event.getMember());
                try {
                    hazelcast.<byte[]>getQueue(replyName).offer(key.sign(new Wire.AgentLost(agent).encode()));
                } catch (RuntimeException e) {
                    agentLost(agent); // the queue is out of reach: end its children now
                }
            }
        });
        Thread.ofPlatform().daemon().name("mp4j-cluster-reader").start(this::read);
        Thread.ofPlatform().daemon().name("mp4j-cluster-sender").start(this::sendLoop);
        running = true;
    }

    private void sendLoop() {
        while (!closed) {
            try {
                Runnable next = outgoing.poll(500, TimeUnit.MILLISECONDS);
                if (next != null) {
                    retrying(next, "sending to the cluster");
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read() {
        IQueue<byte[]> replies = hazelcast.getQueue(replyName);
        while (!closed) {
            byte[] signed;
            try {
                signed = replies.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed || !hazelcast.getLifecycleService().isRunning()) {
                    return;
                }
                // a member left while the poll was under way (the queue's partition moves to its backup): poll again
                LOG.log(Level.DEBUG, "reading replies from the cluster failed, retrying: {0}", e.toString());
                pause();
                continue;
            }
            if (signed == null) {
                continue;
            }
            try {
                handle(signed);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "handling a reply from the cluster failed", e);
            }
        }
    }

    /**
     * Runs a cluster call, again while it fails and the instance runs, for up to
     * {@link #RETRY_SECONDS} s: a member leaving makes calls on the partitions it owned fail until
     * their backups take over (seen here: one failed poll after a SIGKILL).
     *
     * @return false when it failed for good (logged)
     */
    boolean retrying(Runnable call, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        while (true) {
            try {
                call.run();
                return true;
            } catch (RuntimeException e) {
                if (closed || !hazelcast.getLifecycleService().isRunning()) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    LOG.log(Level.WARNING, "{0} failed for {1} s: {2}", what, RETRY_SECONDS, e.toString());
                    return false;
                }
                pause();
            }
        }
    }

    /** A short pause before a cluster call is tried again. */
    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(byte[] signed) {
        byte[] body = key.verify(signed);
        Wire.Message message;
        if (body == null) {
            // only a refusal may come unsigned (an agent whose key differs cannot sign for us)
            if (signed.length > AuthKey.SIGNATURE && Wire.decode(java.util.Arrays.copyOfRange(signed, AuthKey.SIGNATURE, signed.length))
                    instanceof Wire.Refused refused) {
                message = refused;
            } else {
                LOG.log(Level.WARNING, "a reply not signed with the cluster''s authkey was dropped ({0} bytes)", signed.length);
                return;
            }
        } else {
            message = Wire.decode(body);
        }
        if (message instanceof Wire.AgentLost lost) {
            agentLost(lost.child());
            return;
        }
        RemoteChild child = live.get(message.child());
        if (child == null) {
            return; // a child already ended (its agent was declared lost): what it sent later is dropped
        }
        switch (message) {
            case Wire.Started started -> {
                child.started(started);
                complete(child, message);
            }
            case Wire.Frames frames -> child.frames(frames);
            case Wire.Output output -> child.output(output);
            case Wire.Exited exited -> {
                live.remove(child.id);
                child.exited(exited.code(), exited.stdoutTail(), exited.stderrTail(), exited.status(), exited.sentAt());
            }
            case Wire.Refused refused -> {
                live.remove(child.id);
                complete(child, message);
                LOG.log(Level.DEBUG, "{0} refused: {1}", child, refused.reason());
                child.exited(1, "", refused.reason(), null, 0);
            }
            default -> LOG.log(Level.WARNING, "an unexpected reply from the cluster: {0}", message.getClass().getSimpleName());
        }
    }

    private void complete(RemoteChild child, Wire.Message message) {
        var future = starting.get(child.id);
        if (future != null) {
            future.complete(message);
        }
    }

    private void agentLost(String agentId) {
        LOG.log(Level.DEBUG, "ending the children of agent {0}", agentId);
        List<RemoteChild> gone = new ArrayList<>();
        for (RemoteChild child : live.values()) {
            if (child.agentId.equals(agentId)) {
                gone.add(child);
            }
        }
        for (RemoteChild child : gone) {
            live.remove(child.id);
            String why = "the agent at " + child.agentAddress + " left the cluster (its member stopped answering)";
            complete(child, new Wire.Refused(child.id, why));
            child.lost(why);
        }
    }

    /** Stops the threads; children still running are killed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (running) {
            for (RemoteChild child : live.values()) {
                try {
                    hazelcast.<byte[]>getQueue(Agent.requests(child.agentId))
                            .offer(key.sign(new Wire.Signal(child.id, Wire.How.KILL, null).encode()));
                } catch (RuntimeException ignored) {
                    // the cluster is out of reach
                }
            }
            try {
                hazelcast.getCluster().removeMembershipListener(membership);
                hazelcast.getQueue(replyName).destroy();
            } catch (RuntimeException ignored) {
                // the instance is shutting down
            }
        }
    }
}
