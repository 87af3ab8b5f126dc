package io.github.multiprocessing4j.internal.serial;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer: the writing half of the compact wire encodings
 * ({@link ValueCodec}, the pool's messages). Not thread-safe; cheap to make and to reuse.
 */
public final class ByteSink {

    private byte[] buf;
    private int size;

    public ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void need(int n) {
        if (size + n > buf.length) {
            long want = Math.max((long) buf.length << 1, (long) size + n);
            if (want > Integer.MAX_VALUE - 16) {
                if ((long) size + n > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("a message above 2 GiB cannot be sent in one piece");
                }
                want = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public ByteSink putByte(int b) {
        need(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteSink putInt(int v) {
        need(4);
        byte[] b = buf;
        int p = size;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        size = p + 4;
        return this;
    }

    /** Writes the ints of {@code items[from, to)}, each an {@link Integer}, with one capacity check. */
    public ByteSink putInts(Object[] items, int from, int to) {
        need(4 * (to - from));
        byte[] b = buf;
        int p = size;
        for (int i = from; i < to; i++) {
            int v = (Integer) items[i];
            b[p] = (byte) (v >>> 24);
            b[p + 1] = (byte) (v >>> 16);
            b[p + 2] = (byte) (v >>> 8);
            b[p + 3] = (byte) v;
            p += 4;
        }
        size = p;
        return this;
    }

    public ByteSink putLong(long v) {
        putInt((int) (v >>> 32));
        return putInt((int) v);
    }

    /** Writes a string as {@link #putBytes} writes its UTF-8 bytes. */
    public ByteSink putString(String s) {
        return putBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes {@code length} then the bytes. */
    public ByteSink putBytes(byte[] bytes) {
        putInt(bytes.length);
        return putRaw(bytes, 0, bytes.length);
    }

    public ByteSink putRaw(byte[] bytes, int offset, int length) {
        need(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Forgets what was written after {@code size} bytes. */
    public void truncate(int size) {
        this.size = size;
    }

    /** @return a copy of the bytes written */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
