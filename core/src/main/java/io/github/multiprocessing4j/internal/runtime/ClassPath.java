package io.github.multiprocessing4j.internal.runtime;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path a child JVM needs to run what this JVM runs.
 *
 * <p>{@code java.class.path} covers {@code java -cp}, {@code java -jar} (plain or shaded: the jar's
 * manifest {@code Class-Path} is honoured in the child too), IDEs and Maven Surefire (a
 * manifest-only jar). When the application's classes come from another loader, as with
 * {@code mvn exec:java} (where {@code java.class.path} is Maven's own launcher), the URLs of the
 * {@link URLClassLoader}s from the context class loader up are added first, and the classes of
 * multiprocessing4j itself are always made reachable.
 */
public final class ClassPath {

    private ClassPath() {
    }

    /** @return the entries, in lookup order, without duplicates */
    public static List<String> entries() {
        Set<String> entries = new LinkedHashSet<>();
        List<List<String>> loaderChains = new ArrayList<>();
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls && loader != ClassLoader.getSystemClassLoader()) {
                List<String> chain = new ArrayList<>();
                for (URL url : urls.getURLs()) {
                    toPath(url).ifPresent(chain::add);
                }
                loaderChains.add(chain);
            }
        }
        // Python's rule, in Java terms: the application's own classes first, then the JVM's class path.
        for (List<String> chain : loaderChains) {
            entries.addAll(chain);
        }
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        codeSourceOf(ClassPath.class).ifPresent(entries::add);
        return List.copyOf(entries);
    }

    private static java.util.Optional<String> codeSourceOf(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return java.util.Optional.empty();
            }
            return toPath(source.getLocation());
        } catch (SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> toPath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return java.util.Optional.empty();
        }
        try {
            Path path = Path.of(url.toURI());
            return Files.exists(path) ? java.util.Optional.of(path.toAbsolutePath().toString()) : java.util.Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
