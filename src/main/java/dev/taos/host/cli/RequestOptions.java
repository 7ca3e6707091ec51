package dev.taos.host.cli;

import dev.taos.host.app.AnswersFile;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.units.UnitChoices;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that make an {@link InstallRequest}; shared by every command that plans. */
public final class RequestOptions {

    @Option(
            names = "--driver",
            paramLabel = "auto|btrfs|zfs|lvm",
            converter = Converters.Driver.class,
            description = "Storage driver for the new pool (default: auto: btrfs, else zfs, else lvm).")
    DriverChoice driver;

    @Option(
            names = "--pool",
            paramLabel = "NAME",
            converter = Converters.PoolName.class,
            description = "Pool name (default: \"default\", or taos-<driver> when \"default\" holds data).")
    String pool;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            converter = Converters.Size.class,
            description =
                    "Loop file size, e.g. 50GiB, 50G, 512MiB; a bare number means GiB (default: min(50 GiB, 25%% of "
                            + "the filesystem)).")
    ByteSize size;

    @Option(
            names = "--source",
            paramLabel = "PATH|DATASET",
            converter = Converters.Source.class,
            description =
                    "Existing storage instead of a loop file: block device, btrfs directory, ZFS dataset or LVM volume "
                            + "group.")
    String source;

    @Option(
            names = "--migrate",
            paramLabel = "none|all|NAME[,NAME...]",
            converter = Converters.Selection.class,
            description =
                    "Existing containers to migrate to the new pool (default: none; nothing existing is touched).")
    MigrateSelection migrate;

    @Mixin
    StopOptions stop = new StopOptions();

    @Option(
            names = "--fetch-base-image",
            negatable = true,
            description = "Install taos-base-image.service: a low-priority background download of the taOS base image "
                    + "(default: as installed, else off).")
    Boolean fetchBaseImage;

    @Option(
            names = "--pool-autogrow",
            negatable = true,
            description = "Let the hourly pool watch grow the loop file when it passes the warning level (default: as "
                    + "installed, else off).")
    Boolean poolAutoGrow;

    @Option(
            names = "--image-build",
            negatable = true,
            description =
                    "Install taos-image-build.path: rebuild stale image layers at low priority when images.yaml or the "
                            + "base image changes"
                            + " (default: as installed, else off).")
    Boolean imageBuild;

    @Option(
            names = "--app-user",
            paramLabel = "NAME",
            converter = Converters.AppUser.class,
            description = "The user the taOS app deploys as (default: User= of tinyagentos.service, else the owner of "
                    + "/opt/tinyagentos, else taos).")
    String appUser;

    @Option(
            names = "--prepare-app",
            negatable = true,
            description =
                    "Make the app's own deploys work and land copy-on-write: its project's default profile, the proxy "
                            + "devices and idmap its"
                            + " deploy needs, root's subuid/subgid, incus-user's socket (default: on).")
    Boolean prepareApp;

    @Option(
            names = "--app-proxies",
            negatable = true,
            description =
                    "With --prepare-app: allow proxy devices in the app's project, which its deploys need; whoever"
                            + " controls the app's user can then reach any socket on the host as root (default: on).")
    Boolean appProxies;

    @Option(
            names = "--answers",
            paramLabel = "FILE",
            description =
                    "Read these answers from a YAML or JSON file (the wizard saves one); flags given as well override "
                            + "the file's values.")
    Path answers;

    /**
     * Builds the request from the flags over the answers file; an {@link InvalidInput} names the flag or key and the
     * problem.
     */
    public InstallRequest toRequest() {
        AnswersFile.Answers file = answers == null ? AnswersFile.Answers.none() : AnswersFile.read(answers);
        // A size or a source given as a flag replaces the file's storage choice whole (its members' too): the two
        // cannot be combined.
        boolean storageFlag = size != null || source != null;
        Optional<ByteSize> sizeValue = Optional.ofNullable(storageFlag ? size : file.size());
        Optional<String> sourceValue = Optional.ofNullable(storageFlag ? source : file.source());
        if (sizeValue.isPresent() && sourceValue.isPresent()) {
            throw new InvalidInput(
                    "Failed to read --source: --size and --source cannot be combined: a size is for a new loop file, a "
                            + "source is"
                            + " existing storage; give one of them");
        }
        var units = new UnitChoices(
                Optional.ofNullable(or(fetchBaseImage, file.fetchBaseImage(), null)),
                Optional.ofNullable(or(poolAutoGrow, file.poolAutoGrow(), null)),
                Optional.ofNullable(or(imageBuild, file.imageBuild(), null)));
        return new InstallRequest(
                or(driver, file.driver(), DriverChoice.AUTO),
                Optional.ofNullable(or(pool, file.pool(), null)),
                sizeValue,
                sourceValue,
                or(migrate, file.migrate(), MigrateSelection.none()),
                stop.policy(file.stopPolicy()),
                units,
                storageFlag ? Map.of() : file.memberStorage(answers),
                new AppChoice(
                        Optional.ofNullable(or(appUser, file.appUser(), null)),
                        or(prepareApp, file.prepareApp(), true),
                        or(appProxies, file.appProxies(), true)));
    }

    /** The flag's value, else the file's, else {@code fallback}. */
    private static <T> T or(T flag, T fromFile, T fallback) {
        return flag != null ? flag : fromFile != null ? fromFile : fallback;
    }
}
