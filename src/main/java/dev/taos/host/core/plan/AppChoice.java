package dev.taos.host.core.plan;

import java.util.Optional;

/**
 * What the operator said about the taOS app: its user, when they named it ({@code --app-user}; else it is found on the
 * host), whether setup prepares the app's own door ({@code --[no-]prepare-app}, on by default), and whether that
 * includes allowing its proxy devices ({@code --[no-]app-proxies}, on by default), whose price the plan names: they let
 * whoever controls the app's user reach any socket on the host as root.
 */
public record AppChoice(Optional<String> user, boolean prepare, boolean proxies) {

    public AppChoice {
        user.flatMap(AppChoice::userNameProblem).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Proxy devices allowed, as the app needs them. */
    public AppChoice(Optional<String> user, boolean prepare) {
        this(user, prepare, true);
    }

    public static AppChoice defaults() {
        return new AppChoice(Optional.empty(), true, true);
    }

    public AppChoice withProxies(boolean allowed) {
        return new AppChoice(user, prepare, allowed);
    }

    /** {@code name} as the app's user; refused (IllegalArgumentException) when it cannot be a user name. */
    public static String parseUser(String name) {
        userNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return name;
    }

    /** Why {@code name} cannot be a user name (as useradd takes them), if it cannot. */
    public static Optional<String> userNameProblem(String name) {
        return name.matches("[a-z_][a-z0-9_.-]{0,31}\\$?")
                ? Optional.empty()
                : Optional.of("\"" + name
                        + "\" is not a user name (lower-case letters, digits, '_', '-' and '.', starting with "
                        + "a letter or '_')");
    }
}
