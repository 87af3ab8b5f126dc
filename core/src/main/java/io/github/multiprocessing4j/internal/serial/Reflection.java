package io.github.multiprocessing4j.internal.serial;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The reflection the compact codec needs, looked up once per class. */
final class Reflection {

    private static final Map<Class<?>, Optional<Method>> WRITE_REPLACE = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Optional<Method>> READ_RESOLVE = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Constructor<?>> CANONICAL = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Method> DESERIALIZE_LAMBDA = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private Reflection() {
    }

    /** @return the {@code writeReplace()} serialization would call on instances of {@code type}, or null */
    static Method writeReplace(Class<?> type) {
        return WRITE_REPLACE.computeIfAbsent(type, t -> Optional.ofNullable(serializationMethod(t, "writeReplace"))).orElse(null);
    }

    /** @return the {@code readResolve()} serialization would call on instances of {@code type}, or null */
    static Method readResolve(Class<?> type) {
        return READ_RESOLVE.computeIfAbsent(type, t -> Optional.ofNullable(serializationMethod(t, "readResolve"))).orElse(null);
    }

    /** A no-argument method of that name returning Object, in the class or inherited (not private then). */
    private static Method serializationMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name);
                if (m.getReturnType() != Object.class || Modifier.isStatic(m.getModifiers())
                        || (c != type && Modifier.isPrivate(m.getModifiers()))) {
                    return null;
                }
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            } catch (RuntimeException e) {
                return null; // not accessible: JDK serialization will deal with it
            }
        }
        return null;
    }

    /** @return the {@code $deserializeLambda$} method javac generates in a class with serializable lambdas, accessible */
    static Method deserializeLambda(Class<?> capturing) {
        return DESERIALIZE_LAMBDA.computeIfAbsent(capturing, c -> {
            try {
                Method m = c.getDeclaredMethod("$deserializeLambda$", java.lang.invoke.SerializedLambda.class);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                throw new SerializationException(c.getName() + " has no serializable lambdas (was it compiled differently?)", e);
            }
        });
    }

    /** @return the accessors of a record class's components, in order, accessible */
    static Method[] accessors(Class<?> record) {
        return ACCESSORS.computeIfAbsent(record, r -> {
            RecordComponent[] components = r.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < accessors.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return accessors;
        });
    }

    /** @return the canonical constructor of a record class, accessible */
    static Constructor<?> canonical(Class<?> record) {
        return CANONICAL.computeIfAbsent(record, r -> {
            RecordComponent[] components = r.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < types.length; i++) {
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = r.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record " + r.getName() + " has no canonical constructor", e);
            }
        });
    }

    /**
     * Loads a class named in a stream, through the context class loader first, and checks it
     * as JDK serialization would ({@link JdkSerializer#check}).
     */
    static Class<?> load(String name) throws ClassNotFoundException {
        Class<?> type = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                type = Class.forName(name, false, context);
            } catch (ClassNotFoundException ignored) {
                // try this library's loader
            }
        }
        if (type == null) {
            type = Class.forName(name, false, Reflection.class.getClassLoader());
        }
        JdkSerializer.check(type);
        return type;
    }
}
