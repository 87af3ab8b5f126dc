/**
 * The backend SPI: what a {@code Context} implementation supplies to the public API's concrete
 * classes. {@code Process} starts its child through the {@link
 * io.github.multiprocessing4j.internal.spi.ProcessLauncher} its context registered in {@link
 * io.github.multiprocessing4j.internal.spi.Backends}; shared objects (queues, locks, values…) a
 * backend supplies directly through {@code Context}'s factories.
 *
 * <p>Layer: below the public API, above the engines. Uses only the JDK; never imports the public
 * package (so a backend's types and the public ones cannot form a cycle). Exported only to the
 * project's own backend modules. The local backend ("spawn", "warm") lives in the public package
 * ({@code LocalContext}), over {@code internal.runtime}.
 */
package io.github.multiprocessing4j.internal.spi;
