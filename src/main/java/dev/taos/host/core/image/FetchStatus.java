package dev.taos.host.core.image;

import java.time.Duration;

/**
 * Where the background fetch of the base image stands, as {@code fetch-base-image} last left it: {@code state} is
 * retrying (it failed and will try again at {@code nextAttemptAt}), failed (it will not try again by itself), or done.
 * {@code cause} is the last failure in words ("the host github.com was not found ..."). Times are ISO-8601 instants.
 */
public record FetchStatus(State state, int attempts, String cause, String updatedAt, String nextAttemptAt) {

    public enum State {
        RETRYING,
        FAILED,
        DONE
    }

    private static final Duration FIRST_WAIT = Duration.ofSeconds(15);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    /** The wait before the next attempt after {@code failures} failed ones: 15 s, doubling, at most 15 minutes. */
    public static Duration waitAfter(int failures) {
        Duration wait = FIRST_WAIT;
        for (int i = 1; i < failures && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** How verify words it: why the image is not there yet, and what happens next. */
    public String describe() {
        return switch (state) {
            case DONE -> "imported";
            case RETRYING -> "attempt " + attempts + " failed: " + cause + "; the next attempt is at " + nextAttemptAt;
            case FAILED ->
                "attempt " + attempts + " failed: " + cause
                        + "; run taos-host fetch-base-image, or systemctl restart taos-base-image.service";
        };
    }
}
