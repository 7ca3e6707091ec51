package dev.taos.host.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.core.migrate.Observed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the default project's instances as the migration protocol needs them: status, root pool, own config, snapshots. */
public final class InstanceObserver {

    static final String PATH = "/1.0/instances?recursion=2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IncusApi api;

    public InstanceObserver(IncusApi api) {
        this.api = api;
    }

    public Observed observe() throws IncusApi.IncusUnavailable {
        return parse(api.query(PATH));
    }

    /** The ids of the daemon's running operations that touch any of {@code names} (a killed client leaves its copy running). */
    public List<String> runningOperationsOn(Collection<String> names) throws IncusApi.IncusUnavailable {
        return operationsOn(api.query("/1.0/operations?recursion=1"), names);
    }

    static List<String> operationsOn(String body, Collection<String> names) {
        List<String> ids = new ArrayList<>();
        for (JsonNode operation : read(body).path("running")) {
            for (JsonNode resource : operation.path("resources").path("instances")) {
                String name = resource.asText().replaceFirst("^/1\\.0/instances/", "").replaceFirst("\\?.*$", "");
                if (names.contains(name) && !ids.contains(operation.path("id").asText())) {
                    ids.add(operation.path("id").asText());
                }
            }
        }
        return ids;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read Incus's answer: " + e.getMessage(), e);
        }
    }

    static Observed parse(String body) {
        JsonNode list = read(body);
        Map<String, Observed.Seen> seen = new HashMap<>();
        for (JsonNode instance : list) {
            String pool = "";
            for (JsonNode device : IncusReader.iterable(instance.path("expanded_devices").elements())) {
                if (IncusReader.isRootDisk(device)) {
                    pool = device.path("pool").asText("");
                }
            }
            Map<String, String> config = new HashMap<>();
            instance.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            List<String> snapshots = new ArrayList<>();
            instance.path("snapshots").forEach(s -> snapshots.add(s.path("name").asText()));
            String name = instance.path("name").asText();
            seen.put(name, new Observed.Seen(name, instance.path("status").asText(), pool, config, snapshots,
                    instance.path("last_used_at").asText("")));
        }
        return new Observed(seen);
    }
}
