package dev.taos.host.core.command;

import java.time.Duration;

/**
 * How long a command may take before taos-host gives up on it, named by what the command does rather than written as a
 * number where it is run. The one runner ({@code exec/Runner}) enforces it.
 */
public record Patience(String name, Duration limit) {

    /** A question to the system or the daemon: who a user is, one object's state, a unit's state. */
    public static final Patience ANSWER = new Patience("answer", Duration.ofSeconds(30));
    /** A small change Incus or the system makes at once: a key set, a rename, an alias, an image deleted. */
    public static final Patience CHANGE = new Patience("change", Duration.ofMinutes(5));
    /** Work on one image: an instance made from it, a builder started or stopped, an image published or exported. */
    public static final Patience IMAGE = new Patience("image", Duration.ofMinutes(10));
    /** Setting a host up: packages installed, a pool created, an image imported, units enabled. */
    public static final Patience INSTALL = new Patience("install", Duration.ofMinutes(30));
    /** A whole instance's disk copied or brought up to date, or Incus's own copy waited for. */
    public static final Patience COPY = new Patience("copy", Duration.ofHours(2));

    /** An operator's script, for as long as the operator allows ({@code image build --script-timeout}). */
    public static Patience script(Duration limit) {
        return new Patience("script", limit);
    }

    /** "2 h", "30 min", "45 s": how the limit reads in a failure. */
    public String words() {
        long seconds = limit.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
