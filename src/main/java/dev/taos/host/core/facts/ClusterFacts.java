package dev.taos.host.core.facts;

import java.util.List;

/**
 * Whether the daemon is a member of an Incus cluster: its own member name and every member as the cluster lists it
 * (empty for a standalone daemon). Pools and instances in {@link IncusFacts} are then the cluster's, read through this member.
 */
public record ClusterFacts(String thisMember, List<Member> members) {

    /** One member: its name, status as Incus words it (Online, Offline, Evacuated...), architecture and Incus's message. */
    public record Member(String name, String status, String architecture, String message) {
        public boolean online() {
            return "Online".equals(status);
        }
    }

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
}
