package dev.taos.host.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a plan: a one-line description, its changes (each an action and what undoes it), and the disk space it
 * claims on the host filesystem (a loop file's full size, although it is sparse). When an action fails, the undos of
 * the actions that ran before it run in reverse order, so a failed step leaves nothing of itself behind.
 */
public record Step(Kind kind, String description, List<Change> changes, long spaceNeededBytes) {

    public enum Kind {
        INSTALL_INCUS,
        CREATE_POOL,
        RECREATE_POOL,
        PIN_INSTANCES,
        SET_PROFILE_ROOT,
        CREATE_NETWORK,
        MAP_APP_USER,
        ENABLE_INCUS_USER,
        OPEN_APP_PROJECT,
        ALLOW_APP_DEPLOY,
        SHARE_APP_IMAGES,
        WARM_APP_IMAGES,
        INSTALL_FILES,
        ENABLE_UNITS,
        MIGRATE_INSTANCE
    }

    /**
     * An action and what undoes it, in order (none for a check or anything that needs none). {@code undoneIfItFails}:
     * the action can leave its change behind although it fails (Incus saves a profile change whose hot-plug into an
     * instance failed), so its own undo runs then too; otherwise a failed action is taken to have changed nothing.
     */
    public record Change(Action action, List<Action> undo, boolean undoneIfItFails) {

        public Change {
            undo = List.copyOf(undo);
        }

        public static Change of(Action action) {
            return new Change(action, List.of(), false);
        }

        public static Change undone(Action action, Action... undo) {
            return new Change(action, List.of(undo), false);
        }

        public static Change undoneIfItFails(Action action, Action... undo) {
            return new Change(action, List.of(undo), true);
        }
    }

    public Step {
        changes = List.copyOf(changes);
    }

    public static Step of(Kind kind, String description, List<Action> actions) {
        return new Step(kind, description, actions.stream().map(Change::of).toList(), 0);
    }

    public List<Action> actions() {
        return changes.stream().map(Change::action).toList();
    }

    /** Every undo, last change first: what undoes the whole step. */
    public List<Action> revert() {
        List<Action> undos = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            undos.addAll(changes.get(i).undo());
        }
        return undos;
    }
}
