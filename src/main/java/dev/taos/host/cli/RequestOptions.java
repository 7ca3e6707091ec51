package dev.taos.host.cli;

import dev.taos.host.app.AnswersFile;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.core.plan.ByteSize;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.core.units.UnitChoices;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flags that make an {@link InstallRequest}; shared by every command that plans. */
public final class RequestOptions {

    @Option(names = "--driver", paramLabel = "auto|btrfs|zfs|lvm",
            description = "Storage driver for the new pool (default: auto: btrfs, else zfs, else lvm).")
    String driver;

    @Option(names = "--pool", paramLabel = "NAME",
            description = "Pool name (default: \"default\", or taos-<driver> when \"default\" holds data).")
    String pool;

    @Option(names = "--size", paramLabel = "SIZE",
            description = "Loop file size, e.g. 50GiB, 50G, 512MiB; a bare number means GiB (default: min(50 GiB, 25%% of the filesystem)).")
    String size;

    @Option(names = "--source", paramLabel = "PATH|DATASET",
            description = "Existing storage instead of a loop file: block device, btrfs directory, ZFS dataset or LVM volume group.")
    String source;

    @Option(names = "--migrate", paramLabel = "none|all|NAME[,NAME...]",
            description = "Existing containers to migrate to the new pool (default: none; nothing existing is touched).")
    String migrate;

    @Option(names = "--stop-timeout", paramLabel = "DURATION",
            description = "How long a running container chosen for migration may take to stop cleanly, e.g. 30s or 2m (default: 30s).")
    String stopTimeout;

    @Option(names = "--force-stop", negatable = true,
            description = "Stop a chosen container forcibly when it has not stopped cleanly within --stop-timeout (default: refuse, leave it running).")
    Boolean forceStop;

    @Option(names = "--fetch-base-image", negatable = true,
            description = "Install taos-base-image.service: a low-priority background download of the taOS base image (default: as installed, else off).")
    Boolean fetchBaseImage;

    @Option(names = "--pool-autogrow", negatable = true,
            description = "Let the hourly pool watch grow the loop file when it passes the warning level (default: as installed, else off).")
    Boolean poolAutoGrow;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Read these answers from a YAML or JSON file (the wizard saves one); flags given as well override the file's values.")
    Path answers;

    /** Builds the request from the flags over the answers file; an {@link InvalidInput} names the flag or key and the problem. */
    public InstallRequest toRequest() {
        AnswersFile.Answers file = answers == null ? AnswersFile.Answers.none() : AnswersFile.read(answers);
        boolean storageFlag = size != null || source != null;
        String sizeText = storageFlag ? size : file.size();
        String sourceText = storageFlag ? source : file.source();
        String poolName = or(pool, file.pool());
        DriverChoice driverChoice = parse("--driver", () -> DriverChoice.parse(or(or(driver, file.driver()), "auto")));
        Optional<ByteSize> sizeValue = parse("--size", () -> Optional.ofNullable(sizeText).map(ByteSize::parse));
        MigrateSelection selection = parse("--migrate", () -> MigrateSelection.parse(or(migrate, file.migrate())));
        Names.poolNameProblem(poolName == null ? InstallRequest.DEFAULT_POOL : poolName).ifPresent(problem -> {
            throw new InvalidInput("Failed to read --pool: " + problem);
        });
        long stopSeconds = parse("--stop-timeout", () -> Optional.ofNullable(or(stopTimeout, file.stopTimeout())).map(StopPolicy::parseSeconds)
                .orElse(StopPolicy.DEFAULT_TIMEOUT_SECONDS));
        StopPolicy stop = new StopPolicy(stopSeconds, Boolean.TRUE.equals(or(forceStop, file.forceStop())));
        var units = new UnitChoices(Optional.ofNullable(or(fetchBaseImage, file.fetchBaseImage())), Optional.ofNullable(or(poolAutoGrow, file.poolAutoGrow())));
        return parse(sourceText == null ? "--size" : "--source", () -> new InstallRequest(driverChoice, Optional.ofNullable(poolName), sizeValue,
                Optional.ofNullable(sourceText), selection, stop, units));
    }

    private static <T> T or(T flag, T fromFile) {
        return flag != null ? flag : fromFile;
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("Failed to read " + flag + ": " + e.getMessage());
        }
    }
}
