package dev.taos.host.core.plan;

import java.util.List;

/**
 * One step of a plan: a one-line description, the exact actions, what undoes it when a later action fails, and the
 * disk space it claims on the host filesystem (a loop file's full size, although it is sparse).
 */
public record Step(Kind kind, String description, List<Action> actions, List<Action> revert, long spaceNeededBytes) {

    public enum Kind {
        INSTALL_INCUS, CREATE_POOL, RECREATE_POOL, PIN_INSTANCES, SET_PROFILE_ROOT, CREATE_NETWORK, INSTALL_FILES, ENABLE_UNITS,
        MIGRATE_INSTANCE
    }

    public Step {
        actions = List.copyOf(actions);
        revert = List.copyOf(revert);
    }

    public static Step of(Kind kind, String description, List<Action> actions) {
        return new Step(kind, description, actions, List.of(), 0);
    }
}
