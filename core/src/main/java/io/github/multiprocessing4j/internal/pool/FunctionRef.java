package io.github.multiprocessing4j.internal.pool;

/**
 * The function of one map call, serialized once at the call site and sent to each worker with
 * the first chunk of the call that the worker receives.
 *
 * @param id    the function's id, unique in this JVM
 * @param bytes the serialized function
 */
record FunctionRef(int id, byte[] bytes) {
}
