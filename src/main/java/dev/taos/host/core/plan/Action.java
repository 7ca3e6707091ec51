package dev.taos.host.core.plan;

import java.util.List;

/**
 * One thing a step does: run a command (an argument list, never a shell string), write a file, or check something
 * itself.
 */
public sealed interface Action {

    /** How the action reads in a plan. */
    String display();

    record Run(List<String> argv) implements Action {
        public Run {
            argv = List.copyOf(argv);
        }

        public static Run of(String... argv) {
            return new Run(List.of(argv));
        }

        @Override
        public String display() {
            return String.join(" ", argv.stream().map(Run::quoted).toList());
        }

        private static String quoted(String arg) {
            return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
        }
    }

    /** Work taos-host does itself (a manifest, a comparison, a wait); it changes nothing on the host. */
    record Check(String what) implements Action {
        @Override
        public String display() {
            return "(taos-host) " + what;
        }
    }

    /** A file installed from another one (the jar), atomically, the old one kept as a backup like a written file's. */
    record CopyFile(String source, String path, String mode) implements Action {
        @Override
        public String display() {
            return "install " + source + " as " + path + " (mode " + mode + ")";
        }
    }

    /**
     * A line added to or removed from a subordinate id file ({@code /etc/subuid}, {@code /etc/subgid}) under the lock
     * shadow's own tools take. usermod cannot do the removal: it refuses to change the ids of a user who has processes,
     * and root always has.
     */
    record EditSubIds(String path, String line, boolean add) implements Action {
        @Override
        public String display() {
            return (add ? "add " + line + " to " : "remove " + line + " from ") + path + " (under shadow's lock)";
        }
    }

    record WriteFile(String path, String mode, String content) implements Action {
        @Override
        public String display() {
            return "write " + path + " (mode " + mode + ")";
        }
    }
}
