package dev.taos.host.core.plan;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** Which existing instances the operator consents to migrate. The default is none: nothing existing is touched. */
public sealed interface MigrateSelection {

    /** How the flag and the answers file write it: none, all, or the names with commas. */
    default String text() {
        return this instanceof Named named ? String.join(",", named.names()) : this instanceof All ? "all" : "none";
    }

    record None() implements MigrateSelection {
    }

    record All() implements MigrateSelection {
    }

    record Named(List<String> names) implements MigrateSelection {
        public Named {
            names = List.copyOf(names);
        }
    }

    static MigrateSelection none() {
        return new None();
    }

    /** Parses {@code none}, {@code all} or {@code NAME[,NAME...]}; duplicates are dropped, order kept. */
    public static MigrateSelection parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return new None();
        }
        if (trimmed.equals("all")) {
            return new All();
        }
        List<String> names = List.copyOf(new LinkedHashSet<>(Arrays.stream(trimmed.split(",")).map(String::trim).toList()));
        for (String name : names) {
            if (!Names.validInstanceName(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a valid instance name; list instance names separated by commas, or use all or none");
            }
        }
        return new Named(names);
    }
}
