package io.github.multiprocessing4j.internal.serial;

import io.github.multiprocessing4j.SerializableCallable;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ValueCodec and TaskCodec round trips, in one JVM. */
class CodecTest {

    record Point(int x, int y) implements Serializable {
    }

    static Object[] roundTrip(Object... items) {
        ByteSink sink = new ByteSink(8);
        ValueCodec.encode(sink, items, 0, items.length, "an item");
        return ValueCodec.decode(new ByteSource(sink.toByteArray()));
    }

    @Test
    void valuesKeepTheirTypes() {
        Object[] uniform = {1, 2, 3};
        assertArrayEquals(uniform, roundTrip(uniform));
        assertArrayEquals(new Object[] {1L, -2L}, roundTrip(1L, -2L));
        assertArrayEquals(new Object[] {1.5, Double.NaN}, roundTrip(1.5, Double.NaN));
        Object[] mixed = {null, 1, 2L, 3.0, 4f, (short) 5, (byte) 6, 'c', true, false, "héllo", new Point(1, 2),
                List.of(1, 2), Map.of("a", 1)};
        Object[] back = roundTrip(mixed);
        assertEquals(Arrays.asList(mixed), Arrays.asList(back));
        for (int i = 1; i < mixed.length; i++) {
            assertEquals(mixed[i].getClass(), back[i].getClass(), "type of item " + i);
        }
        assertArrayEquals(new byte[] {1, 2}, (byte[]) roundTrip((Object) new byte[] {1, 2})[0]);
        assertEquals(0, roundTrip().length);
        RemoteFailure failure = RemoteFailure.of(RemoteFailure.TASK, new IllegalStateException("x"));
        RemoteFailure failed = (RemoteFailure) roundTrip(1, failure)[1];
        assertEquals("java.lang.IllegalStateException", failed.className());
        assertEquals("x", failed.rebuild().getMessage());
    }

    @Test
    void anItemThatCannotBeSerializedIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(1, new Thread()));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    }

    static Object call(byte[] task) throws Exception {
        return ((SerializableCallable<?>) TaskCodec.decode(task)).call();
    }

    String field = "field";

    @Test
    void lambdasTravelAsShapeAndCapturedValues() throws Exception {
        int i = 6;
        long l = 7;
        String s = "s";
        Point p = new Point(1, 2);
        List<Integer> list = new ArrayList<>(List.of(1, 2));
        SerializableCallable<Integer> inner = () -> 40;
        assertEquals(42, call(TaskCodec.encode((SerializableCallable<Integer>) () -> i * 7, "t")));
        assertEquals("s7", call(TaskCodec.encode((SerializableCallable<String>) () -> s + l, "t")));
        assertEquals(3, call(TaskCodec.encode((SerializableCallable<Integer>) () -> p.x() + p.y(), "t")));
        assertEquals(List.of(1, 2), call(TaskCodec.encode((SerializableCallable<List<Integer>>) () -> list, "t")));
        assertEquals(42, call(TaskCodec.encode((SerializableCallable<Integer>) () -> inner.call() + 2, "t")));
        assertEquals(4, call(TaskCodec.encode((SerializableCallable<Integer>) "four"::length, "t")));
        assertNull(call(TaskCodec.encode((SerializableCallable<Object>) () -> null, "t")));
        Object thread = new Thread();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskCodec.encode((SerializableCallable<Integer>) thread::hashCode, "the task"));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TaskCodec.encode((SerializableCallable<String>) () -> field, "the task"));
        assertTrue(e.getMessage().contains(CodecTest.class.getName()), e.getMessage());
    }

    @Test
    void aShapeIdSeenFromAnotherSenderIsCheckedByItsBytes() throws Exception {
        byte[] mine = TaskCodec.encode((SerializableCallable<String>) () -> "mine", "t");
        assertEquals("mine", call(mine));
        // another sender numbering its shapes from 1 too: same id, other lambda
        byte[] other = TaskCodec.encode((SerializableCallable<String>) () -> "other", "t");
        ByteSource in = new ByteSource(mine);
        in.getByte();
        int id = in.getInt();
        byte[] renumbered = other.clone();
        renumbered[1] = (byte) (id >>> 24);
        renumbered[2] = (byte) (id >>> 16);
        renumbered[3] = (byte) (id >>> 8);
        renumbered[4] = (byte) id;
        assertEquals("other", call(renumbered));
        assertEquals("mine", call(mine));
    }

    static final class NamedTask implements SerializableCallable<String> {
        @Override
        public String call() {
            return "named";
        }
    }

    @Test
    void otherTasksTravelByJdkSerialization() throws Exception {
        assertEquals("named", call(TaskCodec.encode(new NamedTask(), "t")));
        assertInstanceOf(NamedTask.class, TaskCodec.decode(TaskCodec.encode(new NamedTask(), "t")));
    }
}
