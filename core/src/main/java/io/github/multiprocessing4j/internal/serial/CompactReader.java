package io.github.multiprocessing4j.internal.serial;

import java.io.DataInputStream;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.multiprocessing4j.internal.serial.CompactFormat.*;

/** Reads one value written by {@link CompactWriter}. */
final class CompactReader {

    private final DataInputStream in;

    CompactReader(DataInputStream in) {
        this.in = in;
    }

    Object read() throws IOException, ReflectiveOperationException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case CHAR -> in.readChar();
            case STRING -> readString();
            case BYTES -> {
                byte[] a = new byte[length()];
                in.readFully(a);
                yield a;
            }
            case INTS -> {
                int[] a = new int[length(4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readInt();
                }
                yield a;
            }
            case LONGS -> {
                long[] a = new long[length(8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readLong();
                }
                yield a;
            }
            case DOUBLES -> {
                double[] a = new double[length(8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readDouble();
                }
                yield a;
            }
            case FLOATS -> {
                float[] a = new float[length(4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readFloat();
                }
                yield a;
            }
            case SHORTS -> {
                short[] a = new short[length(2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readShort();
                }
                yield a;
            }
            case CHARS -> {
                char[] a = new char[length(2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readChar();
                }
                yield a;
            }
            case BOOLEANS -> {
                boolean[] a = new boolean[length()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readBoolean();
                }
                yield a;
            }
            case OBJECTS -> readObjects();
            case LIST -> readCollection(true);
            case SET -> readCollection(false);
            case MAP -> readMap();
            case RECORD -> readRecord();
            case ENUM -> readEnum();
            case LAMBDA -> readLambda();
            default -> throw new SerializationException("corrupt compact stream: tag " + tag, null);
        };
    }

    private int length() throws IOException {
        return length(1);
    }

    /** A length read from the stream, checked against the bytes left (each element takes at least {@code size}). */
    private int length(int size) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * size > in.available()) {
            throw new SerializationException("corrupt compact stream: length " + n, null);
        }
        return n;
    }

    private String readString() throws IOException {
        byte[] utf8 = new byte[length()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private Object[] readObjects() throws IOException, ReflectiveOperationException {
        Object[] items = new Object[length()];
        for (int i = 0; i < items.length; i++) {
            items[i] = read();
        }
        return items;
    }

    private Object readCollection(boolean list) throws IOException, ReflectiveOperationException {
        byte kind = in.readByte();
        int n = length();
        Collection<Object> items = switch (kind) {
            case PLAIN -> list ? new ArrayList<>(n) : HashSet.newHashSet(n);
            case LINKED -> list ? new LinkedList<>() : LinkedHashSet.newLinkedHashSet(n);
            case IMMUTABLE -> new ArrayList<>(n);
            default -> throw new SerializationException("corrupt compact stream: collection kind " + kind, null);
        };
        for (int i = 0; i < n; i++) {
            items.add(read());
        }
        if (kind == IMMUTABLE) {
            return list ? List.copyOf(items) : Set.copyOf(items);
        }
        return items;
    }

    private Object readMap() throws IOException, ReflectiveOperationException {
        byte kind = in.readByte();
        int n = length();
        Map<Object, Object> map = kind == LINKED ? LinkedHashMap.newLinkedHashMap(n) : HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            Object key = read();
            map.put(key, read());
        }
        return kind == IMMUTABLE ? Map.copyOf(map) : map;
    }

    private Object readRecord() throws IOException, ReflectiveOperationException {
        Class<?> type = Reflection.load(readString());
        if (!type.isRecord() || !Serializable.class.isAssignableFrom(type)) {
            throw new SerializationException(type.getName() + " is not a serializable record", null);
        }
        Object[] components = readObjects();
        Object record;
        try {
            record = Reflection.canonical(type).newInstance(components);
        } catch (InvocationTargetException e) {
            throw new SerializationException("the constructor of " + type.getName() + " refused the values it was sent", e.getCause());
        }
        Method resolve = Reflection.readResolve(type);
        if (resolve == null) {
            return record;
        }
        try {
            return resolve.invoke(record);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new SerializationException("readResolve of " + type.getName() + " failed", e.getCause());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readEnum() throws IOException, ReflectiveOperationException {
        Class<?> type = Reflection.load(readString());
        if (!type.isEnum()) {
            throw new SerializationException(type.getName() + " is not an enum", null);
        }
        return Enum.valueOf((Class) type, readString());
    }

    private Object readLambda() throws IOException, ReflectiveOperationException {
        String capturing = readString();
        String functionalInterface = readString();
        String methodName = readString();
        String methodSignature = readString();
        int implKind = in.readInt();
        String implClass = readString();
        String implName = readString();
        String implSignature = readString();
        String instantiated = readString();
        if (in.readByte() != OBJECTS) {
            throw new SerializationException("corrupt compact stream: a lambda without its captured values", null);
        }
        Object[] captured = readObjects();
        Class<?> capturingClass = Reflection.load(capturing.replace('/', '.'));
        SerializedLambda lambda = new SerializedLambda(capturingClass, functionalInterface, methodName, methodSignature,
                implKind, implClass, implName, implSignature, instantiated, captured);
        try {
            return Reflection.deserializeLambda(capturingClass).invoke(null, lambda);
        } catch (InvocationTargetException e) {
            throw new SerializationException("the lambda " + implName + " of " + capturingClass.getName()
                    + " could not be rebuilt (was the class changed?)", e.getCause());
        }
    }
}
