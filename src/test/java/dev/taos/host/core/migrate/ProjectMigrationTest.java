package dev.taos.host.core.migrate;

import static dev.taos.host.core.migrate.ProtocolTest.COPY;
import static dev.taos.host.core.migrate.ProtocolTest.MARY_RUNNING;
import static dev.taos.host.core.migrate.ProtocolTest.ORIGINAL;
import static dev.taos.host.core.migrate.ProtocolTest.PRE;
import static dev.taos.host.core.migrate.ProtocolTest.ROOT;
import static dev.taos.host.core.migrate.ProtocolTest.STARTED;
import static dev.taos.host.core.migrate.ProtocolTest.commands;
import static dev.taos.host.core.migrate.ProtocolTest.observed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.TestCommands;
import dev.taos.host.core.plan.StopPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A migration in the app's project (user-990): the same protocol, every incus command in that project, its files read
 * under PROJECT_NAME.
 */
class ProjectMigrationTest {

    private static InstanceMigration at(MigrationStep step) {
        InstanceMigration m = InstanceMigration.planned(
                        "user-990", "mary", "default", "fast", 1000, StopPolicy.defaults())
                .recorded(MARY_RUNNING);
        while (m.step() != step) {
            m = m.step() == MigrationStep.STOP ? m.stoppedAt(STARTED).finished(m.step()) : m.finished(m.step());
        }
        return m;
    }

    @Test
    void everyIncusCommandNamesTheProject() {
        assertEquals(
                List.of(List.of(
                        "incus",
                        "copy",
                        "mary",
                        "mary-migrating",
                        "--storage",
                        "fast",
                        "--allow-inconsistent",
                        "--project",
                        "user-990")),
                ProtocolTest.incusOnly(commands(at(MigrationStep.PRE_COPY), observed(MARY_RUNNING))));
        assertEquals(
                List.of(List.of("incus", "stop", "mary", "--timeout", "30", "--project", "user-990")),
                commands(at(MigrationStep.STOP), observed(MARY_RUNNING, COPY)));
        assertEquals(
                List.of("incus", "rename", "mary", "mary-pre-migration", "--project", "user-990"),
                commands(at(MigrationStep.RENAME_ORIGINAL), observed(ORIGINAL, COPY))
                        .get(0));
        List<List<String>> carry = commands(at(MigrationStep.CARRY_IDENTITY), observed(ORIGINAL, COPY));
        assertTrue(
                carry.stream()
                        .allMatch(c -> c.subList(c.size() - 2, c.size()).equals(List.of("--project", "user-990"))),
                carry.toString());
    }

    /**
     * A restricted project (incus-user's) lets no one set volatile.cloud-init.instance-id; the MAC, a key Incus deems
     * safe, still moves.
     */
    @Test
    void inARestrictedProjectTheCopyKeepsItsOwnCloudInitId() {
        var locked = new Observed("", java.util.Map.of(ORIGINAL.name(), ORIGINAL, COPY.name(), COPY), true);
        assertEquals(
                List.of(
                        "incus",
                        "config",
                        "set",
                        "mary-migrating",
                        "volatile.eth0.hwaddr=10:66:6a:aa:bb:cc",
                        "--project",
                        "user-990"),
                commands(at(MigrationStep.CARRY_IDENTITY), locked).get(0));
    }

    /** Incus keeps a non-default project's volume as PROJECT_NAME; rsync gets paths, no project flag. */
    @Test
    void theFilesAreReadWhereIncusKeepsTheProjectsVolumes() {
        List<String> sync =
                commands(at(MigrationStep.SYNC), observed(ORIGINAL, COPY)).get(0);
        assertEquals("rsync", sync.get(0));
        assertEquals(
                List.of(
                        ROOT + "/default/containers/user-990_mary/rootfs/",
                        ROOT + "/fast/containers/user-990_mary-migrating/rootfs/"),
                sync.subList(sync.size() - 2, sync.size()));
    }

    @Test
    void rollbackAndPruneStayInTheProject() {
        InstanceMigration renamed = at(MigrationStep.RENAME_COPY);
        var rollback =
                assertInstanceOf(Recovery.Rollback.Commands.class, Recovery.rollback(renamed, observed(PRE, COPY)));
        assertTrue(
                TestCommands.argvOf(rollback.commands()).stream()
                        .allMatch(c -> c.contains("--project")
                                && c.get(c.indexOf("--project") + 1).equals("user-990")),
                rollback.commands().toString());
        InstanceMigration done = at(MigrationStep.DONE);
        var prune = assertInstanceOf(
                Recovery.Prune.Delete.class, Recovery.prune(done, observed(PRE, ProtocolTest.renamed(COPY, "mary"))));
        assertEquals(
                List.of("incus", "delete", "mary-pre-migration", "--project", "user-990"),
                prune.command().argv());
        assertEquals("user-990/mary", done.qualifiedName());
        assertTrue(done.is("user-990", "mary") && !done.is("default", "mary"), "the journal tells projects apart");
    }
}
