package dev.taos.host.core.door;

import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.TaosApp;

/**
 * How the taOS app's deploys reach Incus, which decides the project they land in (docs/ARCHITECTURE.md, "The app's
 * door"): root and members of incus-admin use the daemon's own socket and the default project; members of incus go
 * through incus-user, into their own restricted project; anyone else cannot deploy at all.
 */
public sealed interface AppDoor {

    /** The project the app's instances are made in; "" when the app cannot reach Incus. */
    String project();

    /** One line for an operator: who the app is and how it reaches Incus. */
    String describe();

    /** No user on this host looks like the app's: there is no door to prepare. */
    record NoApp() implements AppDoor {
        @Override
        public String project() {
            return "";
        }

        @Override
        public String describe() {
            return "no taOS app user found (no tinyagentos.service, no " + TaosApp.DEFAULT_DIR
                    + ", no user taos); name one with --app-user";
        }
    }

    /** The operator named a user the host does not know. */
    record UnknownUser(String name) implements AppDoor {
        @Override
        public String project() {
            return "";
        }

        @Override
        public String describe() {
            return "there is no user \"" + name + "\" on this host";
        }
    }

    /** The user is neither root nor in incus-admin or incus, so its incus client is refused. */
    record Closed(AppUser user) implements AppDoor {
        @Override
        public String project() {
            return "";
        }

        @Override
        public String describe() {
            return who(user) + " is in neither group incus nor incus-admin, so its deploys cannot reach Incus";
        }
    }

    /** root or a member of incus-admin: the daemon's socket, the default project. */
    record Admin(AppUser user) implements AppDoor {
        @Override
        public String project() {
            return Project.DEFAULT;
        }

        @Override
        public String describe() {
            return who(user) + " deploys as an Incus admin (" + (user.uid() == 0 ? "root" : "group incus-admin")
                    + "), in project default";
        }
    }

    /** A member of incus: incus-user, in the project it makes for the user. */
    record ThroughIncusUser(AppUser user) implements AppDoor {
        @Override
        public String project() {
            return IncusUserProject.name(user);
        }

        @Override
        public String describe() {
            return who(user) + " deploys through incus-user (group incus), in project " + project();
        }
    }

    static AppDoor of(HostFacts facts) {
        AppUser user = facts.appAccess().user();
        if (user.source() == AppUser.Source.NONE) {
            return new NoApp();
        }
        if (!user.exists()) {
            return new UnknownUser(user.name());
        }
        if (user.uid() == 0 || user.inGroup("incus-admin")) {
            return new Admin(user);
        }
        return user.inGroup("incus") ? new ThroughIncusUser(user) : new Closed(user);
    }

    private static String who(AppUser user) {
        return "the app's user " + user.name() + " (uid " + user.uid() + ", "
                + user.source().words() + ")";
    }
}
