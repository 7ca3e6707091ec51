package dev.taos.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.core.facts.AppAccess;
import dev.taos.host.core.facts.AppAccess.AppUser;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.probe.IncusApi;
import dev.taos.host.probe.IncusReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Host facts from the fixtures captured from a real Incus daemon (src/test/resources/fixtures). The Incus part is
 * parsed from the raw API answers by the production {@link IncusReader}; instance sizes that the daemon does not report
 * come from the captured record, as {@code du} measured them.
 */
public final class Fixtures {

    public static final List<String> ALL = List.of(
            "fresh",
            "dir-empty",
            "dir-with-agents",
            "btrfs-already",
            "btrfs-host",
            "no-cow-driver",
            "daemon-down",
            "not-installed",
            "app-pi");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static HostFacts host(String name) {
        HostFacts recorded = recorded(name);
        if (!recorded.incus().running()) {
            return recorded;
        }
        IncusFacts parsed = new IncusReader(api(name)).read();
        List<Instance> sized = parsed.instances().stream()
                .map(i -> i.diskUsageBytes() >= 0
                        ? i
                        : i.withDiskUsage(recorded.incus()
                                .instance(i.project(), i.name())
                                .orElseThrow()
                                .diskUsageBytes()))
                .toList();
        return recorded.withIncus(parsed.withInstances(sized));
    }

    /**
     * The captured host as a probe asked for {@code appUser} would read it: the captured app user when it is the one
     * named, else a user the host does not know (every other account of the capture is unknown to it).
     */
    public static HostFacts host(String name, Optional<String> appUser) {
        HostFacts facts = host(name);
        if (appUser.isEmpty()) {
            return facts;
        }
        AppAccess access = facts.appAccess();
        AppUser captured = access.user();
        AppUser named = captured.name().equals(appUser.get())
                ? new AppUser(
                        captured.name(),
                        AppUser.Source.FLAG,
                        captured.uid(),
                        captured.gid(),
                        captured.groups(),
                        captured.home())
                : new AppUser(appUser.get(), AppUser.Source.FLAG, -1, -1, List.of(), "");
        return facts.withAppAccess(new AppAccess(named, access.rootSubIds(), access.incusUser()));
    }

    public static HostFacts recorded(String name) {
        try (InputStream in = open(name, "host.json")) {
            return JSON.readValue(in, HostFacts.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The captured API answers; a path that was not captured fails the test loudly. */
    public static IncusApi api(String name) {
        JsonNode answers;
        try (InputStream in = open(name, "incus-api.json")) {
            answers = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path -> {
            if (!answers.has(path)) {
                throw new AssertionError("fixture " + name + " has no answer for " + path);
            }
            return answers.get(path).toString();
        };
    }

    private static InputStream open(String name, String file) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + "/" + file);
        if (in == null) {
            throw new AssertionError("no fixture file " + name + "/" + file);
        }
        return in;
    }
}
