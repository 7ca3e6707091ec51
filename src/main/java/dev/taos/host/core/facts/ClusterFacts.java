package dev.taos.host.core.facts;

import java.util.List;

/**
 * Whether the daemon is a member of an Incus cluster: its own member name and every member as the cluster lists it
 * (empty for a standalone daemon). Pools and instances in {@link IncusFacts} are then the cluster's, read through this
 * member.
 */
public record ClusterFacts(String thisMember, List<Member> members) {

    /**
     * One member: its name, status as Incus words it (Online, Offline, Evacuated...), architecture and Incus's message;
     * what this member supports and has, read with {@code ?target=}: its storage drivers and each pool as it is there.
     * {@code unreadable} says why those could not be read ("" when they were): an offline member is not asked.
     */
    public record Member(
            String name,
            String status,
            String architecture,
            String message,
            List<String> supportedDrivers,
            List<MemberPool> pools,
            String unreadable) {

        /** The status Incus gives a member that takes part in the cluster. */
        public static final String ONLINE = "Online";

        public Member {
            message = message == null ? "" : message;
            supportedDrivers = supportedDrivers == null ? List.of() : List.copyOf(supportedDrivers);
            pools = pools == null ? List.of() : List.copyOf(pools);
            unreadable = unreadable == null ? "" : unreadable;
        }

        public boolean online() {
            return ONLINE.equals(status);
        }
    }

    /**
     * A pool as it is on one member: its state there (Created, Pending, Errored), its member-specific {@code source}
     * and {@code size}, and the space of the filesystem or loop file it sits on (-1 when unknown): for a dir pool, the
     * free space where that member's loop files would go too, when /var/lib/incus is one filesystem.
     */
    public record MemberPool(String name, String status, String source, String size, long totalBytes, long usedBytes) {}

    public ClusterFacts {
        thisMember = thisMember == null ? "" : thisMember;
        members = members == null ? List.of() : List.copyOf(members);
    }

    public static ClusterFacts standalone() {
        return new ClusterFacts("", List.of());
    }

    public boolean clustered() {
        return !members.isEmpty();
    }

    /**
     * Whether {@code instance} is on the member taos-host runs on (always, on a standalone daemon): its files are on
     * this disk.
     */
    public boolean here(Instance instance) {
        return instance.location().equals(thisMember);
    }
}
