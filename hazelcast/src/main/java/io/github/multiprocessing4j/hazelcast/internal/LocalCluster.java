package io.github.multiprocessing4j.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import io.github.multiprocessing4j.internal.runtime.ClassPath;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster of agents on this machine, for a demonstration, a test or a benchmark (the tour's
 * {@code --cluster}, the cluster benchmark, the module's tests): agent JVMs
 * ({@code ./mp4j worker}'s main class) bound to 127.0.0.1 on free ports, with a fresh cluster name
 * and a random authkey, and a client {@link HazelcastContext} connected to them.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(2, 2)) {
 *     try (Pool pool = cluster.context().pool(4)) {
 *         System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));
 *     }
 * }
 * }</pre>
 *
 * <p>The agents are child JVMs of this one: they run with this JVM's class path and Hazelcast's
 * JVM flags ({@link ClusterConfigs#JVM_FLAGS}), get the authkey through their environment
 * ({@value AuthKey#ENVIRONMENT}; never on a command line, where {@code ps} would show it), and end
 * with this JVM ({@code --exit-with} its pid) should it die without closing the cluster. The jars
 * the client ships them are cached in a temporary directory, removed at {@link #close()}. What the
 * agents print is kept, not shown: {@link #output(int)} has it, and a failed start says it.
 */
public final class LocalCluster implements AutoCloseable {

    /** How long an agent may take to print its READY line: generous, the machine may be busy. */
    private static final long START_SECONDS = 120;
    /** How long a SIGTERMed agent may take to shut its member down before it is killed. */
    private static final long STOP_SECONDS = 20;
    /** The last lines of each agent's output kept for {@link #output(int)}. */
    private static final int KEPT_LINES = 200;

    private final String name = "mp4j-local-" + UUID.randomUUID().toString().substring(0, 8);
    private final byte[] authkey = randomKey();
    private final int workers;
    private final Path cache;
    private final List<java.lang.Process> agents = new ArrayList<>();
    private final List<Deque<String>> outputs = new ArrayList<>();
    private final List<String> members = new ArrayList<>();
    /**
     * Stops the agents and removes the cache when this JVM exits without {@link #close()} (Ctrl-C,
     * {@code System.exit}): the agents would follow it anyway ({@code --exit-with}), the cache would not.
     */
    private final Thread atExit = new Thread(this::stopAtExit, "mp4j-local-cluster-stop");
    private HazelcastInstance client;
    private HazelcastContext context;
    private boolean closed;
    /** Worker JVMs of agents {@link #kill killed}: no longer anybody's descendants. */
    private final List<ProcessHandle> orphans = new ArrayList<>();
    private boolean killedAny;

    private LocalCluster(int workers) {
        this.workers = workers;
        try {
            // not named mp4j-*: that prefix is for run directories, which ./mp4j test's leftover check parses
            this.cache = Files.createTempDirectory("multiprocessing4j-agent-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agents' class-path cache", e);
        }
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /**
     * Starts {@code agents} agents, one after the other (each joins the ones before it: members
     * started together could form separate clusters), and connects a client to them.
     *
     * @param agents  how many agents, at least 1
     * @param workers how many worker JVMs each agent offers, at least 1
     * @return the running cluster; close it to stop the agents
     * @throws IllegalStateException when an agent does not start (the message has its output)
     */
    public static LocalCluster start(int agents, int workers) {
        if (agents < 1 || workers < 1) {
            throw new IllegalArgumentException("a local cluster needs at least 1 agent with 1 worker, not " + agents + " with " + workers);
        }
        LocalCluster cluster = new LocalCluster(workers);
        try {
            for (int i = 0; i < agents; i++) {
                cluster.startAgent();
            }
            cluster.client = HazelcastClient.newHazelcastClient(ClusterConfigs.client(cluster.name, cluster.members));
            cluster.context = HazelcastContext.of(cluster.client, cluster.authkey);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the context of this JVM's client of the cluster, signing with the agents' key (closed by {@link #close()}) */
    public HazelcastContext context() {
        return context;
    }

    /** @return this JVM's client of the cluster (shut down by {@link #close()}) */
    public HazelcastInstance client() {
        return client;
    }

    /**
     * SIGKILLs agent {@code i} (a machine lost, for tests and the benchmark): its worker JVMs
     * follow it, as they follow any dead parent.
     *
     * @param i an agent's index, in the order they started
     */
    public synchronized void kill(int i) {
        java.lang.Process agent = agents.get(i);
        orphans.addAll(agent.descendants().toList()); // they end on their own (their parent is gone): close() waits for them
        agent.destroyForcibly();
        killedAny = true;
    }

    /** @return how many JVMs the agents run now (their pool workers and processes) */
    public long childJvms() {
        return agents.stream().flatMap(java.lang.Process::descendants).filter(ProcessHandle::isAlive).count();
    }

    /** @return the agents' authkey (a copy), for another client of this cluster */
    public byte[] authkey() {
        return authkey.clone();
    }

    /** @return the cluster's name */
    public String name() {
        return name;
    }

    /** @return {@code host:port} of each agent's member, in the order they started */
    public List<String> members() {
        return List.copyOf(members);
    }

    /** @return how many worker JVMs each agent offers */
    public int workers() {
        return workers;
    }

    /**
     * @param i an agent's index, in the order they started
     * @return the last lines agent {@code i} printed
     */
    public String output(int i) {
        Deque<String> lines = outputs.get(i);
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private void startAgent() {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClusterConfigs.JVM_FLAGS);
        // an agent only relays: the serial collector and a small heap leave the cores and memory to the workers
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m"));
        // this JVM's AOT cache settings (a test turns the cache off): the agents pass them to their workers
        for (String property : List.of("mp4j.aotCache", "mp4j.aotCache.dir")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, ClassPath.entries()), Agent.class.getName(),
                "--cluster", name, "--interface", "127.0.0.1", "--port", Integer.toString(port),
                "--members", String.join(",", members), "--workers", Integer.toString(workers),
                "--cache", cache.toString(), "--exit-with", Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(AuthKey.ENVIRONMENT, new String(authkey, StandardCharsets.US_ASCII));
        java.lang.Process agent;
        try {
            agent = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an agent JVM", e);
        }
        agents.add(agent);
        Deque<String> lines = new ArrayDeque<>();
        outputs.add(lines);
        CompletableFuture<String> ready = new CompletableFuture<>();
        // reads the agent's output for its whole life: a full pipe would block the agent
        Thread.ofPlatform().daemon().name("mp4j-local-agent-" + agents.size()).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.addLast(line);
                        if (lines.size() > KEPT_LINES) {
                            lines.removeFirst();
                        }
                    }
                    if (line.startsWith(Agent.READY)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // the agent's pipe closed: it is gone
            }
            ready.complete(null);
        });
        String line;
        try {
            line = ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            line = null;
        } catch (Exception e) { // a timeout, or the reader's failure: the agent's output says why
            line = null;
        }
        if (line == null) {
            throw new IllegalStateException("agent " + agents.size() + " of cluster " + name + " did not start; it printed:\n"
                    + output(agents.size() - 1));
        }
        members.add("127.0.0.1:" + port);
    }

    /** A key of 32 printable characters: it travels in an environment variable, as a string. */
    private static byte[] randomKey() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for an agent", e);
        }
    }

    /**
     * Closes the context and the client, then stops every agent: SIGTERM (the agent kills its
     * worker JVMs and leaves the cluster), and SIGKILL for one that has not ended after
     * {@value #STOP_SECONDS} seconds. Removes the class-path cache.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs, and finds this cluster closed or closing
        }
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            if (client != null) {
                client.shutdown();
            }
            stopAgents();
            deleteTree(cache);
        }
    }

    /** The shutdown hook: the client is going with this JVM (Hazelcast's own hook), the agents and the cache are not. */
    private synchronized void stopAtExit() {
        if (closed) {
            return;
        }
        closed = true;
        stopAgents();
        deleteTree(cache);
    }

    private void stopAgents() {
        boolean killed = killedAny;
        // taken before the agents go: a worker JVM that outlived its agent is no longer its descendant
        List<ProcessHandle> workerJvms = new ArrayList<>(orphans);
        agents.stream().flatMap(java.lang.Process::descendants).forEach(workerJvms::add);
        for (java.lang.Process agent : agents) {
            agent.destroy();
        }
        for (java.lang.Process agent : agents) {
            try {
                if (!agent.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    killed = true;
                    agent.descendants().forEach(ProcessHandle::destroyForcibly);
                    agent.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                agent.destroyForcibly();
            }
        }
        // an agent kills its worker JVMs as it stops, without waiting for them: wait here, so that none outlives close()
        for (ProcessHandle jvm : workerJvms) {
            try {
                jvm.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jvm.destroyForcibly();
            } catch (Exception e) { // still running after the wait: it goes now
                killed = true;
                jvm.destroyForcibly();
            }
        }
        if (killed) {
            // a killed agent could not remove its run's files; every run sweeps dead runs' files at its start, this does it now
            RunDirectory.sweep();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: the system cleans up what could not be removed
        }
    }
}
