package dev.taos.host.probe;

import dev.taos.host.core.facts.ClusterFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.IncusFacts.DefaultProfile;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.facts.StoragePool.CustomVolume;
import dev.taos.host.core.image.ImageStore;
import dev.taos.host.core.migrate.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link IncusFacts} from the REST API (docs/ARCHITECTURE.md, "Incus behaviour"), through the typed
 * {@link IncusObjects}. Only read requests are made. The same code reads a live daemon and the JSON captured from one.
 */
public final class IncusReader {

    private final IncusApi api;

    public IncusReader(IncusApi api) {
        this.api = api;
    }

    /** Reads everything; a failure of the first request says whether the daemon is down or refuses this user. */
    public IncusFacts read() {
        try {
            IncusObjects.Server.Environment environment = IncusObjects.read(
                            "/1.0", api.query("/1.0"), IncusObjects.Server.class)
                    .environment();
            List<String> drivers = environment.driverNames();
            List<StoragePool> pools = new ArrayList<>();
            for (IncusObjects.Pool pool : list("/1.0/storage-pools?recursion=1", IncusObjects.Pool.class)) {
                pools.add(pool(pool));
            }
            DefaultProfile defaultProfile = defaultProfile(Project.DEFAULT);
            List<Project> projects = new ArrayList<>();
            for (IncusObjects.Project project : list("/1.0/projects?recursion=1", IncusObjects.Project.class)) {
                Project bare = new Project(project.name(), project.config(), defaultProfile);
                projects.add(
                        bare.ownProfiles() && !bare.defaultProject()
                                ? new Project(project.name(), project.config(), defaultProfile(project.name()))
                                : bare);
            }
            return new IncusFacts(
                    IncusFacts.Status.RUNNING,
                    "",
                    environment.serverVersion(),
                    drivers,
                    pools,
                    defaultProfile,
                    list("/1.0/instances?recursion=2&all-projects=true", IncusObjects.Instance.class).stream()
                            .map(IncusReader::instance)
                            .toList(),
                    list("/1.0/networks?recursion=1", IncusObjects.Network.class).stream()
                            .filter(IncusObjects.Network::managed)
                            .map(IncusObjects.Network::name)
                            .toList(),
                    list("/1.0/images?recursion=1&all-projects=true", IncusObjects.Image.class).stream()
                            .map(IncusReader::image)
                            .toList(),
                    environment.clustered()
                            ? new ClusterReader(api)
                                    .read(
                                            environment.serverName(),
                                            pools.stream()
                                                    .map(StoragePool::name)
                                                    .toList())
                            : ClusterFacts.standalone(),
                    projects);
        } catch (IncusApi.IncusUnavailable e) {
            return IncusFacts.unavailable(e.status(), e.getMessage());
        }
    }

    /**
     * The image cache's view, with the same requests {@link #read} makes: the images, and the instances only when
     * {@code withInstances} (a launch checks the new name, prune what instances were made from; a build needs neither).
     */
    public ImageStore imageStore(boolean withInstances) throws IncusApi.IncusUnavailable {
        return new ImageStore(
                list("/1.0/images?recursion=1&all-projects=true", IncusObjects.Image.class).stream()
                        .map(IncusReader::image)
                        .toList(),
                withInstances
                        ? list("/1.0/instances?recursion=2&all-projects=true", IncusObjects.Instance.class).stream()
                                .map(IncusReader::instance)
                                .toList()
                        : List.of(),
                SystemProbe.incusArch(System.getProperty("os.arch")));
    }

    private <T> List<T> list(String path, Class<T> element) throws IncusApi.IncusUnavailable {
        return IncusObjects.readList(path, api.query(path), element);
    }

    private StoragePool pool(IncusObjects.Pool pool) throws IncusApi.IncusUnavailable {
        Map<String, String> config = pool.config() == null ? Map.of() : pool.config();
        String source = config.getOrDefault("source", "");
        long configuredSize = StoragePool.configuredBytes(config.getOrDefault("size", ""));
        boolean loop = StoragePool.loopFile(source, configuredSize);
        String resources = "/1.0/storage-pools/" + pool.name() + "/resources";
        IncusObjects.Resources.Space space = IncusObjects.read(
                        resources, api.query(resources), IncusObjects.Resources.class)
                .spaceOrUnknown();
        List<CustomVolume> custom = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (IncusObjects.Volume volume : list(
                "/1.0/storage-pools/" + pool.name() + "/volumes?recursion=1&all-projects=true",
                IncusObjects.Volume.class)) {
            if ("image".equals(volume.type())) {
                images.add(volume.name());
            }
            if ("custom".equals(volume.type())) {
                custom.add(new CustomVolume(
                        volume.name(),
                        volume.project() == null ? "default" : volume.project(),
                        volume.contentType() == null ? "" : volume.contentType(),
                        lastSegments(volume.usedBy())));
            }
        }
        return new StoragePool(
                pool.name(),
                pool.driver(),
                source,
                loop,
                pool.status() == null ? "" : pool.status(),
                configuredSize,
                space.total(),
                space.used(),
                pool.usedBy() == null ? List.of() : pool.usedBy(),
                custom,
                images);
    }

    /** The default profile of {@code project} (one with profiles of its own). */
    private DefaultProfile defaultProfile(String project) throws IncusApi.IncusUnavailable {
        String path = "/1.0/profiles/default" + (project.equals(Project.DEFAULT) ? "" : "?project=" + project);
        IncusObjects.Profile profile = IncusObjects.read(path, api.query(path), IncusObjects.Profile.class);
        var devices = profile.devices() == null ? Map.<String, Map<String, String>>of() : profile.devices();
        String root = IncusObjects.rootDisk(devices)
                .map(d -> d.getOrDefault("pool", ""))
                .orElse("");
        return new DefaultProfile(root, devices.values().stream().anyMatch(d -> "nic".equals(d.get("type"))));
    }

    private static Instance instance(IncusObjects.Instance instance) {
        List<String> volumes = instance.expandedDevices().values().stream()
                .filter(d -> "disk".equals(d.get("type")) && !"/".equals(d.get("path")) && d.containsKey("pool"))
                .map(d -> d.get("pool") + "/" + d.get("source"))
                .toList();
        return new Instance(
                instance.name(),
                instance.project(),
                instance.type(),
                instance.status(),
                instance.rootPool(),
                instance.localRoot(),
                "true".equals(instance.expandedConfig().get("boot.autostart")),
                instance.rootUsage(),
                instance.snapshotNames(),
                volumes,
                instance.profiles(),
                sorted(instance.devices().keySet()),
                sorted(instance.expandedDevices().keySet()),
                Identity.of(instance.config()),
                instance.config().get("volatile.base_image"),
                instance.location());
    }

    private static CachedImage image(IncusObjects.Image image) {
        return new CachedImage(
                image.fingerprint(),
                image.project() == null ? Project.DEFAULT : image.project(),
                image.aliases() == null
                        ? List.of()
                        : image.aliases().stream()
                                .map(IncusObjects.Image.Alias::name)
                                .toList(),
                image.architecture(),
                image.size(),
                image.properties(),
                image.createdAt(),
                image.lastUsedAt());
    }

    private static List<String> sorted(java.util.Collection<String> names) {
        return names.stream().sorted().toList();
    }

    /** "/1.0/instances/stanley?project=x" becomes "stanley". */
    private static List<String> lastSegments(List<String> references) {
        return (references == null ? List.<String>of() : references)
                .stream()
                        .map(ref -> {
                            String path = ref.split("\\?", 2)[0];
                            return path.substring(path.lastIndexOf('/') + 1);
                        })
                        .toList();
    }
}
