package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.SerializableBiFunction;
import io.github.multiprocessing4j.SerializableCallable;
import io.github.multiprocessing4j.SerializableFunction;
import io.github.multiprocessing4j.SerializableRunnable;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.FrameChannel;
import io.github.multiprocessing4j.internal.pool.WorkerStatus;
import io.github.multiprocessing4j.internal.protocol.PoolForget;
import io.github.multiprocessing4j.internal.protocol.PoolReady;
import io.github.multiprocessing4j.internal.protocol.PoolRecall;
import io.github.multiprocessing4j.internal.protocol.PoolRecalled;
import io.github.multiprocessing4j.internal.protocol.PoolResults;
import io.github.multiprocessing4j.internal.protocol.PoolTasks;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.protocol.ChildSpec;
import io.github.multiprocessing4j.internal.runtime.RunDirectory;
import io.github.multiprocessing4j.internal.runtime.Self;
import io.github.multiprocessing4j.internal.runtime.Threads;
import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.RemoteFailure;
import io.github.multiprocessing4j.internal.serial.ValueCodec;
import io.github.multiprocessing4j.internal.shm.Segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The life of a pool worker JVM, after {@code POOL_WORKER} (see {@link Protocol}): run the
 * initializer, say {@code POOL_READY}, then run the chunks the parent sends, in order, answering
 * each with {@code POOL_RESULTS}, until {@code POOL_STOP}.
 *
 * <p>A reader thread drains the control channel into an inbox, so the parent's writes never wait
 * for a task to finish; the main thread runs the tasks. The reader answers {@code POOL_RECALL}
 * itself: it takes the chunk out of the inbox if the main thread has not taken it yet. The worker
 * tells what it is running, and where its time goes, in its {@link WorkerStatus} segment. Every item of a chunk runs, each with its
 * own outcome: a value, or a {@link RemoteFailure} for what it threw (any {@code Throwable}), for a
 * result that cannot be serialized, or for a task, function or item that cannot be deserialized
 * here. The worker survives all of these; it dies only by {@code System.exit} in a task, by running
 * out of heap ({@code -XX:+ExitOnOutOfMemoryError}, or {@link #outOfMemory}), or by a signal.
 *
 * <p>The standard streams count the bytes they write, and each {@code POOL_RESULTS} carries the
 * counts, so that the parent can deliver a result after the output printed before it.
 */
final class PoolWorker {

    private static final Frame END = new Frame((byte) -1, new byte[0]);

    private final FrameChannel channel;
    private final BlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    /** Function id to the deserialized function, or to the RemoteFailure of deserializing it. */
    private final Map<Integer, Object> functions = new HashMap<>();
    private final ByteSink sink = new ByteSink(1 << 16);
    private WorkerStatus status;
    /** Tasks are timed one by one while they take at least this long on average (else per chunk). */
    private static final long TIME_EACH_ABOVE_NANOS = 2_000;
    /** The average task time of the last chunk, to decide whether to time the next one's tasks one by one. */
    private long lastNanosPerTask = Long.MAX_VALUE;
    private int slowestIndex;
    private long slowestNanos;

    private PoolWorker(FrameChannel channel) {
        this.channel = channel;
    }

    static void run(FrameChannel channel, Frame command) throws Exception {
        new PoolWorker(channel).loop(ChildSpec.decode(command.payload()));
    }

    /** @param spec the worker's place in the process tree; its {@code process} field is the initializer, or empty */
    private void loop(ChildSpec spec) throws Exception {
        RunDirectory.attach(spec.runId(), Path.of(spec.runDir()));
        Self.becomeChild(spec);
        WorkerMain.announceExit(channel);
        StandardStreams.install();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError oom) {
                outOfMemory(oom);
            }
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace();
        });
        if (spec.process().length > 0) {
            try {
                ((SerializableRunnable) CompactSerializer.INSTANCE.deserialize(spec.process())).run();
            } catch (Throwable t) {
                System.out.flush();
                System.err.println("Process " + spec.name() + ": the pool's initializer failed");
                t.printStackTrace();
                System.err.flush();
                System.exit(1);
            }
        }
        Segment statusSegment = WorkerStatus.create();
        status = WorkerStatus.of(statusSegment);
        status.ready(System.nanoTime());
        channel.send(Protocol.POOL_READY, new PoolReady(statusSegment.path()).encode());
        Threads.daemon("mp4j-pool-inbox", this::read);
        while (true) {
            Frame frame = inbox.poll();
            if (frame == null) {
                long since = System.nanoTime();
                status.startWaiting(since);
                frame = inbox.take();
                status.waited(System.nanoTime() - since);
            }
            switch (frame.type()) {
                case Protocol.POOL_TASKS -> runChunk(new ByteSource(frame.payload()));
                case Protocol.POOL_FORGET -> functions.remove(PoolForget.decode(frame.payload()).functionId());
                case Protocol.POOL_STOP -> System.exit(0);
                case -1 -> System.exit(1); // the parent closed the channel: it is gone
                default -> throw new IllegalStateException("unknown pool message " + frame.type());
            }
        }
    }

    /**
     * A worker out of heap exits at once, as {@code -XX:+ExitOnOutOfMemoryError} makes it (the flag
     * pool workers normally get; a warm JVM taken for a pool was started without it): a heap in an
     * unknown state must not run more tasks. Same line on stdout, same exit code.
     */
    static Error outOfMemory(OutOfMemoryError e) {
        System.out.println("Terminating due to java.lang.OutOfMemoryError: " + e.getMessage());
        System.out.flush();
        Runtime.getRuntime().halt(3);
        return e;
    }

    private void read() {
        try {
            Frame frame;
            while ((frame = channel.receive()) != null) {
                if (frame.type() == PoolRecall.TYPE) {
                    recall(PoolRecall.decode(frame.payload()).chunkId());
                } else {
                    inbox.add(frame);
                }
            }
        } catch (IOException e) {
            // as end of stream
        }
        inbox.add(END);
    }

    /** On the reader thread: gives a chunk back if the main thread has not taken it. */
    private void recall(long chunkId) throws IOException {
        boolean returned = inbox.removeIf(f -> f.type() == PoolTasks.TYPE && PoolTasks.chunkIdOf(f.payload()) == chunkId);
        channel.send(PoolRecalled.TYPE, new PoolRecalled(chunkId, returned).encode());
    }

    private void runChunk(ByteSource in) throws IOException {
        PoolTasks tasks = PoolTasks.read(in);
        long start = System.nanoTime();
        status.startChunk(tasks.chunkId(), start);
        slowestIndex = -1;
        slowestNanos = 0;
        Object[] results = tasks.kind() == PoolTasks.CALL
                ? runCalls(in)
                : runMap(tasks.kind(), function(tasks.functionId(), tasks.function()), in);
        long end = System.nanoTime();
        status.workDone(results.length, end - start);
        lastNanosPerTask = results.length == 0 ? 0 : (end - start) / results.length;
        System.out.flush();
        System.err.flush();
        sink.clear();
        new PoolResults(tasks.chunkId(), StandardStreams.stdoutBytes(), StandardStreams.stderrBytes(), end - start,
                slowestIndex, slowestNanos).writeTo(sink);
        encodeResults(results);
        channel.send(PoolResults.TYPE, sink.toByteArray());
        status.endChunk();
        status.sent(System.nanoTime() - end);
    }

    /** Times the task at {@code index} that began at {@code since}; returns now. */
    private long timed(int index, long since) {
        long now = System.nanoTime();
        if (now - since > slowestNanos) {
            slowestNanos = now - since;
            slowestIndex = index;
        }
        return now;
    }

    private Object[] runCalls(ByteSource in) {
        int n = in.getInt();
        Object[] results = new Object[n];
        long since = System.nanoTime();
        for (int i = 0; i < n; i++) {
            status.item(i);
            results[i] = call(in.getBytes());
            since = timed(i, since); // apply tasks are timed one by one: a batch holds few
        }
        return results;
    }

    /** Runs one serialized callable: its result, or the RemoteFailure of what went wrong. */
    private static Object call(byte[] bytes) {
        SerializableCallable<?> task;
        try {
            task = (SerializableCallable<?>) CompactSerializer.INSTANCE.deserialize(bytes);
        } catch (Throwable t) {
            return RemoteFailure.of(RemoteFailure.INPUT, t);
        }
        try {
            return task.call();
        } catch (OutOfMemoryError e) {
            throw outOfMemory(e);
        } catch (Throwable t) {
            return RemoteFailure.of(RemoteFailure.TASK, t);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object[] runMap(byte kind, Object function, ByteSource in) {
        int count = in.peekInt();
        Object[] first;
        Object[] second = null;
        try {
            first = ValueCodec.decode(in);
            if (kind == PoolTasks.STARMAP) {
                second = ValueCodec.decode(in);
            }
        } catch (RuntimeException | LinkageError e) {
            function = RemoteFailure.of(RemoteFailure.INPUT, e);
            first = new Object[count];
        }
        Object[] results = new Object[first.length];
        if (function instanceof RemoteFailure failure) {
            java.util.Arrays.fill(results, failure);
            return results;
        }
        // Tiny tasks (the last chunk averaged under TIME_EACH_ABOVE_NANOS) are timed as a chunk: a
        // clock read per task would cost them a fifth of their throughput.
        boolean timeEach = lastNanosPerTask >= TIME_EACH_ABOVE_NANOS;
        long since = System.nanoTime();
        for (int i = 0; i < first.length; i++) {
            status.item(i);
            try {
                results[i] = kind == PoolTasks.MAP
                        ? ((SerializableFunction) function).apply(first[i])
                        : ((SerializableBiFunction) function).apply(first[i], second[i]);
            } catch (OutOfMemoryError e) {
                throw outOfMemory(e);
            } catch (Throwable t) {
                results[i] = RemoteFailure.of(RemoteFailure.TASK, t);
            }
            if (timeEach) {
                since = timed(i, since);
            }
        }
        return results;
    }

    private Object function(int id, byte[] bytes) {
        if (bytes.length > 0) {
            Object function;
            try {
                function = CompactSerializer.INSTANCE.deserialize(bytes);
            } catch (Throwable t) {
                function = RemoteFailure.of(RemoteFailure.INPUT, t);
            }
            functions.put(id, function);
        }
        Object function = functions.get(id);
        if (function == null) {
            throw new IllegalStateException("the parent sent tasks of function " + id + " before the function");
        }
        return function;
    }

    /** Encodes the results; a result that cannot be serialized fails its task only. */
    private void encodeResults(Object[] results) {
        int mark = sink.size();
        try {
            ValueCodec.encode(sink, results, 0, results.length, "the result of a task");
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // find the culprits below
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null && !(results[i] instanceof RemoteFailure)) {
                try {
                    CompactSerializer.INSTANCE.serialize(results[i], "the result of a task (" + results[i].getClass().getName() + ")");
                } catch (RuntimeException | StackOverflowError e) {
                    results[i] = RemoteFailure.of(RemoteFailure.RESULT, e);
                }
            }
        }
        sink.truncate(mark);
        ValueCodec.encode(sink, results, 0, results.length, "the result of a task");
    }
}
