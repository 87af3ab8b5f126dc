package io.github.multiprocessing4j.internal.serial;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.multiprocessing4j.internal.serial.CompactFormat.*;

/** Writes one value in {@link CompactFormat}, or gives up with {@link NotCompact}. */
final class CompactWriter {

    /** The value (or something in it) needs JDK serialization: the caller writes it that way. */
    static final class NotCompact extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCompact() {
            super(null, null, false, false);
        }
    }

    private static final Class<?> IMMUTABLE_LIST_12 = List.of(1).getClass();
    private static final Class<?> IMMUTABLE_LIST_N = List.of(1, 2, 3).getClass();
    private static final Class<?> IMMUTABLE_SUBLIST = List.of(1, 2, 3).subList(0, 1).getClass();
    private static final Class<?> IMMUTABLE_SET_12 = Set.of(1).getClass();
    private static final Class<?> IMMUTABLE_SET_N = Set.of(1, 2, 3).getClass();
    private static final Class<?> IMMUTABLE_MAP_1 = Map.of(1, 1).getClass();
    private static final Class<?> IMMUTABLE_MAP_N = Map.of(1, 1, 2, 2).getClass();

    private final DataOutputStream out;
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();

    CompactWriter(DataOutputStream out) {
        this.out = out;
    }

    void write(Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new NotCompact();
        }
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        if (writeScalar(value)) {
            return;
        }
        Class<?> type = value.getClass();
        if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            out.writeByte(ENUM); // constants are singletons: no identity to keep
            writeString(((Enum<?>) value).getDeclaringClass().getName());
            writeString(((Enum<?>) value).name());
            return;
        }
        if (seen.put(value, Boolean.TRUE) != null) {
            throw new NotCompact(); // shared or cyclic: JDK serialization keeps identity
        }
        if (type.isArray()) {
            writeArray(value, depth);
        } else if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            writeCollection(value, depth);
        } else if (!(value instanceof Serializable)) {
            throw new NotCompact(); // JDK serialization says which type, in the caller's words
        } else if (!type.getModule().isOpen(type.getPackageName(), CompactWriter.class.getModule())) {
            throw new NotCompact(); // a named module's closed package: JDK serialization needs no access
        } else if (type.isHidden() && type.getName().contains("$$Lambda")) {
            writeLambda(value, depth);
        } else {
            Method replace = Reflection.writeReplace(type);
            if (replace != null) {
                write(invoke(replace, value), depth + 1);
            } else if (type.isRecord()) {
                writeRecord(value, type, depth);
            } else {
                throw new NotCompact();
            }
        }
    }

    private boolean writeScalar(Object value) throws IOException {
        switch (value) {
            case Integer i -> { out.writeByte(INT); out.writeInt(i); }
            case Long l -> { out.writeByte(LONG); out.writeLong(l); }
            case Double d -> { out.writeByte(DOUBLE); out.writeDouble(d); }
            case String s -> { out.writeByte(STRING); writeString(s); }
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            case Float f -> { out.writeByte(FLOAT); out.writeFloat(f); }
            case Short s -> { out.writeByte(SHORT); out.writeShort(s); }
            case Byte b -> { out.writeByte(BYTE); out.writeByte(b); }
            case Character c -> { out.writeByte(CHAR); out.writeChar(c); }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void writeArray(Object array, int depth) throws IOException {
        switch (array) {
            case byte[] a -> { out.writeByte(BYTES); out.writeInt(a.length); out.write(a); }
            case int[] a -> { out.writeByte(INTS); out.writeInt(a.length); for (int x : a) { out.writeInt(x); } }
            case long[] a -> { out.writeByte(LONGS); out.writeInt(a.length); for (long x : a) { out.writeLong(x); } }
            case double[] a -> { out.writeByte(DOUBLES); out.writeInt(a.length); for (double x : a) { out.writeDouble(x); } }
            case float[] a -> { out.writeByte(FLOATS); out.writeInt(a.length); for (float x : a) { out.writeFloat(x); } }
            case short[] a -> { out.writeByte(SHORTS); out.writeInt(a.length); for (short x : a) { out.writeShort(x); } }
            case char[] a -> { out.writeByte(CHARS); out.writeInt(a.length); for (char x : a) { out.writeChar(x); } }
            case boolean[] a -> { out.writeByte(BOOLEANS); out.writeInt(a.length); for (boolean x : a) { out.writeBoolean(x); } }
            default -> {
                if (array.getClass() != Object[].class) {
                    throw new NotCompact(); // a typed reference array: its component type must survive
                }
                writeObjects((Object[]) array, depth);
            }
        }
    }

    private void writeObjects(Object[] items, int depth) throws IOException {
        out.writeByte(OBJECTS);
        out.writeInt(items.length);
        for (Object item : items) {
            write(item, depth + 1);
        }
    }

    private void writeCollection(Object value, int depth) throws IOException {
        Class<?> type = value.getClass();
        byte tag;
        byte kind;
        if (type == ArrayList.class || type == HashSet.class || type == HashMap.class) {
            kind = PLAIN;
        } else if (type == LinkedList.class || type == LinkedHashSet.class || type == LinkedHashMap.class) {
            kind = LINKED;
        } else if (type == IMMUTABLE_LIST_12 || type == IMMUTABLE_LIST_N || type == IMMUTABLE_SUBLIST
                || type == IMMUTABLE_SET_12 || type == IMMUTABLE_SET_N || type == IMMUTABLE_MAP_1 || type == IMMUTABLE_MAP_N) {
            kind = IMMUTABLE;
        } else {
            throw new NotCompact(); // sorted, concurrent, synchronized, user collections keep their class through JDK serialization
        }
        if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeByte(kind);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(entry.getKey(), depth + 1);
                write(entry.getValue(), depth + 1);
            }
            return;
        }
        tag = value instanceof List<?> ? LIST : SET;
        Collection<?> items = (Collection<?>) value;
        out.writeByte(tag);
        out.writeByte(kind);
        out.writeInt(items.size());
        for (Object item : items) {
            write(item, depth + 1);
        }
    }

    private void writeRecord(Object record, Class<?> type, int depth) throws IOException {
        Method[] accessors = Reflection.accessors(type);
        out.writeByte(RECORD);
        writeString(type.getName());
        out.writeInt(accessors.length);
        for (Method accessor : accessors) {
            write(invoke(accessor, record), depth + 1);
        }
    }

    private void writeLambda(Object lambda, int depth) throws IOException {
        Method replace = Reflection.writeReplace(lambda.getClass());
        if (replace == null || !(invoke(replace, lambda) instanceof SerializedLambda s)) {
            throw new NotCompact();
        }
        out.writeByte(LAMBDA);
        writeString(s.getCapturingClass());
        writeString(s.getFunctionalInterfaceClass());
        writeString(s.getFunctionalInterfaceMethodName());
        writeString(s.getFunctionalInterfaceMethodSignature());
        out.writeInt(s.getImplMethodKind());
        writeString(s.getImplClass());
        writeString(s.getImplMethodName());
        writeString(s.getImplMethodSignature());
        writeString(s.getInstantiatedMethodType());
        Object[] captured = new Object[s.getCapturedArgCount()];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = s.getCapturedArg(i);
        }
        writeObjects(captured, depth);
    }

    private void writeString(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new NotCompact(); // JDK serialization reports it in full
        }
    }
}
