package io.github.multiprocessing4j.internal.serial;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encoding of one pool task (an {@code apply} callable): a serializable lambda travels as its
 * shape and its captured values, everything else by JDK serialization.
 *
 * <pre>
 *  task   := byte form, body   (shape ids are the sender's; the receiver checks the shape bytes)
 *  form   JDK     body := the JDK-serialized object
 *         LAMBDA  body := int shapeId, bytes shape, a value block of the captured values
 *  shape  := string capturingClass, functionalInterfaceClass, functionalInterfaceMethodName,
 *            functionalInterfaceMethodSignature, implClass, implMethodName, implMethodSignature,
 *            instantiatedMethodType, int implMethodKind
 * </pre>
 *
 * <p>JDK serialization of a lambda writes a {@link SerializedLambda} with its class descriptors
 * every time, and reading it back costs several microseconds, which dominates a tiny task. Here
 * the shape (the same for every task made by one lambda expression) is worked out once per
 * lambda class, the captured values travel in the compact {@link ValueCodec} (checked for
 * serializability at the call site as before), and the receiver rebuilds the lambda the way
 * JDK deserialization does, through the capturing class's {@code $deserializeLambda$}, with the
 * shape parsed once per worker.
 */
public final class TaskCodec {

    private static final byte JDK = 0;
    private static final byte LAMBDA = 1;
    private static final AtomicInteger SHAPE_IDS = new AtomicInteger();
    private static final Shape NONE = new Shape(0, null, null);

    /** Sender side: per lambda class, its shape, or NONE when the fast form does not apply. */
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    /** Receiver side: shape id to what rebuilds it. */
    private static final Map<Integer, Template> TEMPLATES = new ConcurrentHashMap<>();

    private record Shape(int id, byte[] bytes, Method writeReplace) {
    }

    private record Template(byte[] shape, Method deserialize, Class<?> capturingClass, String[] names, int kind) {
    }

    private TaskCodec() {
    }

    /**
     * @param what what the task is, for the message when it cannot be serialized
     * @throws IllegalArgumentException when the task (or a value it captured) cannot be serialized
     */
    public static byte[] encode(Object task, String what) {
        Shape shape = SHAPES.get(task.getClass());
        if (shape == null) {
            shape = shapeOf(task);
            SHAPES.put(task.getClass(), shape);
        }
        if (shape != NONE) {
            try {
                SerializedLambda lambda = (SerializedLambda) shape.writeReplace().invoke(task);
                Object[] captured = new Object[lambda.getCapturedArgCount()];
                for (int i = 0; i < captured.length; i++) {
                    captured[i] = lambda.getCapturedArg(i);
                }
                ByteSink sink = new ByteSink(64 + shape.bytes().length + 8 * captured.length);
                sink.putByte(LAMBDA).putInt(shape.id()).putBytes(shape.bytes());
                ValueCodec.encode(sink, captured, 0, captured.length, what);
                return sink.toByteArray();
            } catch (ReflectiveOperationException | ClassCastException e) {
                // fall back to JDK serialization below
            }
        }
        byte[] bytes = JdkSerializer.INSTANCE.serialize(task, what);
        ByteSink sink = new ByteSink(bytes.length + 1);
        return sink.putByte(JDK).putRaw(bytes, 0, bytes.length).toByteArray();
    }

    private static Shape shapeOf(Object task) {
        Class<?> type = task.getClass();
        if (!type.isSynthetic() || !type.isHidden() || !(task instanceof java.io.Serializable)) {
            return NONE;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            SerializedLambda lambda = (SerializedLambda) writeReplace.invoke(task);
            Class<?> capturing = Class.forName(lambda.getCapturingClass().replace('/', '.'), false, type.getClassLoader());
            capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class).setAccessible(true);
            ByteSink sink = new ByteSink(512);
            sink.putString(lambda.getCapturingClass()).putString(lambda.getFunctionalInterfaceClass())
                    .putString(lambda.getFunctionalInterfaceMethodName()).putString(lambda.getFunctionalInterfaceMethodSignature())
                    .putString(lambda.getImplClass()).putString(lambda.getImplMethodName())
                    .putString(lambda.getImplMethodSignature()).putString(lambda.getInstantiatedMethodType())
                    .putInt(lambda.getImplMethodKind());
            return new Shape(SHAPE_IDS.incrementAndGet(), sink.toByteArray(), writeReplace);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return NONE; // not a lambda this codec can rebuild (a named module that is not open…)
        }
    }

    /**
     * Rebuilds a task (in a pool worker).
     *
     * @throws SerializationException when it cannot be rebuilt here
     */
    public static Object decode(byte[] bytes) {
        ByteSource in = new ByteSource(bytes);
        if (in.getByte() == JDK) {
            return JdkSerializer.INSTANCE.deserialize(Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        int id = in.getInt();
        byte[] shape = in.getBytes();
        Template template = TEMPLATES.get(id);
        if (template == null || !Arrays.equals(template.shape(), shape)) { // ids are per sender: check
            template = template(shape);
            TEMPLATES.put(id, template);
        }
        Object[] captured = ValueCodec.decode(in);
        String[] n = template.names();
        SerializedLambda lambda = new SerializedLambda(template.capturingClass(), n[1], n[2], n[3], template.kind(),
                n[4], n[5], n[6], n[7], captured);
        try {
            return template.deserialize().invoke(null, lambda);
        } catch (InvocationTargetException e) {
            throw new SerializationException("could not rebuild the task " + n[5] + " of " + n[0] + ": " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new SerializationException("could not rebuild the task " + n[5] + " of " + n[0] + ": " + e, e);
        }
    }

    private static Template template(byte[] shape) {
        ByteSource in = new ByteSource(shape);
        String[] names = new String[8];
        for (int i = 0; i < names.length; i++) {
            names[i] = in.getString();
        }
        int kind = in.getInt();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> capturing = Class.forName(names[0].replace('/', '.'), false,
                    loader != null ? loader : ClassLoader.getSystemClassLoader());
            Method deserialize = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            deserialize.setAccessible(true);
            return new Template(shape, deserialize, capturing, names, kind);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("class " + names[0] + " is not on this JVM's class path", e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SerializationException("could not rebuild a task of " + names[0] + ": " + e, e);
        }
    }
}
