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
        p.setJvmOptions(ClusterConfigs.JVM_FLAGS); // what a child JVM needs for Hazelcast on JDK 25 without warnings
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
