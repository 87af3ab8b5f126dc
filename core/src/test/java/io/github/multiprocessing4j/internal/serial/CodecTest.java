package io.github.multiprocessing4j.internal.serial;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ValueCodec round trips, in one JVM. */
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
}
