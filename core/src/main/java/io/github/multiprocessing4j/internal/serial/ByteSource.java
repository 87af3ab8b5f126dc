package io.github.multiprocessing4j.internal.serial;


/** Reads what a {@link ByteSink} wrote. Not thread-safe. */
public final class ByteSource {

    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteSource(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteSource(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) {
            throw new IllegalStateException("truncated message: " + n + " bytes wanted at " + pos + " of " + end);
        }
    }

    public int getByte() {
        need(1);
        return buf[pos++];
    }

    public int getInt() {
        need(4);
        byte[] b = buf;
        int p = pos;
        pos = p + 4;
        return (b[p] << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    /** @return the next int, without consuming it */
    public int peekInt() {
        int p = pos;
        int v = getInt();
        pos = p;
        return v;
    }

    public long getLong() {
        return ((long) getInt() << 32) | (getInt() & 0xffffffffL);
    }

    /** Reads what {@link ByteSink#putBytes} wrote. */
    public byte[] getBytes() {
        int n = getInt();
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Reads what {@link ByteSink#putString} wrote. */
    public String getString() {
        int n = getInt();
        need(n);
        String s = new String(buf, pos, n, java.nio.charset.StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** @return the offset of the next byte in the array given to the constructor */
    public int position() {
        return pos;
    }

    /** Fills {@code values} with big-endian ints. */
    public void getInts(int[] values) {
        need(values.length * 4);
        java.nio.ByteBuffer.wrap(buf, pos, values.length * 4).asIntBuffer().get(values);
        pos += values.length * 4;
    }

    /** Fills {@code values} with big-endian longs. */
    public void getLongs(long[] values) {
        need(values.length * 8);
        java.nio.ByteBuffer.wrap(buf, pos, values.length * 8).asLongBuffer().get(values);
        pos += values.length * 8;
    }

    public int remaining() {
        return end - pos;
    }
}
