package dev.taos.host.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.plan.Action;
import dev.taos.host.core.plan.Step;
import dev.taos.host.core.plan.StopPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * plan --migrate's preview is the protocol itself, step by step, for the state each step will find (MigrateIT compares
 * it with a real run).
 */
class MigrationPreviewTest {

    static final String ROOT = "/var/lib/incus/storage-pools";

    static Instance instance(String name) {
        return Fixtures.host("dir-with-agents").incus().instance(name).orElseThrow();
    }

    static List<String> shown(Step step) {
        return step.actions().stream()
                .map(a -> a instanceof Action.Run run ? String.join(" ", run.argv()) : a.display())
                .toList();
    }

    @Test
    void aRunningInstanceIsCopiedStoppedBroughtUpToDateVerifiedSwappedAndStartedAgain() {
        Step step = MigrationPreview.step(instance("mary"), "fast", new StopPolicy(45, false, true), ROOT, false);
        String cloudInit = instance("mary").identity().get("volatile.cloud-init.instance-id");
        assertEquals(
                List.of(
                        "(taos-host) record its state",
                        "incus copy mary mary-migrating --storage fast --allow-inconsistent",
                        "incus stop mary --timeout 45",
                        "(taos-host) copy it with its snapshots to a temporary name on the target pool: it was copied "
                                + "while it ran;"
                                + " step 5 copies what changed since",
                        "rsync -aHAX --numeric-ids --delete --sparse --modify-window=-1 --filter=-x security.selinux "
                                + ROOT + "/default/containers/mary/rootfs/ " + ROOT
                                + "/fast/containers/mary-migrating/rootfs/",
                        "(taos-host) read every file of the stopped original and of the copy at once, and of each "
                                + "snapshot, and compare them",
                        "incus config unset mary-migrating volatile.apply_template",
                        "incus config set mary boot.autostart=false",
                        "incus rename mary mary-pre-migration",
                        "incus rename mary-migrating mary",
                        "incus config set mary volatile.cloud-init.instance-id=" + cloudInit,
                        "incus start mary"),
                shown(step));
        assertTrue(
                step.description()
                        .startsWith("Migrating \"mary\" (running: down from its stop until it runs on the new pool"),
                step.description());
    }

    @Test
    void withoutAPreCopyARunningInstanceIsCopiedWholeAfterItsStop() {
        List<String> mary =
                shown(MigrationPreview.step(instance("mary"), "fast", new StopPolicy(45, false, false), ROOT, false));
        assertEquals(
                List.of(
                        "(taos-host) copy it with its snapshots to a temporary name on the target pool while it still "
                                + "runs:"
                                + " pre-copy is off (--no-pre-copy): it is copied after the stop",
                        "incus stop mary --timeout 45",
                        "incus copy mary mary-migrating --storage fast"),
                mary.subList(1, 4));
    }

    @Test
    void aStoppedInstanceIsNeitherStoppedNorStartedAndCopiedOnce() {
        List<String> naira =
                shown(MigrationPreview.step(instance("naira"), "fast", StopPolicy.defaults(), ROOT, false));
        assertEquals(
                "(taos-host) copy it with its snapshots to a temporary name on the target pool while it still runs:"
                        + " it is stopped, so it is copied in one go at step 4",
                naira.get(1));
        assertEquals("(taos-host) check it is still stopped (it was not running): nothing to do", naira.get(2));
        assertEquals(
                1,
                naira.stream()
                        .filter(line -> line.startsWith("incus copy naira"))
                        .count());
        assertEquals("(taos-host) leave it stopped, as it was: nothing to do", naira.get(naira.size() - 1));
    }
}
