package io.github.multiprocessing4j.internal.runtime;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The class path a child JVM needs to run what this JVM runs.
 *
 * <p>{@code java.class.path} covers {@code java -cp}, {@code java -jar} (plain or shaded: the jar's
 * manifest {@code Class-Path} is honoured in the child too), IDEs and Maven Surefire (a
 * manifest-only jar). When the application's classes come from another loader, as with
 * {@code mvn exec:java} (where {@code java.class.path} is Maven's own launcher), the URLs of the
 * {@link URLClassLoader}s between the system class loader and the context class loader are
 * added, and the classes of multiprocessing4j itself are always made reachable.
 */
public final class ClassPath {

    private ClassPath() {
    }

    /**
     * @return the entries, without duplicates, in the order that keeps parent-first delegation:
     *         {@code java.class.path} (the system class loader's), then the URLs of each
     *         {@link URLClassLoader} from the outermost to the context class loader, then this
     *         library's own location
     */
    public static List<String> entries() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        Deque<URLClassLoader> chain = new ArrayDeque<>();
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls && loader != ClassLoader.getSystemClassLoader()) {
                chain.push(urls);
            }
        }
        for (URLClassLoader loader : chain) {
            for (URL url : loader.getURLs()) {
                toPath(url).ifPresent(entries::add);
            }
        }
        libraryLocation().ifPresent(entries::add);
        return List.copyOf(entries);
    }

    /** @return where this library's classes are loaded from (a jar or a directory), when known */
    public static Optional<String> libraryLocation() {
        return codeSourceOf(ClassPath.class);
    }

    private static Optional<String> codeSourceOf(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return toPath(source.getLocation());
        } catch (SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> toPath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(url.toURI());
            return Files.exists(path) ? Optional.of(path.toAbsolutePath().toString()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
