package dev.taos.host.apply;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Next;
import dev.taos.host.core.migrate.Protocol;
import dev.taos.host.probe.IncusApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The copy steps' own work around their commands (docs/ARCHITECTURE.md, "Migration protocol"): the copy's progress
 * while Incus copies, and for a running instance the way around a copy that files vanishing mid-read made fail, then
 * the check made while it still runs. None of it decides a byte of the result: the check after the stop does.
 */
final class PreCopy {

    /** What a copy step came to: a line for the operator, and the stamps of the check before the stop, if made. */
    record Copied(String detail, Optional<Stamps> stamps) {}

    private final IncusSteps incus;
    private final CopyCheck check;
    private final Path poolsRoot;
    private final Migrator.Events events;

    PreCopy(IncusSteps incus, CopyCheck check, Path poolsRoot, Migrator.Events events) {
        this.incus = incus;
        this.check = check;
        this.poolsRoot = poolsRoot;
        this.events = events;
    }

    /** The copy after the stop (or of a stopped instance): its commands with the copy's progress. */
    void copy(InstanceMigration m, List<Command> commands) throws StepFailed {
        Heartbeat beat = Heartbeat.every(CopyProgress.INTERVAL, new CopyProgress(poolsRoot, m, events));
        try {
            incus.runAll(commands);
        } finally {
            beat.close();
        }
    }

    /**
     * The copy while it runs, then the check of it. A copy that failed because files vanished is made again through a
     * stage on the original's pool when there is room; without room there is no pre-copy, and the copy is made after
     * the stop as for a stopped instance.
     */
    Copied preCopy(InstanceMigration m, List<Command> commands, int lanes)
            throws StepFailed, IncusApi.IncusUnavailable {
        String how = "";
        try {
            copy(m, commands);
        } catch (StepFailed failed) {
            if (!Protocol.vanished(failed.getMessage())) {
                throw failed;
            }
            incus.awaitIdle(List.of(m.name(), m.copyName(), m.stageName()));
            var stage = Protocol.throughStage(m, incus.observe(m), poolsRoot.toString(), freeOnSourcePool(m));
            if (stage instanceof Next.Blocked blocked) {
                return new Copied(
                        "files vanished while Incus copied it, and " + blocked.problem()
                                + ": it is copied after its stop instead",
                        Optional.empty());
            }
            copy(m, ((Next.Run) stage).commands());
            how = "copied through \"" + m.stageName() + "\" on its own pool, since files vanished while Incus copied"
                    + " it between pools; ";
        }
        Stamps.settle();
        Stamps checked = check.preCheck(m, lanes);
        return new Copied(
                how
                        + checked.whyNone()
                                .map(why -> "nothing was checked while it ran, so every file is read after the stop: "
                                        + why)
                                .orElse(checked.size() + " entries of both sides read while it ran: after the stop"
                                        + " only what changed since is read again"),
                Optional.of(checked));
    }

    private long freeOnSourcePool(InstanceMigration m) {
        try {
            return Files.getFileStore(poolsRoot.resolve(m.sourcePool())).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
