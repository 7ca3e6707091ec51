package dev.taos.host.core.migrate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * File names are bytes, in no particular encoding. A manifest keeps them as text that maps back to exactly those bytes:
 * printable ASCII stays as it is, every other byte (and {@code %} itself) becomes {@code %XX}. {@code café} in UTF-8 is
 * {@code caf%C3%A9}; a name that is not valid UTF-8 survives the same way.
 */
public final class FileName {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileName() {}

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    public static byte[] decode(String encoded) {
        byte[] out = new byte[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out[length++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[length++] = (byte) c;
            }
        }
        return Arrays.copyOf(out, length);
    }

    /** The name as a person reads it: UTF-8 where it is, a replacement character where it is not. */
    public static String display(String encoded) {
        return encoded.indexOf('%') < 0 ? encoded : new String(decode(encoded), StandardCharsets.UTF_8);
    }
}
