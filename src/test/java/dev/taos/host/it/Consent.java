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
 * The promise, checked around a test that changes a host: every instance the operator did not select keeps its state,
 * its expanded config and devices and every file (with owners, modes, times, links and extended attributes). A local
 * {@code none} device counts as no device: it is how setup keeps a profile's new device from reaching an instance.
 */
final class Consent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Object>> SORTED = new TypeReference<>() { };

    private final IncusHost host;
    private final Map<String, String> before;

    private Consent(IncusHost host) {
        this.host = host;
        this.before = snapshot(host);
    }

    /** Records every instance on the host as it is now. */
    static Consent record(IncusHost host) {
        return new Consent(host);
    }

    /** Every recorded instance but the {@code selected} ones is as it was. */
    void assertUntouchedExcept(String... selected) {
        Map<String, String> now = snapshot(host);
        Map<String, String> expected = new TreeMap<>(before);
        Map<String, String> actual = new TreeMap<>();
        expected.keySet().removeAll(Set.of(selected));
        expected.keySet().forEach(name -> actual.put(name, now.getOrDefault(name, "(gone)")));
        assertEquals(expected, actual, "an instance the operator did not choose changed");
    }

    private static Map<String, String> snapshot(IncusHost host) {
        Map<String, String> instances = new TreeMap<>();
        try {
            for (JsonNode instance : JSON.readTree(host.sh("incus query '/1.0/instances?recursion=1'").stdout())) {
                String name = instance.path("name").asText();
                ObjectNode devices = ((ObjectNode) instance.path("expanded_devices")).deepCopy();
                List.copyOf(iterable(devices)).forEach(device -> {
                    if (devices.path(device).path("type").asText().equals("none")) {
                        devices.remove(device);
                    }
                });
                String pool = instance.path("expanded_devices").path("root").path("pool").asText();
                ObjectNode config = ((ObjectNode) instance.path("expanded_config")).deepCopy();
                // Incus's own runtime flag, which its daemon resets when it restarts (a fault some tests inject).
                config.remove("volatile.last_state.ready");
                instances.put(name, "status " + instance.path("status").asText() + "\nconfig " + JSON.convertValue(config, SORTED)
                        + "\ndevices " + JSON.convertValue(devices, SORTED)
                        + "\n" + Agents.fingerprint(host, pool, name));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Failed to read the instances of the Incus host: " + e.getMessage(), e);
        }
        return instances;
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
