package io.github.multiprocessing4j.testing.programs;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Runs {@link ChildStarter} the way {@code mvn exec:java} runs an application: from a
 * URLClassLoader that is not the system class loader, with {@code java.class.path} holding only
 * this launcher. Arguments: the class-path entries of the application.
 */
public final class IsolatedLauncher {

    public static void main(String[] args) throws Exception {
        URL[] urls = new URL[args.length];
        for (int i = 0; i < args.length; i++) {
            urls[i] = Path.of(args[i]).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> main = loader.loadClass(ChildStarter.class.getName());
            if (main.getClassLoader() != loader) {
                throw new IllegalStateException("not isolated");
            }
            main.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        }
    }
}
