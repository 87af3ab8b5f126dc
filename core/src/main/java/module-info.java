/**
 * multiprocessing4j: Python's {@code multiprocessing} for Java, over real processes.
 *
 * <p>The module exports one package, {@link io.github.multiprocessing4j}: everything a user types.
 * The packages under {@code io.github.multiprocessing4j.internal} are the machinery behind it
 * (their layers are drawn in the public package's {@code package-info}); the backend SPI is
 * exported to the project's own backend modules only.
 *
 * <p>An application on the module path grants the library native access (the futex wait of
 * shared-memory locks): {@code java --enable-native-access=io.github.multiprocessing4j …}. Its
 * processes' lambdas and records travel in the library's compact form when their package is open
 * to this module ({@code opens app to io.github.multiprocessing4j;}), and by JDK serialization
 * otherwise.
 */
module io.github.multiprocessing4j {
    requires jdk.jfr; // the pool's JFR events: a module of the JDK, not a dependency
    exports io.github.multiprocessing4j;
}
