package dev.taos.host.apply;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import dev.taos.host.core.migrate.FileName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every extended attribute of a file, read with {@code llistxattr}/{@code lgetxattr} (through JNA, which OSHI already
 * brings): all namespaces, so POSIX ACLs ({@code system.posix_acl_*}) and file capabilities
 * ({@code security.capability}) are included, which Java's own attribute view ({@code user.*} only) cannot read. Links
 * are not followed.
 */
final class Xattrs {

    private static final int ENODATA = 61;
    private static final int ERANGE = 34;
    private static final int ENOTSUP = 95;
    // The host's label for a file, given by its policy for each location; Incus's own copy leaves it out as well.
    private static final String SELINUX = "security.selinux";

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private Xattrs() {}

    private static native NativeLong llistxattr(byte[] path, byte[] list, NativeLong size) throws LastErrorException;

    private static native NativeLong lgetxattr(byte[] path, byte[] name, byte[] value, NativeLong size)
            throws LastErrorException;

    /** Name ({@link FileName}-encoded) to value in hex; empty when there are none or the filesystem has none. */
    static Map<String, String> read(byte[] cPath, String shownPath) throws IOException {
        byte[] names = list(cPath, shownPath);
        if (names.length == 0) {
            return Map.of();
        }
        Map<String, String> values = new TreeMap<>();
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                byte[] name = new byte[i - start + 1];
                System.arraycopy(names, start, name, 0, i - start);
                byte[] value = SELINUX.equals(new String(name, 0, name.length - 1, StandardCharsets.ISO_8859_1))
                        ? null
                        : value(cPath, name, shownPath);
                if (value != null) {
                    values.put(
                            FileName.encode(name, 0, name.length - 1),
                            HexFormat.of().formatHex(value));
                }
                start = i + 1;
            }
        }
        return values;
    }

    private static byte[] list(byte[] cPath, String shownPath) throws IOException {
        while (true) {
            try {
                int size = llistxattr(cPath, null, new NativeLong(0)).intValue();
                if (size == 0) {
                    return new byte[0];
                }
                byte[] buffer = new byte[size];
                int read = llistxattr(cPath, buffer, new NativeLong(size)).intValue();
                return read == size ? buffer : java.util.Arrays.copyOf(buffer, read);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENOTSUP) {
                    return new byte[0];
                }
                if (e.getErrorCode() != ERANGE) {
                    throw new IOException(
                            "Failed to list the extended attributes of " + shownPath + ": errno " + e.getErrorCode(),
                            e);
                }
            }
        }
    }

    /** The value, or null when the attribute went away between listing and reading. */
    private static byte[] value(byte[] cPath, byte[] cName, String shownPath) throws IOException {
        while (true) {
            try {
                int size = lgetxattr(cPath, cName, null, new NativeLong(0)).intValue();
                byte[] buffer = new byte[size];
                int read = size == 0
                        ? 0
                        : lgetxattr(cPath, cName, buffer, new NativeLong(size)).intValue();
                return read == size ? buffer : java.util.Arrays.copyOf(buffer, read);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENODATA) {
                    return null;
                }
                if (e.getErrorCode() != ERANGE) {
                    throw new IOException(
                            "Failed to read an extended attribute of " + shownPath + ": errno " + e.getErrorCode(), e);
                }
            }
        }
    }
}
