package dev.taos.host.apply;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The bytes of a path as the kernel has them. Java decodes file names with the locale's charset, which loses every name
 * that charset cannot hold (any non-ASCII name under the C locale systemd services run with, any non-UTF-8 name under
 * UTF-8); the path objects a directory listing returns still carry the exact bytes, and this reads them. The jar's
 * manifest opens {@code sun.nio.fs} for it ({@code Add-Opens}).
 */
final class RawPaths {

    private static final MethodHandle AS_BYTE_ARRAY;
    private static final String PROBLEM;

    static {
        MethodHandle handle = null;
        String problem = null;
        try {
            Method method = Class.forName("sun.nio.fs.UnixPath").getDeclaredMethod("asByteArray");
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            problem = "Failed to read file names as bytes (" + e.getMessage() + "). Run taos-host with java -jar,"
                    + " whose manifest opens sun.nio.fs, or add --add-opens java.base/sun.nio.fs=ALL-UNNAMED";
        }
        AS_BYTE_ARRAY = handle;
        PROBLEM = problem;
    }

    private RawPaths() {}

    static byte[] bytes(Path path) {
        if (AS_BYTE_ARRAY == null) {
            throw new IllegalStateException(PROBLEM);
        }
        try {
            return (byte[]) AS_BYTE_ARRAY.invoke(path);
        } catch (Throwable e) {
            throw new IllegalStateException("Failed to read the bytes of a file name: " + e, e);
        }
    }

    /** {@code path}'s bytes with a terminating NUL, for a system call. */
    static byte[] cString(Path path) {
        byte[] bytes = bytes(path);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }
}
