package io.github.multiprocessing4j.hazelcast;

import io.github.multiprocessing4j.Pool;
import io.github.multiprocessing4j.PoolOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterPoolTest {

    private static ClusterAgents agents;

    @BeforeAll
    static void startAgents() {
        agents = new ClusterAgents(2, 1);
    }

    @AfterAll
    static void stopAgents() {
        if (agents != null) {
            agents.close();
        }
    }

    @Test
    void aMapOnTheClusterReturnsEveryResultInOrder() {
        try (Pool pool = agents.context().pool(PoolOptions.processes(2))) {
            List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
            List<Integer> squares = pool.map(x -> x * x, items);
            assertEquals(items.stream().map(x -> x * x).toList(), squares);
        }
    }
}
