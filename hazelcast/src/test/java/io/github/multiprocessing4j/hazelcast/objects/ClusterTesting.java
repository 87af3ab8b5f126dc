package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import io.github.multiprocessing4j.hazelcast.internal.ClusterConfigs;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/** One embedded member per test class, and child processes that reach it as clients. */
final class ClusterTesting {

    /** What a child JVM needs for Hazelcast on JDK 25 without warnings (the test JVM gets them from surefire). */
    static final List<String> HAZELCAST_JVM_OPTIONS = List.of("--sun-misc-unsafe-memory-access=allow",
            "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private ClusterTesting() {
    }

    static HazelcastInstance member() {
        return Hazelcast.newHazelcastInstance(ClusterConfigs.member("mp4j-test-" + UUID.randomUUID(), "127.0.0.1", freePort(), List.of()));
    }

    static HazelcastContext context(HazelcastInstance member) {
        return HazelcastContext.of(member);
    }

    /** @return a started child process running {@code target}, a Hazelcast client of the test's member */
    static Process child(SerializableRunnable target) {
        Process p = new Process(target);
        p.setJvmOptions(HAZELCAST_JVM_OPTIONS);
        p.start();
        return p;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
