package dev.taos.host.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.taos.host.core.facts.HostFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps every Incus answer of one probe and saves it, with the facts, as a test fixture ({@code detect --capture DIR}):
 * {@code incus-api.json} maps each query path to its answer, {@code host.json} is the detect record. Volatile values
 * are normalized so a re-capture of the same scenario gives the same files: timestamps, UUIDs, MAC and IPv4 addresses,
 * veth names, hashes and PIDs become fixed values (a standalone server's name is dropped; a cluster's member names are
 * kept), byte counts are rounded down to whole GiB, and instance runtime counters become 0.
 */
public final class FixtureCapture {

    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    // The host side of a running instance's NIC, named at random at each start.
    private static final Pattern VETH = Pattern.compile("\\bveth[0-9a-f]{8}\\b");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    private static final Set<String> BYTE_COUNTS = Set.of(
            "used",
            "usage",
            "total",
            "free",
            "size",
            "usage_peak",
            "totalBytes",
            "freeBytes",
            "usedBytes",
            "memoryBytes",
            "diskUsageBytes",
            "sizeBytes");
    private static final Set<String> DROPPED = Set.of(
            "certificate",
            "server_pid",
            "server_name",
            "addresses",
            "kernel_version",
            "os_version",
            "driver_version",
            "storage_version",
            "server_clustered",
            "kernel_features",
            "lxc_features");
    private static final Set<String> CLUSTER_DROPPED = DROPPED.stream()
            .filter(k -> !k.equals("server_name") && !k.equals("server_clustered"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final long GIB = 1L << 30;

    private final Map<String, String> answers = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public IncusApi recording(IncusApi api) {
        return path -> {
            String body = api.query(path);
            answers.put(path, body);
            return body;
        };
    }

    public void save(Path dir, HostFacts facts) {
        try {
            Files.createDirectories(dir);
            ObjectNode api = JsonNodeFactory.instance.objectNode();
            // A cluster's member names are the operator's (and the test harness's), not a random host name: kept.
            boolean cluster = facts.incus().cluster().clustered();
            for (var answer : answers.entrySet()) {
                api.set(answer.getKey(), normalize(json.readTree(answer.getValue()), cluster));
            }
            Files.writeString(dir.resolve("incus-api.json"), json.writeValueAsString(api) + "\n");
            JsonNode host = normalize(json.valueToTree(facts), cluster);
            Files.writeString(dir.resolve("host.json"), json.writeValueAsString(host) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to save the fixture in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code cluster}: the answers come from a cluster's member. */
    static JsonNode normalize(JsonNode node, boolean cluster) {
        return normalize("", node, cluster ? CLUSTER_DROPPED : DROPPED);
    }

    private static JsonNode normalize(String key, JsonNode node, Set<String> dropped) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!dropped.contains(name)) {
                    JsonNode child = node.get(name);
                    copy.set(
                            name,
                            name.equals("state") && child.isObject()
                                    ? runtimeState(child)
                                    : normalize(name, child, dropped));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(normalize(key, element, dropped)));
            if (key.equals("storage_supported_drivers")) {
                // The daemon lists its drivers in a different order after each start.
                elements.sort(Comparator.comparing(driver -> driver.path("Name").asText()));
            }
            if (key.equals("locations")) {
                // A cluster lists the members a pool or network is on in no fixed order.
                elements.sort(Comparator.comparing(JsonNode::asText));
            }
            return JsonNodeFactory.instance.arrayNode().addAll(elements);
        }
        if (node.isIntegralNumber() && BYTE_COUNTS.contains(key)) {
            long value = node.asLong();
            return JsonNodeFactory.instance.numberNode(value < 0 ? value : value / GIB * GIB);
        }
        if (node.isTextual()) {
            return new TextNode(normalizeText(node.asText()));
        }
        return node;
    }

    /**
     * The capture as two captures are compared: every byte count set to 0 (sizes drift with the disk's usage), and the
     * lists of what uses an object ({@code used_by}, {@code usedBy}) in one order, since Incus gives them in none.
     */
    public static JsonNode forComparison(JsonNode node) {
        return forComparison("", node);
    }

    private static JsonNode forComparison(String key, JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields()
                    .forEachRemaining(field -> copy.set(
                            field.getKey(),
                            BYTE_COUNTS.contains(field.getKey())
                                            && field.getValue().isIntegralNumber()
                                    ? JsonNodeFactory.instance.numberNode(0)
                                    : forComparison(field.getKey(), field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(element -> elements.add(forComparison(key, element)));
            if (key.equals("used_by") || key.equals("usedBy")) {
                elements.sort(Comparator.comparing(JsonNode::toString));
            }
            return JsonNodeFactory.instance.arrayNode().addAll(elements);
        }
        return node;
    }

    private static String normalizeText(String text) {
        if (TIMESTAMP.matcher(text).matches()) {
            return "2000-01-01T00:00:00Z";
        }
        String out = UUID.matcher(text).replaceAll("00000000-0000-0000-0000-000000000000");
        out = MAC.matcher(out).replaceAll("00:16:3e:00:00:00");
        out = VETH.matcher(out).replaceAll("veth00000000");
        out = IPV4.matcher(out).replaceAll("192.0.2.1");
        return HASH.matcher(out).replaceAll("0".repeat(64));
    }

    /** An instance's runtime state: status words kept, every counter (CPU, memory, network, PIDs, disk) zeroed. */
    private static JsonNode runtimeState(JsonNode state) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.set("status", state.path("status"));
        copy.set("status_code", state.path("status_code"));
        ObjectNode disk = JsonNodeFactory.instance.objectNode();
        state.path("disk")
                .fieldNames()
                .forEachRemaining(
                        d -> disk.set(d, JsonNodeFactory.instance.objectNode().put("usage", 0)));
        copy.set("disk", disk);
        return copy;
    }
}
