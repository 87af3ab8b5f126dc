package io.github.multiprocessing4j.internal.serial;

/**
 * The bytes of {@link CompactSerializer}, big-endian as {@link java.io.DataOutput}.
 *
 * <pre>
 *  stream   := COMPACT value | JDK_STREAM bytes-of-ObjectOutputStream
 *  value    := tag payload
 *
 *  tag          payload
 *  NULL         -
 *  TRUE, FALSE  -
 *  INT          int              LONG    long        DOUBLE  double      FLOAT  float
 *  SHORT        short            BYTE    byte        CHAR    char
 *  STRING       int n, n bytes of UTF-8
 *  BYTES        int n, n bytes   (and INTS, LONGS, DOUBLES, FLOATS, SHORTS, CHARS, BOOLEANS alike)
 *  OBJECTS      int n, n values                           an Object[]
 *  LIST         byte kind, int n, n values                kind: ARRAY_LIST, LINKED, IMMUTABLE
 *  SET          byte kind, int n, n values                kind: HASH, LINKED, IMMUTABLE
 *  MAP          byte kind, int n, n × (key value)         kind: HASH, LINKED, IMMUTABLE
 *  RECORD       class, int n, n component values          canonical constructor, then readResolve
 *  ENUM         class, name
 *  LAMBDA       capturing class, functional interface, its method name and signature, int impl
 *               kind, impl class, impl name, impl signature, instantiated type, OBJECTS captured
 *  class, name, … := UTF-8 strings as in STRING, without the tag
 * </pre>
 * An object whose {@code writeReplace} returns a compact value is written as that value (a
 * {@code Process} travels so, as a record).
 */
final class CompactFormat {

    static final byte COMPACT = 0x4d;   // 'M'
    static final byte JDK_STREAM = (byte) 0xac; // the first byte of an ObjectOutputStream

    static final byte NULL = 0;
    static final byte TRUE = 1;
    static final byte FALSE = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte SHORT = 7;
    static final byte BYTE = 8;
    static final byte CHAR = 9;
    static final byte STRING = 10;
    static final byte BYTES = 11;
    static final byte INTS = 12;
    static final byte LONGS = 13;
    static final byte DOUBLES = 14;
    static final byte FLOATS = 15;
    static final byte SHORTS = 16;
    static final byte CHARS = 17;
    static final byte BOOLEANS = 18;
    static final byte OBJECTS = 19;
    static final byte LIST = 20;
    static final byte SET = 21;
    static final byte MAP = 22;
    static final byte RECORD = 23;
    static final byte ENUM = 24;
    static final byte LAMBDA = 25;

    static final byte PLAIN = 0;     // ArrayList, HashSet, HashMap
    static final byte LINKED = 1;    // LinkedList, LinkedHashSet, LinkedHashMap
    static final byte IMMUTABLE = 2; // List.of, Set.of, Map.of and their copies

    /** Deeper graphs go through JDK serialization. */
    static final int MAX_DEPTH = 64;

    private CompactFormat() {
    }
}
