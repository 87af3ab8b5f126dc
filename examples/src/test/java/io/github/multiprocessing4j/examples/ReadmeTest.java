package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.hazelcast.internal.LocalCluster;

import io.github.multiprocessing4j.testing.Capture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Compiles every {@code ```java} block of the README and runs its {@code main}; when a
 * {@code ```text} block follows (after at most one short line such as "prints"), the output must
 * be exactly that. The classes are loaded by their own class loader, as {@code mvn exec:java}
 * would, so this also checks that children find classes that are not on {@code java.class.path}.
 */
class ReadmeTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```\\n(?:[^`\\n]{0,40}\\n\\n```text\\n(.*?)```)?", Pattern.DOTALL);
    private static final String CLUSTER_EXAMPLE = "HazelcastContext.connect(\"demo\", \"127.0.0.1:5701\")";
    private static final Pattern CLASS = Pattern.compile("public (?:final )?class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockCompilesRunsAndPrintsWhatTheReadmeShows() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = BLOCK.matcher(readme);
        List<String> ran = new ArrayList<>();
        while (block.find()) {
            String source = block.group(1);
            Matcher name = CLASS.matcher(source);
            if (!name.find()) {
                throw new AssertionError("a README java block declares no public class:\n" + source);
            }
            String className = name.group(1);
            Path classes = dir.resolve(className);
            Files.createDirectories(classes);
            Path file = classes.resolve(className + ".java");
            Files.writeString(file, source);
            compile(file, classes);
            String out = source.contains(CLUSTER_EXAMPLE) ? runOnALocalCluster(source, classes, className) : run(classes, className);
            if (block.group(2) != null) {
                assertEquals(block.group(2), out, "the output of README's " + className);
            }
            ran.add(className);
        }
        assertFalse(ran.isEmpty(), "the README has java blocks");
    }

    private static void compile(Path file, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertEquals(0, status, "javac " + file.getFileName() + ":\n" + errors);
    }

    /**
     * A block that connects to the README's example cluster runs against a {@link LocalCluster} of
     * two agents: its name and first member replace the example's, its key is given as the
     * README says a key is given ({@code -Dmp4j.cluster.authkeyFile}).
     */
    private String runOnALocalCluster(String source, Path classes, String className) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(2, 1)) {
            Path file = classes.resolve(className + ".java");
            Files.writeString(file, source.replace(CLUSTER_EXAMPLE,
                    "HazelcastContext.connect(\"" + cluster.name() + "\", \"" + cluster.members().getFirst() + "\")"));
            compile(file, classes);
            Path key = dir.resolve("authkey");
            Files.write(key, cluster.authkey());
            System.setProperty("mp4j.cluster.authkeyFile", key.toString());
            try {
                return run(classes, className);
            } finally {
                System.clearProperty("mp4j.cluster.authkeyFile");
            }
        }
    }

    private static String run(Path classes, String className) throws Exception {
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeTest.class.getClassLoader());
             Capture capture = new Capture()) {
            Thread.currentThread().setContextClassLoader(loader);
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
            assertEquals("", capture.err(), "README's " + className + " wrote to stderr");
            return capture.out();
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }
}
