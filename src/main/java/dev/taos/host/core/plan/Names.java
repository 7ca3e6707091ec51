package dev.taos.host.core.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Name rules, checked before anything reaches Incus. Pool names follow Incus (no slash, printable ASCII) and are
 * further kept to characters that are safe in the pool's path and loop file name.
 */
public final class Names {

    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    // Incus instance names are hostnames: letters, digits and hyphens, not starting with a digit or hyphen.
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Names() {}

    /** Why {@code name} is not a usable pool name, or empty when it is. */
    public static Optional<String> poolNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the pool name is empty");
        }
        if (!POOL.matcher(name).matches()) {
            return Optional.of("\"" + name
                    + "\" is not a valid pool name: use 1-63 letters, digits, '-', '_' or '.', starting with a "
                    + "letter or digit");
        }
        return Optional.empty();
    }

    /**
     * Why {@code name} is not a usable project name, or empty when it is (Incus forbids slashes and spaces in them).
     */
    public static Optional<String> projectNameProblem(String name) {
        return name != null && POOL.matcher(name).matches()
                ? Optional.empty()
                : Optional.of("\"" + name + "\" is not a valid project name: use letters, digits, '-', '_' or '.'");
    }

    /**
     * {@code name} when it is a usable pool name; otherwise IllegalArgumentException saying why (flags and answers).
     */
    public static String poolName(String name) {
        poolNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return name;
    }

    /** {@code name} when it is a usable project name; otherwise IllegalArgumentException saying why. */
    public static String projectName(String name) {
        projectNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return name;
    }

    /** Existing storage to build the pool on, as given; an empty one is refused alike from a flag and the answers. */
    public static String source(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(
                    "the source is empty; give a block device, a directory or a ZFS dataset, or leave it out");
        }
        return text;
    }

    public static boolean validInstanceName(String name) {
        return name != null && INSTANCE.matcher(name).matches();
    }
}
