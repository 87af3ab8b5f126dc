package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.JavaProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as a named module: a small modular application, compiled here and run with
 * {@code java --module-path … -m app/app.Main}, starts a {@code Process} and a {@code Pool}; the
 * child JVMs load the library and the application as modules too.
 */
class ModularApplicationTest {

    private static final String MAIN = """
            package app;

            import io.github.multiprocessing4j.Multiprocessing;
            import io.github.multiprocessing4j.Pool;
            import io.github.multiprocessing4j.Process;
            import java.util.List;

            public class Main {
                public static void main(String[] args) {
                    int ten = 10;
                    Process p = new Process(() -> System.out.println("child says " + ten * ten));
                    p.start();
                    p.join();
                    System.out.println("exit code " + p.exitCode());
                    try (Pool pool = new Pool(2)) {
                        System.out.println("pool says " + pool.map(x -> x * x, List.of(1, 2, 3)));
                    }
                    System.out.println("module " + Multiprocessing.class.getModule().getName());
                }
            }
            """;

    @Test
    void aModularApplicationStartsAProcessAndAPool(@TempDir Path dir) throws Exception {
        assertRuns(dir, "module app { requires io.github.multiprocessing4j; }");
    }

    @Test
    void aModularApplicationThatOpensItsPackageToTheLibraryDoesToo(@TempDir Path dir) throws Exception {
        assertRuns(dir, "module app { requires io.github.multiprocessing4j; opens app to io.github.multiprocessing4j; }");
    }

    private static void assertRuns(Path dir, String moduleInfo) throws Exception {
        Path library = Path.of("target/classes").toAbsolutePath();
        assertTrue(Files.exists(library.resolve("module-info.class")), "the library is compiled as a module");
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.writeString(src.resolve("app/Main.java"), MAIN);
        Path out = dir.resolve("app");
        java.lang.Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--module-path", library.toString(), "-d", out.toString(),
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString())
                .redirectErrorStream(true).start();
        String errors = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, javac.waitFor(), errors);

        List<String> options = List.of("--enable-native-access=io.github.multiprocessing4j",
                "--module-path", library + java.io.File.pathSeparator + out, "-m", "app/app.Main");
        try (JavaProgram program = JavaProgram.start(options, null)) {
            assertEquals("child says 100", program.nextLine());
            assertEquals("exit code 0", program.nextLine());
            assertEquals("pool says [1, 4, 9]", program.nextLine());
            assertEquals("module io.github.multiprocessing4j", program.nextLine());
            assertEquals(List.of(), program.rest());
            assertEquals(0, program.process().exitValue());
        }
    }
}
