package io.github.multiprocessing4j;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layers of core, as the package-info files draw them, checked on the compiled classes:
 * each package uses only the packages below it, and no two packages depend on each other.
 *
 * <pre>
 *   internal.worker    the child JVM's program: an application of the public API (the one seam)
 *   (public API)       io.github.multiprocessing4j: what users type, and the classes behind it
 *   internal.spi       what a backend (a Context implementation) supplies to Process and Pool
 *   internal.pool      the parent's pool engine
 *   internal.ipc       queue rings, feeders, pipe ends' holds, blobs, auth keys
 *   internal.sync      the futex protocols of events, semaphores, conditions, barriers
 *   internal.shm       segments, descriptors, futex, robust locks, heap, the kinds of shared objects
 *   internal.runtime   child JVMs: launch, supervise, the run and its directory, exit actions
 *   internal.protocol  the control channel's messages, one codec each
 *   internal.serial    serializers
 * </pre>
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.multiprocessing4j";
    private static final List<String> LAYERS = List.of(
            "worker", "api", "spi", "pool", "ipc", "sync", "shm", "runtime", "protocol", "serial");
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private static String packageOf(String layer) {
        return layer.equals("api") ? ROOT : ROOT + ".internal." + layer + "..";
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        var layers = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy(packageOf(layer));
        }
        var rule = layers.whereLayer(LAYERS.getFirst()).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < LAYERS.size(); i++) {
            rule = rule.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(LAYERS.subList(0, i).toArray(String[]::new));
        }
        rule.check(CORE);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(com.tngtech.archunit.core.domain.JavaClass javaClass) {
                return javaClass.getPackageName().startsWith(ROOT)
                        ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of core";
            }
        };
        slices().assignedFrom(byPackage).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void onlyTheWorkerAmongTheInternalPackagesUsesThePublicApi() {
        noClasses().that().resideInAPackage(ROOT + ".internal..")
                .and().resideOutsideOfPackage(ROOT + ".internal.worker..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(CORE);
    }

    /**
     * A class named in a string is a dependency no compiler or rule sees: where a class literal
     * works, it is used. The exceptions are the runtime's names of the worker's main classes (a
     * literal would point upwards; {@code LaunchedByNameTest} checks them) and the logger's name.
     */
    @Test
    void classesAreNamedByLiteralsNotStrings() throws IOException {
        Pattern named = Pattern.compile("\"(io\\.github\\.multiprocessing4j(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*)\"");
        Path sources = Path.of("src/main/java");
        List<String> found;
        try (Stream<Path> files = Files.walk(sources)) {
            found = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = named.matcher(Files.readString(f));
                    return m.results().map(r -> sources.relativize(f) + ": " + r.group(1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
        assertEquals(List.of(
                "io/github/multiprocessing4j/internal/runtime/AotCache.java: io.github.multiprocessing4j.internal.worker.AotTraining",
                "io/github/multiprocessing4j/internal/runtime/JvmLauncher.java: io.github.multiprocessing4j.internal.worker.WorkerMain"),
                found);
    }
}
