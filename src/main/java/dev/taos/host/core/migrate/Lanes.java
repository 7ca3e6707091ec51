package dev.taos.host.core.migrate;

/**
 * How many instances migrate side by side: one instance's verify (reading and hashing, CPU) beside the next one's copy
 * (Incus writing, disk), measured in scripts/bench-migrate.sh. More lanes than that share the same disk and cores.
 */
public record Lanes(int count) {

    public static final int MAX = 8;

    public Lanes {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException(count + " is outside 1 to " + MAX);
        }
    }

    /**
     * The default for a host with this many cores: two lanes, so one's verify overlaps the next one's copy, or one on a
     * single core.
     */
    public static Lanes auto(int cores) {
        return new Lanes(cores >= 2 ? 2 : 1);
    }

    /** Parses a whole number of lanes, e.g. 2. */
    public static Lanes parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("\\d{1,3}")) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a whole number; give how many instances may migrate at once, 1 to " + MAX);
        }
        return new Lanes(Integer.parseInt(t));
    }
}
