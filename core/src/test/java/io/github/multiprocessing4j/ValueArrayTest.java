package io.github.multiprocessing4j;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.multiprocessing4j.Multiprocessing.array;
import static io.github.multiprocessing4j.Multiprocessing.rawArray;
import static io.github.multiprocessing4j.Multiprocessing.rawValue;
import static io.github.multiprocessing4j.Multiprocessing.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Value and Array (CPython's test_value, test_rawvalue, test_getobj_getlock, test_invalid_typecode, test_array*, test_sharedctypes). */
class ValueArrayTest {

    @Test
    void valuesSetByAChildAreSeenByTheParent() throws Exception {
        for (boolean raw : new boolean[] {false, true}) {
            List<Value> values = List.of(
                    raw ? rawValue('i', 4343) : value('i', 4343),
                    raw ? rawValue('d', 3.625) : value('d', 3.625),
                    raw ? rawValue('h', -232) : value('h', -232),
                    raw ? rawValue('q', 1L << 33) : value('q', 1L << 33),
                    raw ? rawValue('c', (int) 'x') : value('c', (int) 'x'),
                    raw ? rawValue('u', (int) 'é') : value('u', (int) 'é'),
                    raw ? rawValue('?', 0) : value('?', 0),
                    raw ? rawValue('f', 1.5f) : value('f', 1.5f),
                    raw ? rawValue('b', -7) : value('b', -7),
                    raw ? rawValue('l', -1L) : value('l', -1L));
            assertEquals(List.of(4343, 3.625, (short) -232, 1L << 33, (byte) 'x', (int) 'é', 0, 1.5f, (byte) -7, -1L),
                    values.stream().map(Value::get).toList());
            Process p = new Process(() -> {
                values.get(0).set(24234);
                values.get(1).set(-4.25);
                values.get(2).set(234);
                values.get(3).set(1L << 34);
                values.get(4).set((int) 'y');
                values.get(5).setChar('ü');
                values.get(6).setBoolean(true);
                values.get(7).setDouble(-0.5);
                values.get(8).set(127);
                values.get(9).set(Long.MIN_VALUE);
            });
            p.start();
            p.join();
            assertEquals(0, p.exitCode());
            assertEquals(List.of(24234, -4.25, (short) 234, 1L << 34, (byte) 'y', (int) 'ü', 1, -0.5f, (byte) 127, Long.MIN_VALUE),
                    values.stream().map(Value::get).toList());
            assertEquals('ü', values.get(5).getChar());
            assertTrue(values.get(6).getBoolean());
        }
    }

    @Test
    void getLockIsAnRLockAndRawValuesHaveNone() {
        Value v = value('i', 5);
        RLock lock = v.getLock();
        lock.acquire();
        lock.acquire();
        assertTrue(v.getLock().isHeldByCurrentThread(), "the same lock every time");
        lock.release();
        lock.release();
        assertFalse(v.getLock().locked());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rawValue('i', 5).getLock());
        assertTrue(e.getMessage().contains("raw Value has no lock"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> value('i', 5, false).getLock());
        assertThrows(IllegalStateException.class, () -> rawArray('i', 3).getLock());
        array('i', 3).getLock().acquire(false);
    }

    @Test
    void badInputIsAClearErrorAndChangesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> value('x', 1));
        assertTrue(e.getMessage().contains("unknown typecode 'x'") && e.getMessage().contains("'d' (double)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rawValue('x', 1));
        assertThrows(IllegalArgumentException.class, () -> array('x', 1));
        assertThrows(IllegalArgumentException.class, () -> rawArray('x', 1, 2));
        e = assertThrows(IllegalArgumentException.class, () -> value('i', 1.5));
        assertTrue(e.getMessage().contains("1.5 (Double) is not an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> array('i', -1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> value('i', null));

        Value b = value('b', 100);
        e = assertThrows(IllegalArgumentException.class, () -> b.set(300));
        assertTrue(e.getMessage().contains("-128 to 127") && e.getMessage().contains("300 is out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.set(2.0));
        assertThrows(IllegalArgumentException.class, () -> b.setLong(-129));
        ArithmeticException overflow = assertThrows(ArithmeticException.class, () -> b.addAndGet(28));
        assertTrue(overflow.getMessage().contains("unchanged"), overflow.getMessage());
        assertEquals((byte) 100, b.get(), "unchanged");
        assertThrows(IllegalStateException.class, () -> b.setDouble(1.0));
        assertThrows(IllegalStateException.class, () -> b.addAndGet(1.0));
        assertThrows(IllegalStateException.class, b::getBoolean);
        assertEquals((byte) 100, b.get());

        Value d = value('d', 1.0);
        IllegalStateException s = assertThrows(IllegalStateException.class, d::incrementAndGet);
        assertTrue(s.getMessage().contains("not integers"), s.getMessage());
        assertThrows(IllegalStateException.class, d::getLong);
        assertEquals(1.0, d.get());
        assertThrows(IllegalArgumentException.class, () -> value('f', 1e39));
        assertThrows(IllegalArgumentException.class, () -> value('q', new BigInteger("9223372036854775808")));
        assertEquals(Long.MAX_VALUE, value('q', new BigInteger("9223372036854775807")).getLong());
        assertThrows(IllegalArgumentException.class, () -> value('?', 2));
        assertThrows(IllegalArgumentException.class, () -> value('u', -1));

        Array a = array('i', 1, 2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> a.set(-1, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> a.setSlice(2, 1, 2));
        e = assertThrows(IllegalArgumentException.class, () -> a.setSlice(0, 7, 8.5));
        assertTrue(e.getMessage().startsWith("element 1:"), e.getMessage());
        assertEquals(List.of(1, 2, 3), a.toList(), "a slice with one bad value writes none");
        e = assertThrows(IllegalArgumentException.class, () -> array('b', 1, 1000));
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
    }

    @Test
    void unsignedTypecodes() {
        Value b = value('B', 255);
        assertEquals(255, b.get());
        assertThrows(IllegalArgumentException.class, () -> b.set(256));
        assertThrows(IllegalArgumentException.class, () -> b.set(-1));
        assertThrows(ArithmeticException.class, b::incrementAndGet);
        assertEquals(254, b.decrementAndGet());
        Value h = value('H', 65535);
        assertEquals(65535, h.getInt());
        Value i = rawValue('I', 4294967295L);
        assertEquals(4294967295L, i.get());
        assertEquals(4294967294L, i.decrementAndGet());
        assertTrue(i.compareAndSet(4294967294L, 7));
        Array a = rawArray('B', 200, 201, 202);
        assertEquals(List.of(200, 201, 202), a.toList());
        assertEquals(203, a.incrementAndGet(2));
    }

    @Test
    void atomicOperations() throws Exception {
        Value v = rawValue('i', 0);
        assertEquals(1, v.incrementAndGet());
        assertEquals(0, v.decrementAndGet());
        assertEquals(10, v.addAndGet(10));
        assertTrue(v.compareAndSet(10, 11));
        assertFalse(v.compareAndSet(10, 12));
        assertFalse(v.compareAndSet(1L << 40, 1), "an expected value outside the type never matches");
        assertEquals(11, v.getInt());
        Value h = rawValue('h', 0);
        Value c = rawValue('b', 0);
        Value f = rawValue('f', 0);
        Value d = rawValue('d', 0);
        Array shorts = rawArray('h', 4);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = new Process(() -> {
                for (int k = 0; k < 1000; k++) {
                    v.incrementAndGet();
                    h.incrementAndGet();
                    if (k < 60) {
                        c.incrementAndGet();
                    }
                    f.addAndGet(0.5);
                    d.addAndGet(0.25);
                    for (int j = 0; j < 4; j++) {
                        shorts.addAndGet(j, j + 1);
                    }
                }
            });
            p.start();
            ps.add(p);
        }
        for (Process p : ps) {
            p.join();
            assertEquals(0, p.exitCode());
        }
        assertEquals(2011, v.getInt());
        assertEquals(2000, h.getInt());
        assertEquals(120, c.getInt(), "1-byte elements are atomic too");
        assertEquals(1000.0, f.getDouble());
        assertEquals(500.0, d.getDouble());
        assertEquals(List.of((short) 2000, (short) 4000, (short) 6000, (short) 8000), shorts.toList(),
                "2-byte neighbours updated at once do not clobber each other");
        assertTrue(d.compareAndSet(500.0, 1.0));
        assertFalse(d.compareAndSet(500.0, 2.0));
        assertEquals(1.0, d.get());
    }

    @Test
    void arraysAsCPython() throws Exception {
        for (boolean raw : new boolean[] {false, true}) {
            Number[] seq = {680, 626, 934, 821, 150, 233, 548, 982, 714, 831};
            Array arr = raw ? rawArray('i', seq) : array('i', seq);
            assertEquals(10, arr.length());
            assertEquals(821, arr.get(3));
            assertEquals(List.of(934, 821, 150, 233, 548), arr.slice(2, 7));
            arr.setSlice(4, 1, 2, 3, 4);
            assertEquals(List.of(680, 626, 934, 821, 1, 2, 3, 4, 714, 831), arr.toList());
            Process p = new Process(() -> {
                for (int i = 1; i < arr.length(); i++) {
                    arr.setInt(i, arr.getInt(i) + arr.getInt(i - 1));
                }
            });
            p.start();
            p.join();
            List<Integer> prefix = new ArrayList<>();
            int sum = 0;
            for (int x : new int[] {680, 626, 934, 821, 1, 2, 3, 4, 714, 831}) {
                sum += x;
                prefix.add(sum);
            }
            assertEquals(prefix, arr.toList());
        }
        Array zeros = array('i', 10);
        assertEquals(java.util.Collections.nCopies(10, 0), zeros.toList());
        zeros.setSlice(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), zeros.toList());
        assertEquals(0, rawArray('d', 0).length());
        assertEquals("Array('i', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])", zeros.toString());
        assertEquals("Value('d', 0.5)", value('d', 0.5).toString());
    }

    /** Test_sharedctypes: a child doubles everything; with and without locks. */
    @Test
    void aChildDoublesEverything() throws Exception {
        Value x = value('i', 7);
        Value y = rawValue('d', 1.0 / 3.0);
        Value z = value('q', 1L << 33);
        Array doubles = array('d', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Array bytes = rawArray('c', 20);
        byte[] hello = "hello".getBytes();
        for (int i = 0; i < hello.length; i++) {
            bytes.set(i, hello[i]);
        }
        Process p = new Process(() -> {
            try (var held = x.getLock().acquired()) {
                x.setInt(x.getInt() * 2);
            }
            y.setDouble(y.getDouble() * 2);
            z.setLong(z.getLong() * 2);
            try (var held = doubles.getLock().acquired()) {
                for (int i = 0; i < doubles.length(); i++) {
                    doubles.setDouble(i, doubles.getDouble(i) * 2);
                }
            }
            for (int i = 0; i < 5; i++) {
                bytes.set(i + 5, bytes.get(i));
            }
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(14, x.get());
        assertEquals(2.0 / 3.0, y.getDouble(), 1e-15);
        assertEquals(1L << 34, z.get());
        for (int i = 0; i < 10; i++) {
            assertEquals(2.0 * i, doubles.getDouble(i));
        }
        byte[] got = new byte[10];
        for (int i = 0; i < 10; i++) {
            got[i] = bytes.get(i).byteValue();
        }
        assertEquals("hellohello", new String(got));
        assertEquals(0, bytes.get(10).intValue());
        Value viaLock = value('i', 1);
        assertTrue(viaLock.getLock().acquire(Duration.ofSeconds(1)));
        viaLock.getLock().release();
    }
}
