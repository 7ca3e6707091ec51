package dev.taos.host.ui.output;

import static dev.taos.host.core.ByteSize.human;

import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.Preflight;
import dev.taos.host.core.plan.StopPolicy;

/** How a migration's parts read, wherever they are shown: an unfinished one, a downtime, a size. */
final class MigrationWords {

    private MigrationWords() {}

    /** What every command says of an unfinished migration, and what to do about it. */
    static String interruptedNote(InstanceMigration m) {
        return "An interrupted migration of \"" + m.qualifiedName() + "\" exists (" + m.progress()
                + "): finish it with taos-host migrate --resume, or undo it with taos-host migrate --rollback.";
    }

    /** "about 12 s (up to 42 s if slow to stop)" for a running instance, "none" for a stopped one. */
    static String downtime(Preflight.Candidate c) {
        return c.instance().running()
                ? "about " + c.downtimeSeconds() + " s (up to " + (c.downtimeSeconds() + c.stopWaitSeconds())
                        + " s if slow to stop)"
                : "none";
    }

    static long downtime(Instance instance) {
        return Preflight.downtimeSeconds(instance.diskUsageBytes(), StopPolicy.defaults());
    }

    static String size(long bytes) {
        return bytes < 0 ? "unknown" : human(bytes);
    }
}
