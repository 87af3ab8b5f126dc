package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.SerializableCallable;
import io.github.multiprocessing4j.SerializableFunction;
import io.github.multiprocessing4j.internal.protocol.Frame;
import io.github.multiprocessing4j.internal.protocol.PoolReady;
import io.github.multiprocessing4j.internal.protocol.PoolRecall;
import io.github.multiprocessing4j.internal.protocol.PoolRecalled;
import io.github.multiprocessing4j.internal.protocol.PoolResults;
import io.github.multiprocessing4j.internal.protocol.PoolTasks;
import io.github.multiprocessing4j.internal.protocol.Protocol;
import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.ByteSource;
import io.github.multiprocessing4j.internal.serial.CompactSerializer;
import io.github.multiprocessing4j.internal.serial.RemoteFailure;
import io.github.multiprocessing4j.internal.serial.ValueCodec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Pool workers that run in the test's JVM, a thread each, speaking the pool protocol as
 * {@code PoolWorker} does (inbox, recall answered by the "reader", results in order, a status),
 * so that the engine is tested in milliseconds. A task ends its worker by throwing {@link Die}
 * (as a crash, a signal or {@code System.exit} would); {@link #current()} tells a task which
 * worker runs it.
 */
final class FakeWorkers implements WorkerLauncher {

    /** Thrown by a task: its worker dies with this exit code. */
    static final class Die extends Error {
        final int code;

        Die(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private static final ThreadLocal<FakeWorker> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger PIDS = new AtomicInteger(100_000);

    final List<FakeWorker> launched = new CopyOnWriteArrayList<>();

    /** @return the worker whose thread calls this (a task's), or null */
    static FakeWorker current() {
        return CURRENT.get();
    }

    @Override
    public Worker launch(BiConsumer<Worker, Frame> onMessage, ObjIntConsumer<Worker> onExit) {
        FakeWorker worker = new FakeWorker("FakeWorker-" + (launched.size() + 1), PIDS.incrementAndGet(), onMessage, onExit);
        launched.add(worker);
        worker.start();
        return worker;
    }

    static final class FakeWorker implements Worker {
        private static final Frame END = new Frame((byte) -1, new byte[0]);
        private static final Frame TO_PARENT_END = new Frame((byte) -2, new byte[0]);

        private final String name;
        private final long pid;
        private final LinkedBlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
        /** What the worker says, delivered in order on one thread, as a control channel's reader does. */
        private final LinkedBlockingQueue<Object> toParent = new LinkedBlockingQueue<>();
        private final BiConsumer<Worker, Frame> onMessage;
        private final ObjIntConsumer<Worker> onExit;
        private final Map<Integer, Object> functions = new HashMap<>();
        private volatile boolean alive = true;
        private volatile long chunk;
        private volatile long item;
        private volatile long tasks;
        final List<Long> chunksRun = new CopyOnWriteArrayList<>();

        FakeWorker(String name, long pid, BiConsumer<Worker, Frame> onMessage, ObjIntConsumer<Worker> onExit) {
            this.name = name;
            this.pid = pid;
            this.onMessage = onMessage;
            this.onExit = onExit;
        }

        void start() {
            Thread.ofPlatform().daemon().name(name + "-deliver").start(this::deliver);
            Thread.ofPlatform().daemon().name(name).start(this::run);
        }

        private void deliver() {
            while (true) {
                Object next;
                try {
                    next = toParent.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (next instanceof Integer code) {
                    alive = false;
                    onExit.accept(this, code);
                    return;
                }
                onMessage.accept(this, (Frame) next);
            }
        }

        private void run() {
            CURRENT.set(this);
            toParent.add(new Frame(Protocol.POOL_READY, new PoolReady("fake").encode()));
            int code = 0;
            try {
                while (true) {
                    Frame frame = inbox.take();
                    if (frame == END || frame.type() == Protocol.POOL_STOP) {
                        break;
                    }
                    if (frame.type() == Protocol.POOL_TASKS) {
                        runChunk(frame.payload());
                    }
                }
            } catch (Die die) {
                code = die.code; // status keeps the chunk and item it died in
            } catch (InterruptedException e) {
                code = -15;
            }
            toParent.add(code);
        }

        private void runChunk(byte[] payload) {
            ByteSource in = new ByteSource(payload);
            PoolTasks header = PoolTasks.read(in);
            chunk = header.chunkId();
            item = 0;
            chunksRun.add(header.chunkId());
            Object[] results;
            if (header.kind() == PoolTasks.CALL) {
                int n = in.getInt();
                results = new Object[n];
                for (int i = 0; i < n; i++) {
                    item = i;
                    byte[] bytes = in.getBytes();
                    results[i] = call(() -> ((SerializableCallable<?>) CompactSerializer.INSTANCE.deserialize(bytes)).call());
                }
            } else {
                if (header.function().length > 0) {
                    functions.put(header.functionId(), CompactSerializer.INSTANCE.deserialize(header.function()));
                }
                @SuppressWarnings("unchecked")
                SerializableFunction<Object, Object> f = (SerializableFunction<Object, Object>) functions.get(header.functionId());
                Object[] items = ValueCodec.decode(in);
                results = new Object[items.length];
                for (int i = 0; i < items.length; i++) {
                    item = i;
                    Object x = items[i];
                    results[i] = call(() -> f.apply(x));
                }
            }
            tasks += results.length;
            ByteSink sink = new ByteSink(256);
            new PoolResults(header.chunkId(), 0, 0, 1000, 0, 1000).writeTo(sink);
            ValueCodec.encode(sink, results, 0, results.length, "a result");
            toParent.add(new Frame(PoolResults.TYPE, sink.toByteArray()));
            chunk = 0;
        }

        private static Object call(SerializableCallable<?> task) {
            try {
                return task.call();
            } catch (Die die) {
                throw die;
            } catch (Throwable t) {
                return RemoteFailure.of(RemoteFailure.TASK, t);
            }
        }

        /** @return the ids of the chunks this worker started, in order */
        List<Long> chunksRun() {
            return chunksRun;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void send(List<Frame> frames) {
            frames.forEach(f -> send(f.type(), f.payload()));
        }

        private void send(byte type, byte[] payload) {
            if (!alive) {
                return;
            }
            if (type == Protocol.POOL_RECALL) { // the reader thread's answer, as PoolWorker gives it
                long id = PoolRecall.decode(payload).chunkId();
                boolean returned = inbox.removeIf(f -> f.type() == Protocol.POOL_TASKS && PoolTasks.chunkIdOf(f.payload()) == id);
                toParent.add(new Frame(PoolRecalled.TYPE, new PoolRecalled(id, returned).encode()));
            } else {
                inbox.add(new Frame(type, payload));
            }
        }

        @Override
        public void terminate() {
            inbox.add(END);
        }

        @Override
        public void kill() {
            inbox.add(END);
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public String stdoutTail(int lines) {
            return "";
        }

        @Override
        public String stderrTail(int lines) {
            return "fake stderr of " + name;
        }

        @Override
        public void awaitOutput(long stdoutBytes, long stderrBytes, long millis) {
        }

        @Override
        public WorkerStatus.Snapshot status() {
            return new WorkerStatus.Snapshot(chunk, item, 0, 0, 0, tasks, 0, 0, 0);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
