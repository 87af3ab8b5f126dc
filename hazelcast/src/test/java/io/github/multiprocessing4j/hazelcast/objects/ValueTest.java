package io.github.multiprocessing4j.hazelcast.objects;

import com.hazelcast.core.HazelcastInstance;
import io.github.multiprocessing4j.Array;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.Value;
import io.github.multiprocessing4j.hazelcast.HazelcastContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueTest {

    private static HazelcastInstance member;
    private static HazelcastContext ctx;

    @BeforeAll
    static void start() {
        member = ClusterTesting.member();
        ctx = ClusterTesting.context(member);
    }

    @AfterAll
    static void stop() {
        ctx.close();
        member.shutdown();
    }

    @Test
    void aValueReadsBackWhatWasSetBoxedAsItsTypecode() {
        Value v = ctx.value('i', 7);
        assertEquals(7, v.get());
        v.set(-3);
        assertEquals(-3, v.getInt());
        assertEquals('i', v.typecode());
        Value b = ctx.value('b', (byte) 1);
        assertEquals((byte) 1, b.get());
        Value d = ctx.value('d', 1.5);
        assertEquals(1.5, d.get());
        assertEquals(2.0, d.addAndGet(0.5));
        Value u = ctx.value('u', (int) 'x');
        assertEquals('x', u.getChar());
        Value q = ctx.value('?', 0);
        q.setBoolean(true);
        assertTrue(q.getBoolean());
        Value big = ctx.value('I', 4_000_000_000L);
        assertEquals(4_000_000_000L, big.get());
    }

    @Test
    void aValueThatDoesNotFitItsTypecodeIsRefusedAndTheValueIsUnchanged() {
        Value v = ctx.value('b', 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.set(300));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.set(1.5));
        assertThrows(ArithmeticException.class, () -> v.addAndGet(200));
        assertEquals((byte) 1, v.get());
        assertThrows(IllegalStateException.class, () -> v.addAndGet(1.0));
        assertThrows(IllegalStateException.class, () -> ctx.value('d', 1.0).incrementAndGet());
    }

    @Test
    void anUnknownTypecodeIsRefusedNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ctx.value('z', 1));
        assertTrue(e.getMessage().contains("'i' (int)"), e.getMessage());
    }

    @Test
    void atomicOperationsWorkWithoutTheLock() {
        Value v = ctx.value('q', 10L);
        assertEquals(11, v.incrementAndGet());
        assertEquals(10, v.decrementAndGet());
        assertEquals(15, v.addAndGet(5));
        assertTrue(v.compareAndSet(15, 20));
        assertFalse(v.compareAndSet(15, 30));
        assertEquals(20L, v.get());
        Value c = ctx.value('c', 200);
        assertEquals((byte) 200, c.get());
        assertTrue(c.compareAndSet(200, 5));
    }

    @Test
    void aRawValueHasNoLock() {
        Value raw = ctx.rawValue('i', 0);
        assertThrows(IllegalStateException.class, raw::getLock);
        Array rawArray = ctx.rawArray('i', 3);
        assertThrows(IllegalStateException.class, rawArray::getLock);
    }

    @Test
    void anArrayReadsWritesAndSlices() {
        Array a = ctx.array('i', 1, 2, 3, 4);
        assertEquals(4, a.length());
        assertEquals(List.of(1, 2, 3, 4), a.toList());
        a.setSlice(1, 20, 30);
        assertEquals(List.of(20, 30), a.slice(1, 3));
        assertEquals(5, a.incrementAndGet(3));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(4));
        assertThrows(IllegalArgumentException.class, () -> a.setSlice(0, 1, 1.5));
        assertEquals(List.of(1, 20, 30, 5), a.toList());
        Array zeros = ctx.array('d', 3);
        assertEquals(List.of(0.0, 0.0, 0.0), zeros.toList());
        assertThrows(IllegalArgumentException.class, () -> ctx.array('i', -1));
    }

    @Test
    void fourChildrenIncrementAValueUnderItsLockToAThousand() {
        Value counter = ctx.value('i', 0);
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                children.add(ClusterTesting.child(() -> {
                    for (int k = 0; k < 250; k++) {
                        try (var held = counter.getLock().acquired()) {
                            counter.setInt(counter.getInt() + 1);
                        }
                    }
                }));
            }
            for (Process p : children) {
                assertTrue(p.join(Duration.ofSeconds(120)));
                assertEquals(0, p.exitCode());
            }
            assertEquals(1000, counter.getInt());
        } finally {
            for (Process p : children) {
                p.kill();
                p.join();
                p.close();
            }
        }
    }
}
