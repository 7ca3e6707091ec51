package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.app.Host;
import dev.taos.host.apply.MigrationJournal;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.plan.StopPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * migrate's command line on the captured dir-with-agents host: selection rules, refusals and exit codes. Nothing runs.
 */
class MigrateCommandTest {

    @TempDir
    Path state;

    Host host() {
        return Host.readOnly((recorder, appUser) -> Fixtures.host("dir-with-agents"))
                .withStateDir(state);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--instances mary --all       | --instances=NAME[,NAME...], --all are mutually exclusive",
                "--instances mary --resume    | --instances=NAME[,NAME...], --resume are mutually exclusive",
                "--status --prune             | --status, --prune are mutually exclusive",
                "--status --force-stop        | --force-stop: it applies to a new migration only",
                "--prune --no-pre-copy        | --no-pre-copy: it applies to a new migration only",
                "--prune --parallel 2         | --parallel: it applies to a new migration or --resume only",
                "--prune --discard-writes     | --discard-writes: it applies to --rollback only",
                "--instances mary --parallel 0 | 0 is outside 1 to 8",
                "--all --parallel two         | \"two\" is not a whole number; give how many instances may migrate at "
                        + "once",
                "mary                         | instance names go after --rollback or --prune",
                "--rollback 9bad              | \"9bad\" is not a valid instance name",
                "--resume --to fast           | --to: it applies to a new migration only",
                "--instances mary --to a/b    | \"a/b\" is not a valid pool name",
                "--instances 'mary,-x'        | \"-x\" is not a valid instance name",
                "--instances all              | use --all for every candidate",
                "--bogus                      | Unknown option"
            })
    void badInputIsRefusedBeforeTheHostIsLookedAt(String args, String message) {
        var outcome = CliTest.runUntouched(("migrate " + args.replace("'", "")).split(" "));
        assertEquals(2, outcome.exit(), outcome.err());
        assertTrue(outcome.err().contains(message), outcome.err());
    }

    /**
     * The app's Pi: its agents in user-990 and an admin's web in project shared, each named as an operator types it.
     */
    @Test
    void candidatesComeFromEveryProjectUnlessOneIsNamed() {
        Host pi = Host.readOnly((recorder, appUser) -> Fixtures.host("app-pi")).withStateDir(state);
        var all = CliTest.run(pi, "migrate");
        assertEquals(0, all.exit(), all.err());
        assertTrue(
                all.out()
                        .matches("(?s).*shared/web\\s+default\\s+Running"
                                + ".*user-990/taos-agent-mary\\s+default\\s+Running.*"),
                all.out());
        assertTrue(all.out().contains("(PROJECT/NAME outside the default project, or give --project)"), all.out());
        var one = CliTest.run(pi, "migrate", "--project", "user-990");
        assertTrue(one.out().contains("user-990/taos-agent-naira") && !one.out().contains("shared/web"), one.out());
        var unknown = CliTest.run(pi, "plan", "--migrate", "taos-agent-mary");
        assertEquals(2, unknown.exit(), "a bare name is the default project's, as for incus: " + unknown.err());
        assertTrue(unknown.err().contains("there is no instance named \"taos-agent-mary\""), unknown.err());
        assertTrue(
                unknown.err().contains("(name one of another project as PROJECT/NAME, or give --project)"),
                unknown.err());
    }

    @Test
    void withoutASelectionItListsCandidatesAndChangesNothing() throws Exception {
        var outcome = CliTest.run(host(), "migrate");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(outcome.out().contains("none is touched unless you choose it"), outcome.out());
        assertTrue(outcome.out().matches("(?s).*stanley\\s+default\\s+Running.*"), outcome.out());
        assertTrue(
                outcome.out().contains("Choose with --instances NAME[,NAME...] or --all. Nothing has been changed."));
        try (var files = Files.list(state)) {
            assertEquals(
                    0,
                    files.filter(f -> f.getFileName().toString().startsWith("migration"))
                            .count());
        }
    }

    @Test
    void aDirTargetIsRefusedWithWhatToDo() {
        var outcome = CliTest.run(host(), "migrate", "--instances", "mary", "--yes");
        assertEquals(2, outcome.exit());
        assertTrue(
                outcome.err().contains("Failed to plan the migration: pool \"default\" is dir, not copy-on-write"),
                outcome.err());
        assertTrue(outcome.err().contains("run taos-host setup first"), outcome.err());
    }

    /**
     * Undoing a finished migration deletes the migrated instance with what it wrote since: said even with --yes, which
     * alone is not enough; nothing runs (a command here would fail the test).
     */
    @Test
    void aFinishedMigrationIsRolledBackUnattendedOnlyWithTheLossAccepted() {
        InstanceMigration done = InstanceMigration.planned("mary", "default", "fast", 1, StopPolicy.defaults())
                .withStatus(InstanceMigration.Status.DONE, null);
        new MigrationJournal(state).put(done);
        var refused = CliTest.run(host(), "migrate", "--rollback", "mary", "--yes");
        assertEquals(2, refused.exit(), refused.err());
        assertEquals(
                "\"mary\" finished its migration: rolling it back deletes the copy, with anything mary wrote since,"
                        + " and restarts the original \"mary-pre-migration\" as \"mary\".\n"
                        + "Failed to roll back mary: its migration finished, so rolling it back loses what it wrote"
                        + " since. Add --discard-writes to accept that with --yes, or leave --yes out to be asked.\n"
                        + "Nothing has been changed. Run taos-host migrate --help to see the accepted values.\n",
                refused.err());
        assertEquals(List.of(done), new MigrationJournal(state).read(), "nothing changed");
    }

    @Test
    void statusResumeRollbackAndPruneWithNothingRecorded() {
        assertEquals(
                "No migrations: taos-host migrate has not moved anything on this host.\n",
                CliTest.run(host(), "migrate", "--status").out());
        assertTrue(CliTest.run(host(), "migrate", "--resume").out().startsWith("Nothing to resume"));
        assertTrue(CliTest.run(host(), "migrate", "--rollback").out().startsWith("Nothing to roll back"));
        var prune = CliTest.run(host(), "migrate", "--prune", "mary");
        assertEquals(2, prune.exit());
        assertTrue(prune.err().contains("there is no migration of \"mary\" to prune"), prune.err());
        assertEquals(
                "{\"event\":\"result\",\"outcome\":\"nothing-to-do\",\"exitCode\":0,\"instances\":[]}\n",
                CliTest.run(host(), "migrate", "--resume", "--json").out());
    }
}
