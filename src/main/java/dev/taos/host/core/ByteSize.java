package dev.taos.host.core;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, parsed from what an operator types: {@code 50GiB}, {@code 50G}, {@code 512MiB}, {@code 1.5TiB}; a
 * bare number means GiB. One-letter and -iB units are binary (as in truncate and dd); KB/MB/GB/TB are decimal, as Incus
 * reads them.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    public static final long KIB = 1024L;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;
    public static final long TIB = GIB * 1024;
    static final long LARGEST = 1024 * TIB;

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", GIB),
            Map.entry("b", 1L),
            Map.entry("k", KIB),
            Map.entry("kib", KIB),
            Map.entry("kb", 1000L),
            Map.entry("m", MIB),
            Map.entry("mib", MIB),
            Map.entry("mb", 1000L * 1000),
            Map.entry("g", GIB),
            Map.entry("gib", GIB),
            Map.entry("gb", 1000L * 1000 * 1000),
            Map.entry("t", TIB),
            Map.entry("tib", TIB),
            Map.entry("tb", 1000L * 1000 * 1000 * 1000));

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size: " + bytes);
        }
    }

    public static ByteSize ofGiB(long gib) {
        return new ByteSize(gib * GIB);
    }

    /** Parses a size; the exception's message says what was wrong and what is accepted. */
    public static ByteSize parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(trimmed);
        if (!m.matches() || !UNITS.containsKey(m.group(2))) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a size; write it like 50GiB, 50G or 512MiB (a bare number means GiB)");
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNITS.get(m.group(2))));
        if (value.signum() == 0) {
            throw new IllegalArgumentException("\"" + text + "\" is zero; a pool needs a size of at least a few GiB");
        }
        if (value.compareTo(BigDecimal.valueOf(LARGEST)) > 0) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is larger than 1024 TiB; give a size that fits on this host");
        }
        return new ByteSize(value.longValue());
    }

    public long wholeGiB() {
        return bytes / GIB;
    }

    /** The value Incus is given: whole GiB or MiB where exact, else bytes. */
    public String incusValue() {
        if (bytes % GIB == 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        return bytes + "B";
    }

    /** For people: 1 decimal, binary units. */
    public static String human(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    @Override
    public String toString() {
        return human(bytes);
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }
}
