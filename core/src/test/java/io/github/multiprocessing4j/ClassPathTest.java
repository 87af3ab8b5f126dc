package io.github.multiprocessing4j;

import io.github.multiprocessing4j.testing.JavaProgram;
import io.github.multiprocessing4j.testing.programs.ChildStarter;
import io.github.multiprocessing4j.testing.programs.IsolatedLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Children find the application's classes however the parent was launched. */
class ClassPathTest {

    @TempDir
    Path dir;

    @Test
    void javaDashJarWithAManifestOnlyJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ChildStarter.class.getName());
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        Path jar = dir.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        try (JavaProgram program = JavaProgram.start(List.of("-jar", jar.toString()), null)) {
            assertEquals("child says hi", program.nextLine());
            assertEquals("exit=0", program.nextLine());
            assertEquals(List.of(), program.rest());
            assertEquals(0, program.process().exitValue());
        }
    }

    @Test
    void aClassPathTooLongForACommandLineGoesThroughAnArgumentFile() throws Exception {
        List<java.net.URL> urls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Path entry = Files.createDirectories(dir.resolve("a-rather-long-directory-name-to-make-the-class-path-longer-than-a-command-line-allows-" + i));
            urls.add(entry.toUri().toURL());
        }
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), saved);
             io.github.multiprocessing4j.testing.Capture capture = new io.github.multiprocessing4j.testing.Capture()) {
            Thread.currentThread().setContextClassLoader(loader);
            Process p = new Process(() -> System.out.println(System.getProperty("java.class.path").split(File.pathSeparator).length));
            p.start();
            p.join();
            assertEquals(0, p.exitCode(), capture.err());
            org.junit.jupiter.api.Assertions.assertTrue(Integer.parseInt(capture.out().trim()) > 400, capture.out());
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    @Test
    void anApplicationLoadedByItsOwnClassLoaderAsWithMavenExecJava() throws Exception {
        String core = Path.of(Process.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String tests = Path.of(ChildStarter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (JavaProgram program = JavaProgram.start(List.of("-cp", tests), IsolatedLauncher.class.getName(), core, tests)) {
            assertEquals("child says hi", program.nextLine());
            assertEquals("exit=0", program.nextLine());
            assertEquals(List.of(), program.rest());
            assertEquals(0, program.process().exitValue());
        }
    }
}
