package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.serial.RemoteFailure;
import io.github.multiprocessing4j.internal.shm.Liveness;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The manager's side, in the manager's JVM: the objects by id and a thread per connection that
 * runs the calls (the {@link ManagerCall} protocol). Containers are a {@link ConcurrentHashMap}
 * (dict), an {@link ArrayList} guarded by itself (list) and a map of names (namespace); objects
 * made by {@code create} are called by reflection. A {@link ProxyRef} of this manager that arrives
 * here stays a reference ({@link #isServing}), so a container stored in another stays shared.
 */
final class ManagerServer {

    private static final System.Logger LOG = System.getLogger("io.github.multiprocessing4j");
    /** The id of the manager this JVM serves, or null. */
    private static volatile String serving;

    private final ManagerRef self;
    private final Map<Long, Object> objects = new ConcurrentHashMap<>();
    private final Map<Long, Class<?>> types = new ConcurrentHashMap<>();
    private final Map<String, Object> bound = new ConcurrentHashMap<>();
    private final Map<String, Method> methods = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private ManagerServer(ManagerRef self) {
        this.self = self;
    }

    static boolean isServing(String managerId) {
        return managerId.equals(serving);
    }

    /** The target of the manager's process: says where it is on {@code ready}, then serves until shut down. */
    static void serve(String id, String name, SimpleQueue<Connection> accept, SimpleQueue<ManagerRef> ready) {
        ManagerRef self = new ManagerRef(id, name, Liveness.myPid(), Liveness.myStamp(), accept, null, null);
        serving = id;
        ManagerServer server = new ManagerServer(self);
        ready.put(self);
        while (true) {
            Connection connection = accept.get();
            Thread.ofPlatform().daemon().name("mp4j-manager-client").start(() -> server.handle(connection));
        }
    }

    private void handle(Connection connection) {
        try (connection) {
            while (true) {
                ManagerCall call;
                try {
                    call = connection.recv();
                } catch (UncheckedIOException | IllegalStateException | ProcessException end) {
                    return; // the client is gone
                }
                ManagerCall.Reply reply;
                try {
                    reply = new ManagerCall.Reply(run(call), null);
                } catch (Throwable t) {
                    reply = new ManagerCall.Reply(null, RemoteFailure.of(RemoteFailure.TASK, t));
                }
                try {
                    connection.send(reply);
                } catch (IllegalArgumentException unserializable) {
                    connection.send(new ManagerCall.Reply(null, RemoteFailure.of(RemoteFailure.RESULT, unserializable)));
                }
                if (call.object() == ManagerCall.MANAGER && call.method().equals("shutdown")) {
                    System.exit(0);
                }
            }
        } catch (RuntimeException gone) {
            // the client went away mid-reply
        }
    }

    private Object run(ManagerCall call) throws Throwable {
        if (call.object() == ManagerCall.MANAGER) {
            return manager(call.method(), call.args());
        }
        Object target = objects.get(call.object());
        if (target == null) {
            throw new NoSuchElementException("the manager " + self + " holds no object " + call.object());
        }
        Class<?> type = types.get(call.object());
        if (type != null) {
            return invoke(type, target, call.method(), call.args());
        }
        return switch (target) {
            case ConcurrentHashMap<?, ?> map when call.method().startsWith("ns.") -> namespace(cast(map), call.method(), call.args());
            case ConcurrentHashMap<?, ?> map -> dict(cast(map), call.method(), call.args());
            case ArrayList<?> list -> {
                synchronized (list) {
                    yield list(cast(list), call.method(), call.args());
                }
            }
            default -> throw new IllegalStateException("an object of unknown kind: " + target.getClass());
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private long register(Object object, Class<?> type) {
        long id = ids.incrementAndGet();
        objects.put(id, object);
        if (type != null) {
            types.put(id, type);
        }
        return id;
    }

    private Object manager(String method, Object[] a) throws Exception {
        return switch (method) {
            case "ref" -> self;
            case "dict" -> new ProxyRef(self, register(new ConcurrentHashMap<>(cast(a[0])), null), ProxyRef.DICT);
            case "list" -> new ProxyRef(self, register(new ArrayList<>((Collection<?>) a[0]), null), ProxyRef.LIST);
            case "namespace" -> new ProxyRef(self, register(new ConcurrentHashMap<String, Object>(), null), ProxyRef.NAMESPACE);
            case "queue" -> Multiprocessing.queue((Integer) a[0]);
            case "joinableQueue" -> Multiprocessing.joinableQueue();
            case "lock" -> Multiprocessing.lock();
            case "rLock" -> Multiprocessing.rLock();
            case "semaphore" -> Multiprocessing.semaphore((Integer) a[0]);
            case "boundedSemaphore" -> Multiprocessing.boundedSemaphore((Integer) a[0]);
            case "event" -> Multiprocessing.event();
            case "condition" -> Multiprocessing.condition();
            case "barrier" -> Multiprocessing.barrier((Integer) a[0]);
            case "value" -> Multiprocessing.value((Character) a[0], (Number) a[1]);
            case "array" -> Multiprocessing.array((Character) a[0], (Number[]) a[1]);
            case "create" -> create((String) a[0], (SerializableCallable<?>) a[1]);
            case "bind" -> {
                bound.put((String) a[0], a[1]);
                yield null;
            }
            case "lookup" -> {
                Object value = bound.get((String) a[0]);
                if (value == null) {
                    throw new NoSuchElementException("nothing is bound to '" + a[0] + "' in the manager " + self);
                }
                yield value;
            }
            case "listen" -> listen((InetSocketAddress) a[0], (byte[]) a[1]);
            case "shutdown" -> null;
            default -> throw new UnsupportedOperationException("the manager has no operation " + method);
        };
    }

    private Object create(String typeName, SerializableCallable<?> factory) throws Exception {
        Class<?> type = Class.forName(typeName, false, Thread.currentThread().getContextClassLoader());
        Object object = factory.call();
        if (!type.isInstance(object)) {
            throw new IllegalArgumentException("the factory made a " + (object == null ? "null" : object.getClass().getName())
                    + ", which is not a " + typeName);
        }
        return register(object, type);
    }

    private InetSocketAddress listen(InetSocketAddress address, byte[] authkey) {
        Listener listener = new Listener(address, authkey);
        Thread.ofPlatform().daemon().name("mp4j-manager-listener").start(() -> {
            while (true) {
                Connection connection;
                try {
                    connection = listener.accept();
                } catch (AuthenticationException refused) {
                    LOG.log(System.Logger.Level.DEBUG, "the manager {0} refused a client: {1}", self, refused.getMessage());
                    continue;
                } catch (RuntimeException closed) {
                    return;
                }
                Thread.ofPlatform().daemon().name("mp4j-manager-tcp-client").start(() -> handle(connection));
            }
        });
        return (InetSocketAddress) listener.address();
    }

    private Object invoke(Class<?> type, Object target, String signature, Object[] args) throws Throwable {
        Method method = methods.computeIfAbsent(type.getName() + "#" + signature, k -> find(type, signature));
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** @param signature {@code name(type,type)}, as {@link InterfaceProxy} writes it */
    private static Method find(Class<?> type, String signature) {
        for (Method m : type.getMethods()) {
            if (InterfaceProxy.signature(m).equals(signature)) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new UnsupportedOperationException(type.getName() + " has no method " + signature);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object dict(ConcurrentHashMap<Object, Object> map, String method, Object[] a) {
        return switch (method) {
            case "get" -> map.get(a[0]);
            case "put" -> map.put(a[0], a[1]);
            case "remove" -> map.remove(a[0]);
            case "remove2" -> map.remove(a[0], a[1]);
            case "containsKey" -> map.containsKey(a[0]);
            case "containsValue" -> map.containsValue(a[0]);
            case "size" -> map.size();
            case "clear" -> {
                map.clear();
                yield null;
            }
            case "putAll" -> {
                map.putAll((Map<?, ?>) a[0]);
                yield null;
            }
            case "putIfAbsent" -> map.putIfAbsent(a[0], a[1]);
            case "replace" -> map.replace(a[0], a[1]);
            case "replace3" -> map.replace(a[0], a[1], a[2]);
            case "compute" -> map.compute(a[0], (BiFunction) a[1]);
            case "computeIfAbsent" -> map.computeIfAbsent(a[0], (Function) a[1]);
            case "computeIfPresent" -> map.computeIfPresent(a[0], (BiFunction) a[1]);
            case "merge" -> map.merge(a[0], a[1], (BiFunction) a[2]);
            case "snapshot" -> new HashMap<>(map);
            default -> throw new UnsupportedOperationException("a manager dict has no operation " + method);
        };
    }

    private static Object list(List<Object> list, String method, Object[] a) {
        return switch (method) {
            case "get" -> list.get((Integer) a[0]);
            case "set" -> list.set((Integer) a[0], a[1]);
            case "add" -> {
                list.add((Integer) a[0], a[1]);
                yield null;
            }
            case "append" -> list.add(a[0]);
            case "remove" -> list.remove((int) (Integer) a[0]);
            case "size" -> list.size();
            case "clear" -> {
                list.clear();
                yield null;
            }
            case "addAll" -> list.addAll((Collection<?>) a[0]);
            case "indexOf" -> list.indexOf(a[0]);
            case "lastIndexOf" -> list.lastIndexOf(a[0]);
            case "snapshot" -> new ArrayList<>(list);
            default -> throw new UnsupportedOperationException("a manager list has no operation " + method);
        };
    }

    private static Object namespace(ConcurrentHashMap<String, Object> names, String method, Object[] a) {
        return switch (method) {
            case "ns.get" -> {
                Object value = names.get((String) a[0]);
                if (value == null) {
                    throw new NoSuchElementException("the namespace has no value named '" + a[0] + "'");
                }
                yield value == NULL ? null : value;
            }
            case "ns.set" -> {
                names.put((String) a[0], a[1] == null ? NULL : a[1]);
                yield null;
            }
            case "ns.remove" -> {
                if (names.remove((String) a[0]) == null) {
                    throw new NoSuchElementException("the namespace has no value named '" + a[0] + "'");
                }
                yield null;
            }
            case "ns.names" -> new java.util.TreeSet<>(names.keySet());
            default -> throw new UnsupportedOperationException("a manager namespace has no operation " + method);
        };
    }

    /** A namespace's null value (its map cannot hold null). */
    private static final Object NULL = new Object();
}
