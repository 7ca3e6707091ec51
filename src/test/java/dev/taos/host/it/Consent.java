package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The promise, checked around a test that changes a host: every instance the operator did not select, in every project,
 * keeps its state, its expanded config and devices and every file (with owners, modes, times, links and extended
 * attributes). A local {@code none} device counts as no device: it is how setup keeps a profile's new device from
 * reaching an instance. Instances are keyed "project/name", with a bare name in the default project. Each project's
 * config and profiles are recorded too, for a test to assert on itself: setup may change them with consent.
 */
final class Consent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Object>> SORTED = new TypeReference<>() {};

    private final IncusHost host;
    private final Map<String, String> before;
    private final Map<String, String> projects;
    private final Map<String, String> profiles;

    private Consent(IncusHost host) {
        this.host = host;
        this.before = snapshot(host, null);
        this.projects = projects(host);
        this.profiles = profiles(host);
    }

    /** Records every instance, project and profile on the host as it is now. */
    static Consent record(IncusHost host) {
        return new Consent(host);
    }

    /**
     * Every recorded instance but the {@code selected} ones ("project/name", or a bare name in default) is as it was.
     */
    void assertUntouchedExcept(String... selected) {
        Map<String, String> expected = new TreeMap<>(before);
        expected.keySet().removeAll(Set.of(selected));
        // Only those are read again: a chosen agent may still be at work, its files changing under a reader.
        Map<String, String> now = snapshot(host, expected.keySet());
        Map<String, String> actual = new TreeMap<>();
        expected.keySet().forEach(name -> actual.put(name, now.getOrDefault(name, "(gone)")));
        assertEquals(expected, actual, "an instance the operator did not choose changed");
    }

    /** The instances recorded, by key. */
    Set<String> instances() {
        return before.keySet();
    }

    /** Each project's config as recorded ("config {...}"), by project name. */
    Map<String, String> projects() {
        return projects;
    }

    /** Each profile as recorded ("config {...}\ndevices {...}"), keyed "project/name". */
    Map<String, String> profiles() {
        return profiles;
    }

    static Map<String, String> projects(IncusHost host) {
        Map<String, String> projects = new TreeMap<>();
        for (JsonNode project : query(host, "/1.0/projects?recursion=1")) {
            projects.put(project.path("name").asText(), "config " + JSON.convertValue(project.path("config"), SORTED));
        }
        return projects;
    }

    static Map<String, String> profiles(IncusHost host) {
        Map<String, String> profiles = new TreeMap<>();
        for (JsonNode profile : query(host, "/1.0/profiles?recursion=1&all-projects=true")) {
            profiles.put(
                    profile.path("project").asText() + "/"
                            + profile.path("name").asText(),
                    "config " + JSON.convertValue(profile.path("config"), SORTED) + "\ndevices "
                            + JSON.convertValue(profile.path("devices"), SORTED));
        }
        return profiles;
    }

    /** Every instance's state and files; {@code only} those keys when it is not null. */
    private static Map<String, String> snapshot(IncusHost host, Set<String> only) {
        Map<String, String> instances = new TreeMap<>();
        for (JsonNode instance : query(host, "/1.0/instances?recursion=1&all-projects=true")) {
            String project = instance.path("project").asText("default");
            String name = instance.path("name").asText();
            if (only != null && !only.contains(key(project, name))) {
                continue;
            }
            ObjectNode devices = ((ObjectNode) instance.path("expanded_devices")).deepCopy();
            List.copyOf(iterable(devices)).forEach(device -> {
                if (devices.path(device).path("type").asText().equals("none")) {
                    devices.remove(device);
                }
            });
            String pool =
                    instance.path("expanded_devices").path("root").path("pool").asText();
            ObjectNode config = ((ObjectNode) instance.path("expanded_config")).deepCopy();
            // Incus's own runtime flag, which its daemon resets when it restarts (a fault some tests inject).
            config.remove("volatile.last_state.ready");
            instances.put(
                    key(project, name),
                    "status " + instance.path("status").asText() + "\nconfig " + JSON.convertValue(config, SORTED)
                            + "\ndevices " + JSON.convertValue(devices, SORTED)
                            + "\n" + Agents.fingerprint(host, pool, project, name));
        }
        return instances;
    }

    /** "project/name", or the bare name in the default project (as the callers before projects name them). */
    static String key(String project, String name) {
        return project.equals("default") ? name : project + "/" + name;
    }

    private static JsonNode query(IncusHost host, String path) {
        try {
            return JSON.readTree(host.sh("incus query '" + path + "'").stdout());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Failed to read " + path + " from the Incus host: " + e.getMessage(), e);
        }
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
