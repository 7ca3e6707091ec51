package dev.taos.host.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.taos.host.core.facts.IncusFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Incus REST API's objects as taos-host reads them: only the fields it uses, bound by Jackson, fields it does not
 * know ignored (the API grows). The probe and the migration's observer read the same records, so a rule such as "which
 * device is the root disk" is written once.
 */
public final class IncusObjects {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private IncusObjects() {}

    public record Server(Environment environment) {
        public record Environment(
                @JsonProperty("server_version") String serverVersion,
                @JsonProperty("storage_supported_drivers") List<Driver> drivers,
                @JsonProperty("server_clustered") boolean clustered,
                @JsonProperty("server_name") String serverName) {

            /** The storage drivers' names, sorted (the daemon lists them in a different order after each start). */
            public List<String> driverNames() {
                return drivers.stream().map(Driver::name).sorted().toList();
            }
        }

        public record Driver(@JsonProperty("Name") String name) {}
    }

    /** A cluster member as {@code /1.0/cluster/members} lists it. */
    public record Member(
            @JsonProperty("server_name") String name, String status, String architecture, String message) {}

    public record Pool(
            String name,
            String driver,
            String status,
            Map<String, String> config,
            @JsonProperty("used_by") List<String> usedBy) {}

    public record Resources(Space space) {
        public record Space(long total, long used) {}

        /** The space, or -1 for both when the daemon gave none. */
        public Space spaceOrUnknown() {
            return space == null ? new Space(-1, -1) : space;
        }
    }

    public record Volume(
            String name,
            String type,
            String project,
            @JsonProperty("content_type") String contentType,
            @JsonProperty("used_by") List<String> usedBy) {}

    /** An instance with recursion=2: its own and expanded config and devices, profiles, snapshots and runtime state. */
    public record Instance(
            String name,
            String project,
            String type,
            String status,
            Map<String, String> config,
            @JsonProperty("expanded_config") Map<String, String> expandedConfig,
            Map<String, Map<String, String>> devices,
            @JsonProperty("expanded_devices") Map<String, Map<String, String>> expandedDevices,
            List<String> profiles,
            List<Snapshot> snapshots,
            State state,
            @JsonProperty("last_used_at") String lastUsedAt,
            String location) {

        public Instance {
            config = config == null ? Map.of() : config;
            expandedConfig = expandedConfig == null ? Map.of() : expandedConfig;
            devices = devices == null ? Map.of() : devices;
            expandedDevices = expandedDevices == null ? Map.of() : expandedDevices;
            profiles = profiles == null ? List.of() : profiles;
            snapshots = snapshots == null ? List.of() : snapshots;
            project = project == null ? "default" : project;
        }

        /** The pool of the root disk it ends up with; "" when it has none. */
        public String rootPool() {
            return rootDisk(expandedDevices)
                    .map(d -> d.getOrDefault("pool", ""))
                    .orElse("");
        }

        public boolean localRoot() {
            return rootDisk(devices).isPresent();
        }

        public List<String> snapshotNames() {
            return snapshots.stream().map(Snapshot::name).toList();
        }

        /** Bytes its root disk uses, as the daemon reports; -1 when it does not say (a dir pool without quotas). */
        public long rootUsage() {
            return state == null || state.disk() == null || !state.disk().containsKey("root")
                    ? -1
                    : state.disk().get("root").usage();
        }
    }

    public record Snapshot(String name) {}

    public record State(Map<String, DiskState> disk) {
        public record DiskState(long usage) {}
    }

    public record Profile(String name, Map<String, Map<String, String>> devices) {}

    public record Project(String name, Map<String, String> config) {
        public Project {
            config = config == null ? Map.of() : config;
        }
    }

    public record Network(String name, boolean managed) {}

    public record Image(
            String fingerprint,
            String project,
            List<Alias> aliases,
            String architecture,
            long size,
            Map<String, String> properties,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_used_at") String lastUsedAt) {
        public record Alias(String name) {}
    }

    public record Operations(List<Operation> running) {
        public record Operation(String id, Map<String, List<String>> resources) {}
    }

    /**
     * Builds Jackson's readers for the answers a probe reads first, so the probe finds them ready (see {@link Warmup}).
     */
    static void warm() throws IncusApi.IncusUnavailable {
        for (Class<?> type : List.of(
                Server.class,
                Member.class,
                Pool.class,
                Resources.class,
                Volume.class,
                Instance.class,
                Profile.class,
                Project.class,
                Network.class,
                Image.class)) {
            readList("warm-up", "[{}]", type);
        }
    }

    /** The disk mounted at / among {@code devices}, if any. */
    static Optional<Map<String, String>> rootDisk(Map<String, Map<String, String>> devices) {
        return devices.values().stream()
                .filter(d -> "disk".equals(d.get("type")) && "/".equals(d.get("path")))
                .findFirst();
    }

    static <T> T read(String path, String body, Class<T> type) throws IncusApi.IncusUnavailable {
        T answer = read(path, body, JSON.constructType(type));
        if (answer == null) {
            throw new IncusApi.IncusUnavailable(IncusFacts.Status.DAEMON_DOWN, "Incus gave no answer to " + path);
        }
        return answer;
    }

    /** An answer that Incus leaves empty when there is nothing to report (no running operations). */
    static <T> Optional<T> readIfAny(String path, String body, Class<T> type) throws IncusApi.IncusUnavailable {
        return Optional.ofNullable(read(path, body, JSON.constructType(type)));
    }

    /** A list answer; Incus answers null rather than [] for some empty collections. */
    static <T> List<T> readList(String path, String body, Class<T> element) throws IncusApi.IncusUnavailable {
        List<T> list = read(path, body, JSON.getTypeFactory().constructCollectionType(List.class, element));
        return list == null ? List.of() : list;
    }

    private static <T> T read(String path, String body, JavaType type) throws IncusApi.IncusUnavailable {
        try {
            // incus query prints nothing at all for a null answer (an empty collection, on some endpoints).
            return body.isBlank() ? null : JSON.readValue(body, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IncusApi.IncusUnavailable(
                    IncusFacts.Status.DAEMON_DOWN,
                    "the answer to " + path + " is not what Incus answers: " + e.getOriginalMessage());
        }
    }
}
