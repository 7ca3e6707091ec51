package dev.taos.host.core.plan;

import dev.taos.host.core.command.Command;
import java.util.List;

/**
 * One thing a step does: run a command (an argument list, never a shell string), write a file, or check something
 * itself.
 */
public sealed interface Action {

    /** How the action reads in a plan. */
    String display();

    /** A command, built by the builders of {@code core/command}. */
    record Run(Command command) implements Action {

        public List<String> argv() {
            return command.argv();
        }

        @Override
        public String display() {
            return command.display();
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
