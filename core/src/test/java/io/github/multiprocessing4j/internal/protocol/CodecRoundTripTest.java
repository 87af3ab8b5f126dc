package io.github.multiprocessing4j.internal.protocol;

import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.ByteRange;
import net.jqwik.api.constraints.Size;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every message of the control protocol reads back as it was written, whatever its values (jqwik
 * draws them, edge values included: empty and long strings, negative and extreme numbers), and a
 * truncated payload is refused instead of read past its end.
 */
class CodecRoundTripTest {

    @Property
    void aHelloReadsBackAsItWasWritten(@ForAll int version, @ForAll long pid, @ForAll String token) {
        Hello hello = new Hello(version, pid, token);
        assertEquals(hello, Hello.decode(hello.encode()));
    }

    @Property
    void aTruncatedHelloIsRefused(@ForAll String token, @ForAll("cut") int cut) {
        byte[] whole = new Hello(2, 42, token).encode();
        byte[] truncated = Arrays.copyOf(whole, Math.floorMod(cut, whole.length));
        assertThrows(IllegalStateException.class, () -> Hello.decode(truncated));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> cut() {
        return net.jqwik.api.Arbitraries.integers();
    }

    @Property
    void aRefusalReadsBackAsItWasWritten(@ForAll String reason) {
        assertEquals(new Refused(reason), Refused.decode(new Refused(reason).encode()));
    }

    @Property
    void aProcessDoneReadsBackAsItWasWritten(@ForAll int exitCode, @ForAll long stdout, @ForAll long stderr) {
        ProcessDone done = new ProcessDone(exitCode, stdout, stderr);
        assertEquals(done, ProcessDone.decode(done.encode()));
    }

    @Property
    void aPoolForgetReadsBackAsItWasWritten(@ForAll int functionId) {
        assertEquals(new PoolForget(functionId), PoolForget.decode(new PoolForget(functionId).encode()));
    }

    @Property
    void aChildSpecReadsBackAsItWasWritten(@ForAll byte[] process, @ForAll String name, @ForAll @Size(max = 8) int[] identity,
                                           @ForAll boolean daemon, @ForAll String parentName, @ForAll long parentPid,
                                           @ForAll String runId, @ForAll String runDir) {
        ChildSpec spec = new ChildSpec(process, name, identity, daemon, parentName, parentPid, runId, runDir);
        ChildSpec back = ChildSpec.decode(spec.encode());
        assertArrayEquals(process, back.process());
        assertArrayEquals(identity, back.identity());
        assertEquals(new ChildSpec(null, name, null, daemon, parentName, parentPid, runId, runDir),
                new ChildSpec(null, back.name(), null, back.daemon(), back.parentName(), back.parentPid(), back.runId(), back.runDir()));
    }

    @Property
    void aChildSpecAnnouncingMoreNumbersThanItHoldsIsRefused(@ForAll String name, @ForAll int count) {
        byte[] payload = new ByteSink(16).putString(name).putInt(count).toByteArray();
        assertThrows(IllegalStateException.class, () -> ChildSpec.decode(payload));
    }

    /** The items after the header are left where the pool reads them; an inlined function goes between. */
    @Property
    void aPoolTasksHeaderReadsBackWithItsItemsAfterIt(@ForAll long chunkId, @ForAll @ByteRange(min = 0, max = 2) byte kind,
                                                     @ForAll int functionId, @ForAll byte[] function, @ForAll byte[] items) {
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
    }

    @Property
    void aPoolTasksMessageOfAnUnknownKindIsRefused(@ForAll long chunkId, @ForAll byte kind) {
        net.jqwik.api.Assume.that(kind < 0 || kind > 2);
        byte[] payload = PoolTasks.start(chunkId, kind, 1, 32).toByteArray();
        assertThrows(IllegalStateException.class, () -> PoolTasks.read(new ByteSource(payload)));
    }

    @Property
    void aPoolResultsHeaderReadsBackWithTheResultsAfterIt(@ForAll long chunkId, @ForAll long stdout, @ForAll long stderr,
                                                        @ForAll byte[] results) {
        ByteSink sink = new PoolResults(chunkId, stdout, stderr).writeTo(new ByteSink(8));
        sink.putRaw(results, 0, results.length);
        byte[] payload = sink.toByteArray();
        ByteSource in = new ByteSource(payload);
        assertEquals(new PoolResults(chunkId, stdout, stderr), PoolResults.read(in));
        assertArrayEquals(results, Arrays.copyOfRange(payload, in.position(), payload.length));
    }
}
