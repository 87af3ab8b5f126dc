package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.protocol.PoolTasks;
import io.github.multiprocessing4j.internal.serial.ByteSink;
import io.github.multiprocessing4j.internal.serial.Column;
import io.github.multiprocessing4j.internal.serial.RemoteFailure;

import java.util.List;

/** Consecutive {@code apply} tasks sent to one worker as one chunk. */
final class ApplyBatch implements Job {

    private final ApplyTask[] tasks;

    private ApplyBatch(ApplyTask[] tasks) {
        this.tasks = tasks;
    }

    /** @return a chunk of {@code tasks}, encoded */
    static Chunk chunk(long id, List<ApplyTask> tasks) {
        int size = 32;
        for (ApplyTask task : tasks) {
            size += task.bytes().length + 4;
        }
        ByteSink sink = PoolTasks.start(id, PoolTasks.CALL, 0, size);
        sink.putInt(tasks.size());
        for (ApplyTask task : tasks) {
            sink.putBytes(task.bytes());
        }
        return new Chunk(id, new ApplyBatch(tasks.toArray(ApplyTask[]::new)), 0, tasks.size(), sink.toByteArray());
    }

    ApplyTask task(int index) {
        return tasks[index];
    }

    @Override
    public FunctionRef function() {
        return null;
    }

    @Override
    public void completed(Chunk chunk, Object results, PoolErrors errors) {
        int n = Column.length(results);
        for (int i = 0; i < tasks.length; i++) {
            Object result = i < n ? Column.get(results, i) : null;
            if (result instanceof RemoteFailure failure) {
                tasks[i].future().completeExceptionally(Failures.toException(failure, errors));
            } else {
                tasks[i].future().complete(result);
            }
        }
    }

    @Override
    public void failed(Chunk chunk, Throwable error) {
        for (ApplyTask task : tasks) {
            task.future().completeExceptionally(error);
        }
    }
}
