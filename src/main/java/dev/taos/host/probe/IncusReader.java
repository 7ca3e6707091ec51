package dev.taos.host.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.IncusFacts.DefaultProfile;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.StoragePool.CustomVolume;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.ByteSize;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Builds {@link IncusFacts} from the REST API (DESIGN.md section 3). Only read requests are made. The same code reads a
 * live daemon and the JSON captured from one for tests.
 */
public final class IncusReader {

    private final IncusApi api;
    private final ObjectMapper json = new ObjectMapper();

    public IncusReader(IncusApi api) {
        this.api = api;
    }

    /** Reads everything; a failure of the first request says whether the daemon is down or refuses this user. */
    public IncusFacts read() {
        try {
            JsonNode server = get("/1.0");
            JsonNode environment = server.path("environment");
            List<String> drivers = new ArrayList<>();
            environment.path("storage_supported_drivers").forEach(d -> drivers.add(d.path("Name").asText()));
            drivers.sort(null);
            List<StoragePool> pools = new ArrayList<>();
            for (JsonNode pool : get("/1.0/storage-pools?recursion=1")) {
                pools.add(pool(pool));
            }
            return new IncusFacts(IncusFacts.Status.RUNNING, "", environment.path("server_version").asText(), drivers, pools,
                    defaultProfile(get("/1.0/profiles/default")), instances(get("/1.0/instances?recursion=2&all-projects=true")),
                    managedNetworks(get("/1.0/networks?recursion=1")), images(get("/1.0/images?recursion=1&all-projects=true")));
        } catch (IncusApi.IncusUnavailable e) {
            return IncusFacts.unavailable(e.status(), e.getMessage());
        }
    }

    private JsonNode get(String path) throws IncusApi.IncusUnavailable {
        String body = api.query(path);
        try {
            return json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IncusApi.IncusUnavailable(IncusFacts.Status.DAEMON_DOWN, "the answer to " + path + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private StoragePool pool(JsonNode pool) throws IncusApi.IncusUnavailable {
        String name = pool.path("name").asText();
        String driver = pool.path("driver").asText();
        JsonNode config = pool.path("config");
        String source = config.path("source").asText("");
        long configuredSize = parseSize(config.path("size").asText(""));
        boolean loop = source.endsWith(".img") || (configuredSize > 0 && source.startsWith(HostPaths.DISKS + "/"));
        JsonNode space = get(resourcesPath(name)).path("space");
        List<CustomVolume> custom = new ArrayList<>();
        for (JsonNode volume : get(volumesPath(name))) {
            if (volume.path("type").asText().equals("custom")) {
                custom.add(new CustomVolume(volume.path("name").asText(), volume.path("project").asText("default"),
                        volume.path("content_type").asText(""), lastSegments(volume.path("used_by"))));
            }
        }
        return new StoragePool(name, driver, source, loop, pool.path("status").asText(""), configuredSize,
                space.path("total").asLong(-1), space.path("used").asLong(-1), strings(pool.path("used_by")), custom);
    }

    private static String volumesPath(String pool) {
        return "/1.0/storage-pools/" + pool + "/volumes?recursion=1&all-projects=true";
    }

    private static String resourcesPath(String pool) {
        return "/1.0/storage-pools/" + pool + "/resources";
    }

    private static DefaultProfile defaultProfile(JsonNode profile) {
        String root = "";
        boolean nic = false;
        for (JsonNode device : iterable(profile.path("devices").elements())) {
            if (isRootDisk(device)) {
                root = device.path("pool").asText("");
            }
            nic |= device.path("type").asText().equals("nic");
        }
        return new DefaultProfile(root, nic);
    }

    private static List<Instance> instances(JsonNode list) {
        List<Instance> instances = new ArrayList<>();
        for (JsonNode instance : list) {
            String pool = "";
            List<String> volumes = new ArrayList<>();
            for (JsonNode device : iterable(instance.path("expanded_devices").elements())) {
                if (isRootDisk(device)) {
                    pool = device.path("pool").asText("");
                } else if (device.path("type").asText().equals("disk") && device.has("pool")) {
                    volumes.add(device.path("pool").asText() + "/" + device.path("source").asText());
                }
            }
            boolean localRoot = false;
            for (JsonNode device : iterable(instance.path("devices").elements())) {
                localRoot |= isRootDisk(device);
            }
            List<String> snapshots = new ArrayList<>();
            instance.path("snapshots").forEach(s -> snapshots.add(s.path("name").asText()));
            JsonNode usage = instance.path("state").path("disk").path("root").path("usage");
            instances.add(new Instance(instance.path("name").asText(), instance.path("project").asText("default"),
                    instance.path("type").asText(), instance.path("status").asText(), pool, localRoot,
                    instance.path("expanded_config").path("boot.autostart").asText("").equals("true"),
                    usage.isNumber() ? usage.asLong() : -1, snapshots, volumes, strings(instance.path("profiles")),
                    fieldNames(instance.path("devices")), fieldNames(instance.path("expanded_devices"))));
        }
        return instances;
    }

    private static List<String> managedNetworks(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> {
            if (n.path("managed").asBoolean(false)) {
                names.add(n.path("name").asText());
            }
        });
        return names;
    }

    private static List<CachedImage> images(JsonNode list) {
        List<CachedImage> images = new ArrayList<>();
        for (JsonNode image : list) {
            List<String> aliases = new ArrayList<>();
            image.path("aliases").forEach(a -> aliases.add(a.path("name").asText()));
            images.add(new CachedImage(image.path("fingerprint").asText(), aliases, image.path("architecture").asText(), image.path("size").asLong()));
        }
        return images;
    }

    static boolean isRootDisk(JsonNode device) {
        return device.path("type").asText().equals("disk") && device.path("path").asText().equals("/");
    }

    private static long parseSize(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.matches("\\d+")) {
            return Long.parseLong(text);
        }
        try {
            return ByteSize.parse(text).bytes();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** "/1.0/instances/stanley?project=x" becomes "stanley". */
    private static List<String> lastSegments(JsonNode array) {
        return strings(array).stream().map(ref -> {
            String path = ref.split("\\?", 2)[0];
            return path.substring(path.lastIndexOf('/') + 1);
        }).toList();
    }

    static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
