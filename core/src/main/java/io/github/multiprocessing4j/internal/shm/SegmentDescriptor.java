package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The layout of the header every shared-memory segment starts with.
 *
 * <pre>
 *   0                                       8                   12                  16
 *   +---------------------------------------+-------------------+-------------------+
 *   | magic "MP4JSHM1" (long)               | layout version    | header size (64)  |
 *   +---------------------------------------+-------------------+-------------------+
 *   | kind: up to 8 ASCII bytes, 0-padded   | total size in bytes (long)            |
 *   +-------------------+-------------------+---------------------------------------+
 *   | creator pid       | ready             | reserved, zero (24 bytes)             |
 *   +-------------------+-------------------+---------------------------------------+
 *   32                  36                  40                                      64
 * </pre>
 * The body, whose layout the kind names, starts at {@link #HEADER_SIZE}. The creator fills
 * the header and initialises the body, then writes {@code ready = 1} last (a release store);
 * an attaching process waits for {@code ready}, then checks magic, version, kind and size.
 */
public final class SegmentDescriptor {

    /** The layout version of every shared-memory structure of this library. Bump on any change. */
    public static final int LAYOUT_VERSION = 1;
    /** "MP4JSHM1" as a little-endian long. */
    public static final long MAGIC = 0x314D48534A34504DL;
    public static final int HEADER_SIZE = 64;

    public static final long MAGIC_OFFSET = 0;
    public static final long VERSION_OFFSET = 8;
    public static final long HEADER_SIZE_OFFSET = 12;
    public static final long KIND_OFFSET = 16;
    public static final int KIND_LENGTH = 8;
    public static final long SIZE_OFFSET = 24;
    public static final long CREATOR_OFFSET = 32;
    public static final long READY_OFFSET = 36;

    private SegmentDescriptor() {
    }

    /** @return {@code kind} as its 8 header bytes, checked: 1 to 8 characters of [a-z0-9] */
    static byte[] kindBytes(String kind) {
        if (kind == null || !kind.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("a segment kind is 1 to 8 characters of [a-z0-9], not '" + kind + "'");
        }
        byte[] bytes = new byte[KIND_LENGTH];
        byte[] ascii = kind.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, bytes, 0, ascii.length);
        return bytes;
    }

    /** @return the kind written in a header */
    static String readKind(MemorySegment header) {
        byte[] bytes = header.asSlice(KIND_OFFSET, KIND_LENGTH).toArray(ValueLayout.JAVA_BYTE);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.US_ASCII);
    }
}
