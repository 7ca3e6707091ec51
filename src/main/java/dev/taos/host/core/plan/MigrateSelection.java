package dev.taos.host.core.plan;

import dev.taos.host.core.facts.Project;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Which existing instances the operator consents to migrate. The default is none: nothing existing is touched. An
 * instance outside the default project is named PROJECT/NAME; {@link All} takes every project unless it names one.
 */
public sealed interface MigrateSelection {

    /** How the flag and the answers file write it: none, all, or the names with commas. */
    default String text() {
        return this instanceof Named named ? String.join(",", named.names()) : this instanceof All ? "all" : "none";
    }

    /**
     * The same selection seen from {@code project} (migrate --project): bare names are that project's, and all is all
     * of it.
     */
    default MigrateSelection inProject(String project) {
        if (this instanceof Named named) {
            return new Named(named.names().stream()
                    .map(n -> n.contains("/") ? n : Project.qualified(project, n))
                    .toList());
        }
        return this instanceof All ? new All(Optional.of(project)) : this;
    }

    record None() implements MigrateSelection {}

    /** Every candidate, or every candidate of {@code project}. */
    record All(Optional<String> project) implements MigrateSelection {
        public All() {
            this(Optional.empty());
        }
    }

    record Named(List<String> names) implements MigrateSelection {
        public Named {
            names = List.copyOf(names);
        }

        public List<Ref> refs() {
            return names.stream().map(Ref::parse).toList();
        }
    }

    /** One instance: its project and name; written NAME in the default project, PROJECT/NAME in another. */
    record Ref(String project, String name) {
        public String text() {
            return Project.qualified(project, name);
        }

        public static Ref parse(String text) {
            int slash = text.indexOf('/');
            return slash < 0
                    ? new Ref(Project.DEFAULT, text)
                    : new Ref(text.substring(0, slash), text.substring(slash + 1));
        }
    }

    static MigrateSelection none() {
        return new None();
    }

    /** Parses {@code none}, {@code all} or {@code [PROJECT/]NAME[,...]}; duplicates are dropped, order kept. */
    public static MigrateSelection parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return new None();
        }
        if (trimmed.equals("all")) {
            return new All();
        }
        List<String> names = List.copyOf(new LinkedHashSet<>(
                Arrays.stream(trimmed.split(",")).map(String::trim).toList()));
        for (String name : names) {
            Ref ref = Ref.parse(name);
            if (!Names.validInstanceName(ref.name())
                    || Names.projectNameProblem(ref.project()).isPresent()) {
                throw new IllegalArgumentException(
                        "\"" + name + "\" is not a valid instance name; list instance names (PROJECT/NAME outside the"
                                + " default project) separated by commas, or use all or none");
            }
        }
        return new Named(names);
    }
}
