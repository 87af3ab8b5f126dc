package io.github.multiprocessing4j.internal.serial;

import io.github.multiprocessing4j.SerializableFunction;
import io.github.multiprocessing4j.SerializableRunnable;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact codec: what it covers, what it leaves to JDK serialization, and that both read back the same. */
class CompactSerializerTest {

    private static final CompactSerializer CODEC = CompactSerializer.INSTANCE;

    record Point(int x, int y) implements Serializable { }

    record Named(String name, List<Point> points, Map<String, Integer> counts, TimeUnit unit) implements Serializable { }

    record Checked(int positive) implements Serializable {
        Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("not positive: " + positive);
            }
        }
    }

    record Resolving(String key) implements Serializable {
        private Object readResolve() {
            return "resolved " + key;
        }
    }

    static final class Box implements Serializable {
        int value = 7;
    }

    record NotSerializableRecord(int x) { }

    private static Object roundTrip(Object value) {
        return CODEC.deserialize(CODEC.serialize(value, "a test value"));
    }

    private static boolean compact(Object value) {
        return CODEC.serialize(value, "a test value")[0] == CompactFormat.COMPACT;
    }

    @Test
    void scalarsAndStrings() {
        for (Object v : new Object[] {null, true, false, 42, -7L, 2.5, 1.5f, (short) 3, (byte) -1, 'x', "", "프로세스", "a".repeat(70_000)}) {
            assertTrue(compact(v), String.valueOf(v));
            assertEquals(v, roundTrip(v));
        }
    }

    @Test
    void primitiveArrays() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}));
        assertArrayEquals(new int[] {1, -2}, (int[]) roundTrip(new int[] {1, -2}));
        assertArrayEquals(new long[] {Long.MAX_VALUE}, (long[]) roundTrip(new long[] {Long.MAX_VALUE}));
        assertArrayEquals(new double[] {0.5, Double.NaN}, (double[]) roundTrip(new double[] {0.5, Double.NaN}));
        assertArrayEquals(new float[] {0.25f}, (float[]) roundTrip(new float[] {0.25f}));
        assertArrayEquals(new short[] {9}, (short[]) roundTrip(new short[] {9}));
        assertArrayEquals(new char[] {'a', '한'}, (char[]) roundTrip(new char[] {'a', '한'}));
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) roundTrip(new boolean[] {true, false}));
        assertArrayEquals(new Object[] {1, "two", null}, (Object[]) roundTrip(new Object[] {1, "two", null}));
    }

    @Test
    void collectionsKeepTheirKindAndOrder() {
        List<Object> list = new ArrayList<>(List.of(1, "a"));
        list.add(null);
        assertEquals(ArrayList.class, roundTrip(list).getClass());
        assertEquals(list, roundTrip(list));
        assertEquals(LinkedList.class, roundTrip(new LinkedList<>(List.of(1, 2))).getClass());
        Object immutable = roundTrip(List.of(1, 2, 3));
        assertEquals(List.of(1, 2, 3), immutable);
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) immutable).add(null));
        assertEquals(new HashSet<>(Set.of(1, 2)), roundTrip(new HashSet<>(Set.of(1, 2))));
        LinkedHashSet<String> ordered = new LinkedHashSet<>(List.of("z", "a", "m"));
        assertEquals(List.copyOf(ordered), List.copyOf((Set<?>) roundTrip(ordered)));
        LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", null);
        Map<?, ?> back = (Map<?, ?>) roundTrip(map);
        assertEquals(LinkedHashMap.class, back.getClass());
        assertEquals(List.of("z", "a"), List.copyOf(back.keySet()));
        assertEquals(Map.of("k", List.of(1)), roundTrip(Map.of("k", List.of(1))));
        assertEquals(new HashMap<>(Map.of(1, 2)), roundTrip(new HashMap<>(Map.of(1, 2))));
    }

    @Test
    void recordsAndEnums() {
        Named named = new Named("n", List.of(new Point(1, 2), new Point(3, 4)), Map.of("a", 1), TimeUnit.SECONDS);
        assertTrue(compact(named));
        assertEquals(named, roundTrip(named));
        assertSame(TimeUnit.DAYS, roundTrip(TimeUnit.DAYS));
        assertEquals("resolved k", roundTrip(new Resolving("k")), "readResolve runs on arrival");
    }

    @Test
    void lambdasTravelCompactlyWithTheirCaptures() throws Exception {
        int base = 40;
        Point point = new Point(1, 1);
        SerializableFunction<Integer, Integer> add = x -> x + base + point.x();
        assertTrue(compact(add));
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> back = (SerializableFunction<Integer, Integer>) roundTrip(add);
        assertEquals(43, back.apply(2));
        SerializableFunction<String, Integer> reference = String::length;
        @SuppressWarnings("unchecked")
        SerializableFunction<String, Integer> backReference = (SerializableFunction<String, Integer>) roundTrip(reference);
        assertEquals(5, backReference.apply("hello"));
    }

    @Test
    void whatItDoesNotCoverGoesThroughJdkSerializationAndReadsBackTheSame() {
        Box box = new Box();
        assertTrue(!compact(box));
        assertEquals(7, ((Box) roundTrip(box)).value);
        TreeMap<String, Integer> sorted = new TreeMap<>(Map.of("b", 2, "a", 1));
        assertTrue(!compact(sorted), "a sorted map keeps its class");
        assertEquals(TreeMap.class, roundTrip(sorted).getClass());
        assertTrue(!compact(new String[] {"typed"}), "a typed array keeps its component type");
        assertArrayEquals(new String[] {"typed"}, (String[]) roundTrip(new String[] {"typed"}));
        assertEquals(Duration.ofSeconds(3), roundTrip(Duration.ofSeconds(3)));
        SerializableRunnable captures = () -> box.value++;
        assertTrue(!compact(captures), "a capture the compact form does not cover sends the whole lambda the JDK way");
        assertEquals(SerializableRunnable.class, SerializableRunnable.class.cast(roundTrip(captures)).getClass().getInterfaces()[0]);
    }

    @Test
    void sharedAndCyclicGraphsKeepTheirIdentity() {
        List<Object> inner = new ArrayList<>(List.of(1));
        List<Object> outer = new ArrayList<>(Arrays.asList(inner, inner));
        assertTrue(!compact(outer));
        List<?> back = (List<?>) roundTrip(outer);
        assertSame(back.get(0), back.get(1));
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        List<?> cycle = (List<?>) roundTrip(cyclic);
        assertSame(cycle, cycle.get(0));
        Object deep = 1;
        for (int i = 0; i < 200; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        assertEquals(deep, roundTrip(deep), "too deep for the compact form: the JDK way");
        Point p = new Point(1, 2);
        List<?> twice = (List<?>) roundTrip(new ArrayList<>(List.of(p, p)));
        assertNotSame(null, twice.get(0));
        assertSame(twice.get(0), twice.get(1));
    }

    @Test
    void errors() {
        var e = assertThrows(IllegalArgumentException.class, () -> CODEC.serialize(List.of(new NotSerializableRecord(1)), "the item"));
        assertTrue(e.getMessage().contains(NotSerializableRecord.class.getName()) && e.getMessage().startsWith("the item"), e.getMessage());
        byte[] bytes = CODEC.serialize(new Checked(5), "x");
        int at = bytes.length - 4; // the int component is last
        bytes[at] = bytes[at + 1] = bytes[at + 2] = bytes[at + 3] = 0;
        var refused = assertThrows(SerializationException.class, () -> CODEC.deserialize(bytes));
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        assertTrue(refused.getCause().getMessage().contains("not positive: 0"));
        assertThrows(SerializationException.class, () -> CODEC.deserialize(new byte[] {CompactFormat.COMPACT, 99}));
        assertThrows(SerializationException.class, () -> CODEC.deserialize(new byte[] {CompactFormat.COMPACT, CompactFormat.LONGS, 0x7f, 0, 0, 0}));
        assertThrows(SerializationException.class, () -> CODEC.deserialize(new byte[0]));
        assertNull(CODEC.deserialize(CODEC.serialize(null, "null")));
    }
}
