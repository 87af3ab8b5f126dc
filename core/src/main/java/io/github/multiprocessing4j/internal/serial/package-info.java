/**
 * Objects to bytes and back for everything that crosses a process boundary: the compact codec
 * ({@code CompactSerializer}: the JDK's value types, collections, records and lambdas in a few
 * bytes, read fast by a fresh JVM), JDK serialization as its fallback ({@code JdkSerializer},
 * behind an {@code ObjectInputFilter}), the column codec of pool items and results ({@code
 * ValueCodec}) and the exceptions of remote tasks ({@code RemoteFailure}).
 *
 * <p>Layer: the bottom; uses nothing of the library. Bytes that cannot be read throw {@code
 * SerializationException}, which the public API reports as a {@code ProcessException}.
 */
package io.github.multiprocessing4j.internal.serial;
