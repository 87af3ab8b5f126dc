package io.github.multiprocessing4j.hazelcast.internal;

import io.github.multiprocessing4j.internal.pool.WorkerStatus;
import io.github.multiprocessing4j.internal.protocol.Frame;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire's codecs and signatures, as properties over generated messages and bytes: each
 * repetition draws 200 cases from a random generator seeded by its number (a failure names the
 * repetition, which reproduces it). Text includes any UTF-16, lone surrogates too.
 */
class WireTest {

    private static final AuthKey KEY = new AuthKey("sixteen bytes at least, here".getBytes());
    private static final int CASES = 200;

    @RepeatedTest(5)
    void everyMessageDecodesToWhatWasEncoded(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        for (int i = 0; i < CASES; i++) {
            Wire.Message message = message(random);
            Wire.Message back = Wire.decode(message.encode());
            assertEquals(message.getClass(), back.getClass());
            assertArrayEquals(message.encode(), back.encode(), "re-encoding the decoded " + message.getClass().getSimpleName());
            assertEquals(message.child(), back.child());
        }
    }

    @RepeatedTest(5)
    void arbitraryOrTruncatedBytesDecodeOrAreRefusedAsNotAMessage(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        for (int i = 0; i < CASES; i++) {
            byte[] encoded = message(random).encode();
            List<byte[]> inputs = List.of(bytes(random, 64), Arrays.copyOf(encoded, random.nextInt(encoded.length)),
                    flipped(random, encoded));
            for (byte[] input : inputs) {
                try {
                    Wire.decode(input);
                } catch (IllegalArgumentException expected) {
                    assertTrue(expected.getMessage().startsWith("not a cluster message"), expected.getMessage());
                }
            }
        }
    }

    @RepeatedTest(5)
    void aSignedMessageVerifiesAndAnyChangedByteOrAnotherKeyIsRefused(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        AuthKey other = new AuthKey("another key of sixteen bytes".getBytes());
        for (int i = 0; i < CASES; i++) {
            byte[] body = message(random).encode();
            byte[] signed = KEY.sign(body);
            assertArrayEquals(body, KEY.verify(signed));
            assertNull(KEY.verify(flipped(random, signed)), "a changed byte breaks the signature");
            assertNull(other.verify(signed), "another key's signature");
            assertNull(KEY.verify(Arrays.copyOf(signed, random.nextInt(AuthKey.SIGNATURE))), "shorter than a signature");
        }
    }

    // ---- generators ------------------------------------------------------------------------------

    private static Wire.Message message(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> new Wire.Launch(text(r, 40), text(r, 40), text(r, 40), pick(r, Wire.Kind.values()), text(r, 300), r.nextBoolean(),
                    texts(r), texts(r), bytes(r, 200));
            case 1 -> new Wire.Signal(text(r, 40), pick(r, Wire.How.values()), text(r, 60));
            case 2 -> new Wire.Started(text(r, 40), r.nextLong(), text(r, 40));
            case 3 -> new Wire.Frames(text(r, 40), r.nextLong(), status(r), frames(r));
            case 4 -> new Wire.Output(text(r, 40), r.nextBoolean(), bytes(r, 200));
            case 5 -> new Wire.Exited(text(r, 40), r.nextInt(), text(r, 300), text(r, 300), r.nextLong(), status(r));
            case 6 -> new Wire.Refused(text(r, 40), text(r, 300));
            default -> new Wire.AgentLost(text(r, 40));
        };
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String text(Random r, int max) {
        char[] chars = new char[r.nextInt(max + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = r.nextInt(4) == 0 ? (char) r.nextInt(Character.MAX_VALUE + 1) : (char) (' ' + r.nextInt(95));
        }
        return new String(chars);
    }

    private static List<String> texts(Random r) {
        List<String> list = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            list.add(text(r, 80));
        }
        return list;
    }

    private static byte[] bytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] flipped(Random r, byte[] b) {
        byte[] copy = b.clone();
        if (copy.length > 0) {
            copy[r.nextInt(copy.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return copy;
    }

    private static WorkerStatus.Snapshot status(Random r) {
        return new WorkerStatus.Snapshot(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    }

    private static List<Frame> frames(Random r) {
        List<Frame> frames = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            frames.add(new Frame((byte) r.nextInt(256), bytes(r, 100)));
        }
        return frames;
    }
}
