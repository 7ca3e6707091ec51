package dev.taos.host.core.facts;

import java.util.List;

/**
 * How the taOS app reaches Incus, as the host shows it: the user its controller runs as, root's subordinate ids (which
 * an instance's {@code raw.idmap} draws on), and incus-user, which serves users in the group {@code incus}.
 */
public record AppAccess(AppUser user, SubIds rootSubIds, IncusUserService incusUser) {

    public static AppAccess unknown() {
        return new AppAccess(
                AppUser.none(), new SubIds(List.of(), List.of(), ""), new IncusUserService(false, false, "", ""));
    }

    public AppAccess {
        user = user == null ? AppUser.none() : user;
        rootSubIds = rootSubIds == null ? new SubIds(List.of(), List.of(), "") : rootSubIds;
        incusUser = incusUser == null ? new IncusUserService(false, false, "", "") : incusUser;
    }

    /**
     * The app's user. {@code source} says how it was found; {@code uid} is -1 when no such user exists (a name given
     * with --app-user that the host does not know, or no candidate at all). {@code groups} are its group names, primary
     * first.
     */
    public record AppUser(String name, Source source, long uid, long gid, List<String> groups, String home) {

        public enum Source {
            FLAG("--app-user"),
            SERVICE("User= of tinyagentos.service"),
            APP_DIRECTORY("the owner of the app's directory"),
            DEFAULT_NAME("the user named taos"),
            NONE("no candidate");

            private final String words;

            Source(String words) {
                this.words = words;
            }

            public String words() {
                return words;
            }
        }

        public AppUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
            home = home == null ? "" : home;
        }

        public static AppUser none() {
            return new AppUser("", Source.NONE, -1, -1, List.of(), "");
        }

        public boolean exists() {
            return uid >= 0;
        }

        public boolean inGroup(String group) {
            return groups.contains(group);
        }
    }

    /**
     * root's ranges in /etc/subuid and /etc/subgid; {@code unreadable} says why they could not be read ("" when they
     * were).
     */
    public record SubIds(List<IdRange> uids, List<IdRange> gids, String unreadable) {
        public SubIds {
            uids = List.copyOf(uids);
            gids = List.copyOf(gids);
            unreadable = unreadable == null ? "" : unreadable;
        }

        public boolean coverUid(long id) {
            return IdRange.anyContains(uids, id);
        }

        public boolean coverGid(long id) {
            return IdRange.anyContains(gids, id);
        }
    }

    /**
     * incus-user: whether it is installed, whether its socket is there now, and systemctl's words for
     * {@code incus-user.socket} ("" where systemd does not run).
     */
    public record IncusUserService(
            boolean installed, boolean socketPresent, String socketEnabled, String socketActive) {
        public IncusUserService {
            socketEnabled = socketEnabled == null ? "" : socketEnabled;
            socketActive = socketActive == null ? "" : socketActive;
        }

        public boolean socketEnabledAndActive() {
            return socketEnabled.equals("enabled") && socketActive.equals("active");
        }
    }
}
