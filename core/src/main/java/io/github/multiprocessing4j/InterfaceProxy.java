package io.github.multiprocessing4j;

import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The proxy of an object made by {@link Manager#create}: a {@link Proxy} of the user's interface
 * whose calls run on the object in the manager. Serializable (as any {@code Proxy} whose handler
 * is), so it works wherever it lands. {@code equals}, {@code hashCode} and {@code toString} are
 * the proxy's own: two proxies are equal when they stand for the same object.
 */
final class InterfaceProxy implements InvocationHandler, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private final ManagerRef manager;
    private final long id;
    private final String type;

    private InterfaceProxy(ManagerRef manager, long id, String type) {
        this.manager = manager;
        this.id = id;
        this.type = type;
    }

    static <T> T proxy(Class<T> type, ManagerRef manager, long id) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new InterfaceProxy(manager, id, type.getName())));
    }

    /** @return how a method is named in a call: {@code name(paramType,paramType)} */
    static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getName).collect(Collectors.joining(",", "(", ")"));
    }

    /** Arriving in a reply read over TCP, the proxy calls its manager the same way. */
    @Serial
    private Object readResolve() {
        return new InterfaceProxy(ManagerClient.reachedVia(manager), id, type);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args[0] != null && Proxy.isProxyClass(args[0].getClass())
                        && Proxy.getInvocationHandler(args[0]) instanceof InterfaceProxy other
                        && other.id == id && other.manager.id().equals(manager.id());
                case "hashCode" -> Long.hashCode(id) ^ manager.id().hashCode();
                default -> "Proxy[" + type + " #" + id + " in " + manager + "]";
            };
        }
        try {
            return ManagerClient.call(manager, id, signature(method), args == null ? new Object[0] : args);
        } catch (ProcessException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception checked && !(cause instanceof RuntimeException)) {
                for (Class<?> declared : method.getExceptionTypes()) {
                    if (declared.isInstance(checked)) {
                        throw checked; // declared by the interface: as thrown in the manager
                    }
                }
            }
            throw e;
        }
    }
}
