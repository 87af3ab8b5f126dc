/**
 * The control channel between a parent JVM and each child it launched: frames on a Unix domain
 * socket ({@code FrameChannel}), the message catalogue ({@code Protocol}) and one codec per
 * message, each a record that draws its payload and is used by both ends ({@code Hello}, {@code
 * Refused}, {@code ChildSpec}, {@code ProcessDone}, {@code PoolTasks}, {@code PoolResults},
 * {@code PoolForget}).
 *
 * <p>Layer: uses {@code internal.serial} (its byte sink and source) only.
 */
package io.github.multiprocessing4j.internal.protocol;
