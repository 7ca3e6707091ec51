package dev.taos.host.probe;

import dev.taos.host.core.facts.ClusterFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an Incus cluster through the member taos-host runs on: every member from {@code /1.0/cluster/members}, then for
 * each online one what differs per member, asked with {@code ?target=}: its storage drivers, and each pool's state,
 * source, size and space there. A member that is not online, or does not answer, is named with the reason.
 */
final class ClusterReader {

    private static final String MEMBERS = "/1.0/cluster/members?recursion=1";

    private final IncusApi api;

    ClusterReader(IncusApi api) {
        this.api = api;
    }

    ClusterFacts read(String thisMember, List<String> pools) throws IncusApi.IncusUnavailable {
        List<ClusterFacts.Member> members = new ArrayList<>();
        for (IncusObjects.Member m : IncusObjects.readList(MEMBERS, api.query(MEMBERS), IncusObjects.Member.class)) {
            members.add(
                    ClusterFacts.Member.ONLINE.equals(m.status())
                            ? member(m, pools)
                            : new ClusterFacts.Member(
                                    m.name(),
                                    m.status(),
                                    m.architecture(),
                                    m.message(),
                                    List.of(),
                                    List.of(),
                                    "it is " + m.status().toLowerCase(Locale.ROOT)
                                            + (m.message() == null ? "" : ": " + m.message())));
        }
        return new ClusterFacts(thisMember, members);
    }

    private ClusterFacts.Member member(IncusObjects.Member m, List<String> pools) {
        String target = "?target=" + m.name();
        try {
            var environment = IncusObjects.read("/1.0" + target, api.query("/1.0" + target), IncusObjects.Server.class)
                    .environment();
            List<String> drivers = environment.driverNames();
            List<ClusterFacts.MemberPool> here = new ArrayList<>();
            for (String pool : pools) {
                String path = "/1.0/storage-pools/" + pool + target;
                IncusObjects.Pool there = IncusObjects.read(path, api.query(path), IncusObjects.Pool.class);
                String resources = "/1.0/storage-pools/" + pool + "/resources" + target;
                var space = IncusObjects.read(resources, api.query(resources), IncusObjects.Resources.class)
                        .spaceOrUnknown();
                Map<String, String> config = there.config() == null ? Map.of() : there.config();
                here.add(new ClusterFacts.MemberPool(
                        pool,
                        there.status() == null ? "" : there.status(),
                        config.getOrDefault("source", ""),
                        config.getOrDefault("size", ""),
                        space.total(),
                        space.used()));
            }
            return new ClusterFacts.Member(m.name(), m.status(), m.architecture(), m.message(), drivers, here, "");
        } catch (IncusApi.IncusUnavailable e) {
            return new ClusterFacts.Member(
                    m.name(), m.status(), m.architecture(), m.message(), List.of(), List.of(), e.getMessage());
        }
    }
}
