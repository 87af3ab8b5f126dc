package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every message of the control protocol reads back as it was written, whatever its values, and a
 * truncated payload is refused instead of read past its end. Each property is checked on 2,000
 * drawn cases (fixed seeds, so a failure repeats), the first ones being the edge values: empty and
 * long strings, non-ASCII text, zero, negative and extreme numbers, empty arrays.
 */
class CodecRoundTripTest {

    private static final int CASES = 2_000;

    /** Draws values, edge values first. */
    private static final class Draw {
        private final Random random;
        private int n;

        Draw(long seed) {
            random = new Random(seed);
        }

        private boolean edge() {
            return n < 64 || random.nextInt(8) == 0;
        }

        int anInt() {
            int[] edges = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
            return edge() ? edges[random.nextInt(edges.length)] : random.nextInt();
        }

        long aLong() {
            long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L};
            return edge() ? edges[random.nextInt(edges.length)] : random.nextLong();
        }

        String aString() {
            String[] edges = {"", "a", "é", "日本語", "\u0000", "emoji \uD83D\uDE00", "x".repeat(70_000)};
            if (edge()) {
                return edges[random.nextInt(edges.length)];
            }
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0xD800));
            }
            return new String(chars);
        }

        byte[] bytes() {
            byte[] b = new byte[edge() ? random.nextInt(2) * 100_000 : random.nextInt(300)];
            random.nextBytes(b);
            return b;
        }

        int[] ints() {
            return random.ints(random.nextInt(8)).toArray();
        }

        boolean aBoolean() {
            return random.nextBoolean();
        }
    }

    private static void check(long seed, Consumer<Draw> property) {
        Draw draw = new Draw(seed);
        for (draw.n = 0; draw.n < CASES; draw.n++) {
            property.accept(draw);
        }
    }

    @Test
    void aHelloReadsBackAsItWasWritten() {
        check(1, d -> {
            Hello hello = new Hello(d.anInt(), d.aLong(), d.aString());
            assertEquals(hello, Hello.decode(hello.encode()));
        });
    }

    @Test
    void aTruncatedHelloIsRefused() {
        check(2, d -> {
            byte[] whole = new Hello(2, 42, d.aString()).encode();
            byte[] truncated = Arrays.copyOf(whole, Math.floorMod(d.anInt(), whole.length));
            assertThrows(IllegalStateException.class, () -> Hello.decode(truncated));
        });
    }

    @Test
    void aRefusalReadsBackAsItWasWritten() {
        check(3, d -> {
            Refused refused = new Refused(d.aString());
            assertEquals(refused, Refused.decode(refused.encode()));
        });
    }

    @Test
    void aProcessDoneReadsBackAsItWasWritten() {
        check(4, d -> {
            ProcessDone done = new ProcessDone(d.anInt(), d.aLong(), d.aLong(), d.anInt() % 2 == 0);
            assertEquals(done, ProcessDone.decode(done.encode()));
        });
    }

    @Test
    void aPoolForgetReadsBackAsItWasWritten() {
        check(5, d -> {
            PoolForget forget = new PoolForget(d.anInt());
            assertEquals(forget, PoolForget.decode(forget.encode()));
        });
    }

    @Test
    void aPoolReadyReadsBackAsItWasWritten() {
        check(11, d -> {
            PoolReady message = new PoolReady(d.aString());
            assertEquals(message, PoolReady.decode(message.encode()));
        });
    }

    @Test
    void aPoolRecallAndItsAnswerReadBackAsTheyWereWritten() {
        check(12, d -> {
            PoolRecall recall = new PoolRecall(d.aLong());
            assertEquals(recall, PoolRecall.decode(recall.encode()));
            PoolRecalled answer = new PoolRecalled(d.aLong(), d.anInt() % 2 == 0);
            assertEquals(answer, PoolRecalled.decode(answer.encode()));
        });
    }

    @Test
    void aChildSpecReadsBackAsItWasWritten() {
        check(6, d -> {
            ChildSpec spec = new ChildSpec(d.bytes(), d.aString(), d.ints(), d.aBoolean(), d.aString(), d.aLong(),
                    d.aString(), d.aString());
            ChildSpec back = ChildSpec.decode(spec.encode());
            assertArrayEquals(spec.process(), back.process());
            assertArrayEquals(spec.identity(), back.identity());
            assertEquals(spec.name(), back.name());
            assertEquals(spec.daemon(), back.daemon());
            assertEquals(spec.parentName(), back.parentName());
            assertEquals(spec.parentPid(), back.parentPid());
            assertEquals(spec.runId(), back.runId());
            assertEquals(spec.runDir(), back.runDir());
        });
    }

    @Test
    void aChildSpecAnnouncingMoreNumbersThanItHoldsIsRefusedBeforeAnyIsAllocated() {
        check(7, d -> {
            int count = d.anInt();
            byte[] payload = new ByteSink(16).putString(d.aString()).putInt(count).toByteArray();
            assertThrows(IllegalStateException.class, () -> ChildSpec.decode(payload));
        });
    }

    /** The items after the header are left where the pool reads them; an inlined function goes between. */
    @Test
    void aPoolTasksHeaderReadsBackWithItsItemsAfterIt() {
        check(8, d -> {
            long chunkId = d.aLong();
            byte kind = (byte) Math.floorMod(d.anInt(), 3);
            int functionId = d.anInt();
            byte[] function = d.bytes();
            byte[] items = d.bytes();
            ByteSink sink = PoolTasks.start(chunkId, kind, functionId, 32);
            sink.putRaw(items, 0, items.length);
            byte[] plain = sink.toByteArray();
            for (byte[] payload : new byte[][] {plain, PoolTasks.withFunction(plain, function)}) {
                ByteSource in = new ByteSource(payload);
                PoolTasks header = PoolTasks.read(in);
                assertEquals(chunkId, header.chunkId());
                assertEquals(kind, header.kind());
                assertEquals(functionId, header.functionId());
                assertArrayEquals(payload == plain ? new byte[0] : function, header.function());
                assertArrayEquals(items, Arrays.copyOfRange(payload, in.position(), payload.length));
            }
        });
    }

    @Test
    void aPoolTasksMessageOfAnUnknownKindIsRefused() {
        check(9, d -> {
            byte kind = (byte) (3 + Math.floorMod(d.anInt(), 253));
            byte[] payload = PoolTasks.start(d.aLong(), kind, 1, 32).toByteArray();
            assertThrows(IllegalStateException.class, () -> PoolTasks.read(new ByteSource(payload)));
        });
    }

    @Test
    void aPoolResultsHeaderReadsBackWithTheResultsAfterIt() {
        check(10, d -> {
            PoolResults header = new PoolResults(d.aLong(), d.aLong(), d.aLong(), d.aLong(), d.anInt(), d.aLong());
            byte[] results = d.bytes();
            ByteSink sink = header.writeTo(new ByteSink(8));
            sink.putRaw(results, 0, results.length);
            byte[] payload = sink.toByteArray();
            ByteSource in = new ByteSource(payload);
            assertEquals(header, PoolResults.read(in));
            assertArrayEquals(results, Arrays.copyOfRange(payload, in.position(), payload.length));
        });
    }
}
