package io.github.multiprocessing4j.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.hazelcast.internal.Agent;
import io.github.multiprocessing4j.hazelcast.internal.AuthKey;
import io.github.multiprocessing4j.hazelcast.internal.ClusterConfigs;
import io.github.multiprocessing4j.internal.runtime.ClassPath;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Agents for a test: member JVMs on 127.0.0.1 running {@code ./mp4j worker}'s main class, with
 * TCP/IP join only, a unique cluster name and free ports, and a parent client connected to them.
 * What the agents print is kept (and shown only when one fails to start). {@link #close()} ends
 * every agent JVM (their worker JVMs follow their parent).
 */
final class ClusterAgents implements AutoCloseable {

    static final byte[] KEY = "a test's cluster authkey, 32 b..".getBytes(StandardCharsets.UTF_8);

    final String cluster = "mp4j-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<java.lang.Process> agents = new ArrayList<>();
    private final List<StringBuffer> outputs = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private HazelcastInstance client;
    private HazelcastContext context;

    /**
     * @param count   agents to start
     * @param workers worker JVMs each offers
     */
    ClusterAgents(int count, int workers) {
        try {
            for (int i = 0; i < count; i++) {
                start(workers, KEY);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts one more agent, with {@code key} as its authkey, and waits until it serves. */
    String start(int workers, byte[] key) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ClusterConfigs.JVM_FLAGS);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dmp4j.aotCache=false", "-cp", String.join(java.io.File.pathSeparator, ClassPath.entries()),
                Agent.class.getName(), "--cluster", cluster, "--port", Integer.toString(port),
                "--members", String.join(",", addresses), "--workers", Integer.toString(workers),
                "--cache", Path.of("target", "agent-cache").toAbsolutePath().toString(),
                "--exit-with", Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(AuthKey.ENVIRONMENT, new String(key, StandardCharsets.UTF_8));
        java.lang.Process agent;
        try {
            agent = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        agents.add(agent);
        StringBuffer output = new StringBuffer();
        outputs.add(output);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith(Agent.READY)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // the agent is gone
            }
            ready.complete(null);
        });
        try {
            if (ready.get(60, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("an agent did not start:\n" + output);
            }
        } catch (Exception e) {
            throw new IllegalStateException("an agent did not start:\n" + output, e);
        }
        String address = "127.0.0.1:" + port;
        addresses.add(address);
        return address;
    }

    /** @return what agent {@code i} printed */
    String output(int i) {
        return outputs.get(i).toString();
    }

    /** @return the pid of agent {@code i} */
    long pid(int i) {
        return agents.get(i).pid();
    }

    /** SIGKILLs agent {@code i}. */
    void kill(int i) {
        agents.get(i).destroyForcibly();
    }

    /** @return a context of a client connected to the agents, with the agents' key */
    synchronized HazelcastContext context() {
        if (context == null) {
            client = HazelcastClient.newHazelcastClient(ClusterConfigs.client(cluster, addresses));
            context = HazelcastContext.of(client, KEY);
        }
        return context;
    }

    /** @return a client of the cluster (shut down at close) */
    synchronized HazelcastInstance client() {
        context();
        return client;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            client.shutdown();
        }
        for (java.lang.Process agent : agents) {
            agent.destroy();
        }
        for (java.lang.Process agent : agents) {
            try {
                if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                    agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // an agent that was SIGKILLed could not remove its run's files: the sweep every run does at its start does it now
        RunDirectory.sweep();
    }
}
