package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.serial.Column;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The list a {@code map} returns: a fixed-size view (as {@link java.util.Arrays#asList}) over the
 * result columns of its chunks, each {@code chunksize} long but the last. A number is boxed when
 * it is read; {@link #set} turns its chunk's column into boxed values first.
 */
final class ResultList extends AbstractList<Object> implements RandomAccess {

    private final Object[] columns;
    private final int chunksize;
    private final int size;

    ResultList(Object[] columns, int chunksize, int size) {
        this.columns = columns;
        this.chunksize = chunksize;
        this.size = size;
    }

    @Override
    public Object get(int index) {
        Objects.checkIndex(index, size);
        return Column.get(columns[index / chunksize], index % chunksize);
    }

    @Override
    public Object set(int index, Object value) {
        Objects.checkIndex(index, size);
        int c = index / chunksize;
        Object[] boxed = Column.boxed(columns[c]);
        columns[c] = boxed;
        Object old = boxed[index % chunksize];
        boxed[index % chunksize] = value;
        return old;
    }

    @Override
    public int size() {
        return size;
    }
}
