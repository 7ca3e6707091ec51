package dev.taos.host.core.plan;

import java.util.Locale;

/**
 * How a running instance is taken down for its migration: with {@code preCopy}, copied while it still runs so that only
 * what changed since is copied after the stop; then a graceful stop that waits at most {@code timeoutSeconds}, then,
 * only with the operator's {@code force}, a forced one. Without it a container whose init ignores the shutdown signal
 * is left running and its migration refused, instead of stalling the run.
 */
public record StopPolicy(long timeoutSeconds, boolean force, boolean preCopy) {

    public static final long DEFAULT_TIMEOUT_SECONDS = 30;
    static final long MAX_TIMEOUT_SECONDS = 3600;

    public StopPolicy {
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("a stop timeout of " + timeoutSeconds + " s is outside 1 s to 1 h");
        }
    }

    public static StopPolicy defaults() {
        return new StopPolicy(DEFAULT_TIMEOUT_SECONDS, false, true);
    }

    public StopPolicy withForce(boolean forced) {
        return new StopPolicy(timeoutSeconds, forced, preCopy);
    }

    /** Parses 30, 30s, 2m or 90s (seconds unless m is given). */
    public static long parseSeconds(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!t.matches("\\d{1,6}(s|m)?")) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a duration; give seconds like 30s or minutes like 2m");
        }
        long number = Long.parseLong(t.replaceAll("[sm]$", ""));
        long seconds = t.endsWith("m") ? number * 60 : number;
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("\"" + text + "\" is outside 1s to 60m");
        }
        return seconds;
    }

    /** How the answers file and the wizard write it back: 30s, or 2m when whole minutes. */
    public String timeoutText() {
        return timeoutSeconds % 60 == 0 ? timeoutSeconds / 60 + "m" : timeoutSeconds + "s";
    }
}
