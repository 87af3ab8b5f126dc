package io.github.multiprocessing4j.internal.shm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * {@link Waiter} over Linux {@code futex(2)}, called as {@code syscall(SYS_futex, …)} through the
 * foreign-function API. {@code FUTEX_WAIT} and {@code FUTEX_WAKE} are used without
 * {@code FUTEX_PRIVATE_FLAG}: the kernel then keys the wait queue on the mapped file and offset,
 * so threads of different processes mapping the same {@code /dev/shm} file meet on it.
 *
 * <p>All arguments are passed as 64-bit values, as glibc's variadic {@code syscall} reads them.
 * The result (0, or -1 with {@code errno} EAGAIN, ETIMEDOUT or EINTR) is ignored on purpose:
 * callers re-check their condition after every return.
 */
final class FutexWaiter extends Waiter {

    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;

    private final long sysFutex;
    private final MethodHandle syscall;
    /** A {@code struct timespec} per thread, for timed waits. */
    private final ThreadLocal<MemorySegment> timespec =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    FutexWaiter() {
        this.sysFutex = sysFutexNumber();
        Linker linker = Linker.nativeLinker();
        MemorySegment address = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("no syscall() in the C library"));
        this.syscall = linker.downcallHandle(address,
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    /** @return null when the futex can be used here, otherwise why not */
    static String unavailableReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return "futex is Linux-only (this is " + System.getProperty("os.name") + ")";
        }
        if (sysFutexNumber() < 0) {
            return "the futex system call number is not known for " + System.getProperty("os.arch");
        }
        Module module = FutexWaiter.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            return "native access is not enabled for " + (module.isNamed() ? "module " + module.getName() : "the class path")
                    + "; start the JVM with --enable-native-access="
                    + (module.isNamed() ? module.getName() : "ALL-UNNAMED") + " to use futex";
        }
        return null;
    }

    private static long sysFutexNumber() {
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> 202;
            case "aarch64", "arm64", "riscv64" -> 98;
            default -> -1;
        };
    }

    @Override
    public void sleep(MemorySegment memory, long offset, int expected, long nanos) {
        MemorySegment ts = timespec.get();
        ts.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        ts.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        try {
            long ignored = (long) syscall.invokeExact(sysFutex, memory.asSlice(offset, 4), (long) FUTEX_WAIT,
                    (long) expected, ts, 0L, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("futex wait failed", t);
        }
    }

    @Override
    public void wake(MemorySegment memory, long offset, int count) {
        try {
            long ignored = (long) syscall.invokeExact(sysFutex, memory.asSlice(offset, 4), (long) FUTEX_WAKE,
                    (long) count, MemorySegment.NULL, 0L, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("futex wake failed", t);
        }
    }

    @Override
    public String strategy() {
        return "futex";
    }
}
