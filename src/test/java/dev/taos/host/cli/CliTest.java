package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taos.host.Fixtures;
import dev.taos.host.Main;
import dev.taos.host.app.Host;
import dev.taos.host.ui.Operator;
import dev.taos.host.ui.output.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as an operator meets it, on captured hosts: exit codes, messages, JSON. */
class CliTest {

    record Outcome(int exit, String out, String err) {}

    static Outcome run(String fixture, String... args) {
        return run(Host.readOnly((recorder, appUser) -> Fixtures.host(fixture, appUser)), args);
    }

    /** A host that fails the test if anything asks it: bad input must be refused before the host is looked at. */
    static Outcome runUntouched(String... args) {
        return run(
                Host.readOnly((recorder, appUser) -> {
                    throw new AssertionError("the host was probed for invalid input");
                }),
                args);
    }

    static Outcome run(Host host, String... args) {
        return run(host, Operator.absent(), args);
    }

    static Outcome run(Host host, Operator operator, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                host,
                operator,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plan --driver xfs | Failed to read --driver: \"xfs\" is not a driver; choose one of auto, btrfs, zfs, "
                        + "lvm",
                "plan --size 0 | Failed to read --size: \"0\" is zero",
                "plan --size lots | Failed to read --size: \"lots\" is not a size",
                "plan --size -5G | Failed to read --size: \"-5G\" is not a size",
                "plan --pool a/b | Failed to read --pool: \"a/b\" is not a valid pool name",
                "plan --migrate bad_name | Failed to read --migrate: \"bad_name\" is not a valid instance name",
                "plan --size 20G --source /dev/sdb | Failed to read --source: --size and --source cannot be combined",
                "plan --bogus | Failed to read the command line: Unknown option: '--bogus'",
                "frobnicate | Failed to read the command line: Unmatched argument at index 0: 'frobnicate'"
            })
    void invalidInputExitsTwoWithAMessageAndProbesNothing(String line, String message) {
        Outcome outcome = runUntouched(line.trim().split(" "));
        assertEquals(2, outcome.exit(), outcome.err());
        assertTrue(outcome.err().startsWith(message), outcome.err());
        assertTrue(outcome.out().isEmpty());
    }

    /**
     * plan --migrate previews a migration in the app's project with every incus command in that project and its files
     * at PROJECT_NAME.
     */
    @Test
    void planPreviewsAMigrationInAnotherProject() {
        Outcome outcome = run("app-pi", "plan", "--migrate", "user-990/taos-agent-naira");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(
                outcome.out().contains("Migrating \"user-990/taos-agent-naira\" (stopped: stays stopped"),
                outcome.out());
        assertTrue(
                outcome.out()
                        .contains("$ incus copy taos-agent-naira taos-agent-naira-migrating --storage taos-btrfs "
                                + "--project user-990\n"),
                outcome.out());
        assertTrue(outcome.out().contains("/default/containers/user-990_taos-agent-naira/rootfs/ "), outcome.out());
        assertTrue(
                outcome.out()
                                .contains(
                                        "is in restricted project user-990, where Incus lets no one set an instance's "
                                                + "cloud-init id")
                        || outcome.out()
                                .contains("$ incus config set taos-agent-naira-migrating volatile.eth0.hwaddr="),
                outcome.out());
    }

    @Test
    void detectNamesTheAppsDoorAndWhatItsNextDeployLacks() {
        Outcome outcome = run("app-pi", "detect");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(
                outcome.out()
                        .contains("taOS app    the app's user taos (uid 990, the owner of the app's directory) deploys "
                                + "through incus-user"
                                + " (group incus), in project user-990\n"),
                outcome.out());
        assertTrue(outcome.out().contains("App deploys not ready (taos-host setup prepares them)\n"), outcome.out());
        assertTrue(
                outcome.out()
                        .matches("(?s).*Projects    PROJECT +PROFILES +ROOT POOL +RESTRICTED +INSTANCES\n.*user-990 "
                                + "+own +default \\(dir\\)"
                                + " +yes, no proxy devices +3\n.*"),
                outcome.out());
        Outcome ghost = run("app-pi", "detect", "--app-user", "ghost");
        assertTrue(ghost.out().contains("taOS app    there is no user \"ghost\" on this host\n"), ghost.out());
    }

    /** Every command explains itself, by --help or by help CMD, and lists its own flags; nothing is probed for it. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "detect | --json",
                "plan | --driver",
                "setup | --dry-run",
                "migrate | --[no-]force-stop",
                "verify | --json",
                "pool-watch | --help",
                "bench | --runs",
                "fetch-base-image | --retry",
                "image | prune"
            })
    void everyCommandHasHelpListingItsFlags(String command, String flag) {
        for (String[] line : new String[][] {{command, "--help"}, {"help", command}, {command, "-h"}}) {
            Outcome outcome = runUntouched(line);
            assertEquals(0, outcome.exit(), String.join(" ", line) + ": " + outcome.err());
            assertTrue(outcome.out().startsWith("Usage: taos-host " + command), outcome.out());
            assertTrue(outcome.out().contains(flag), outcome.out());
        }
    }

    @Test
    void helpForACommandThatDoesNotExistIsAnErrorNotTheTopLevelHelp() {
        Outcome outcome = runUntouched("imagez", "--help");
        assertEquals(2, outcome.exit(), outcome.out());
        assertTrue(
                outcome.err()
                        .startsWith(
                                "Failed to read the command line: \"imagez\" is not a command or option of taos-host"),
                outcome.err());
        assertEquals(2, runUntouched("help", "imagez").exit());
    }

    @Test
    void noCommandExitsTwoAndSaysWhatToRun() {
        Outcome outcome = runUntouched();
        assertEquals(2, outcome.exit());
        assertTrue(outcome.err().contains("taos-host detect"), outcome.err());
    }

    @Test
    void planPrintsNumberedStepsWithTheirCommands() {
        Outcome outcome = run("fresh", "plan");
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(
                outcome.out()
                        .contains("[1/3] Creating btrfs pool \"default\" (50.0 GiB loop file)\n"
                                + "      $ incus storage create default btrfs size=50GiB\n"),
                outcome.out());
        assertTrue(outcome.out().endsWith("This is a plan only: nothing has been changed.\n"));
    }

    @Test
    void unknownInstanceToMigrateExitsTwo() {
        Outcome outcome = run("dir-with-agents", "plan", "--migrate", "ghost");
        assertEquals(2, outcome.exit());
        assertTrue(
                outcome.err()
                        .startsWith("Failed to plan the migration of \"ghost\": there is no instance named \"ghost\"\n"
                                + "What to do:\n  - existing instances: mary, naira, stanley\n"),
                outcome.err());
    }

    @Test
    void unsupportedHostExitsThree() {
        Outcome outcome = run("no-cow-driver", "plan");
        assertEquals(3, outcome.exit());
        assertTrue(
                outcome.err()
                        .startsWith("Failed to plan a copy-on-write pool: no way to create one applies on this host:"),
                outcome.err());
    }

    /**
     * plan --migrate previews each chosen instance with the protocol's own steps (MigrationPreviewTest has them one by
     * one).
     */
    @Test
    void planMigrateAddsTheProtocolsStepsForTheChosenInstancesOnly() throws Exception {
        JsonNode plan = Json.mapper()
                .readTree(run("dir-with-agents", "plan", "--migrate", "mary,stanley", "--json")
                        .out());
        List<JsonNode> migrations = new ArrayList<>();
        plan.get("steps").forEach(step -> {
            if (step.get("kind").asText().equals("MIGRATE_INSTANCE")) {
                migrations.add(step);
            }
        });
        assertEquals(2, migrations.size(), plan.toString());
        assertTrue(
                migrations.get(0).get("description").asText().startsWith("Migrating \"mary\" (running"),
                migrations.get(0).toString());
        String stanley = migrations.get(1).get("actions").toString();
        assertTrue(
                stanley.contains("[\"incus\",\"copy\",\"stanley\",\"stanley-migrating\","
                        + "\"--storage\",\"taos-btrfs\",\"--allow-inconsistent\"]"),
                stanley);
        assertTrue(stanley.contains("[\"incus\",\"rename\",\"stanley\",\"stanley-pre-migration\"]"), stanley);
        JsonNode all = Json.mapper()
                .readTree(run("dir-with-agents", "plan", "--migrate", "all", "--json")
                        .out());
        assertEquals(
                3,
                all.get("steps").findValues("kind").stream()
                        .filter(k -> k.asText().equals("MIGRATE_INSTANCE"))
                        .count());
    }

    @Test
    void planJsonHasTheDocumentedShape() throws Exception {
        JsonNode plan =
                Json.mapper().readTree(run("dir-with-agents", "plan", "--json").out());
        assertEquals("plan", plan.get("outcome").asText());
        assertEquals(0, plan.get("exitCode").asInt());
        JsonNode create = plan.get("steps").get(0);
        assertEquals("CREATE_POOL", create.get("kind").asText());
        assertEquals("run", create.get("actions").get(0).get("type").asText());
        assertEquals(
                "[\"incus\",\"storage\",\"create\",\"taos-btrfs\",\"btrfs\",\"size=50GiB\"]",
                create.get("actions").get(0).get("argv").toString());
        assertEquals(50L << 30, plan.get("sizing").get("chosen").asLong());

        JsonNode nothing =
                Json.mapper().readTree(run("btrfs-already", "plan", "--json").out());
        assertEquals("nothing-to-do", nothing.get("outcome").asText());
        JsonNode refused =
                Json.mapper().readTree(run("no-cow-driver", "plan", "--json").out());
        assertEquals("refused", refused.get("outcome").asText());
        assertEquals(3, refused.get("exitCode").asInt());
        assertEquals("UNSUPPORTED_HOST", refused.get("refusal").get("reason").asText());
    }

    @Test
    void detectSummarisesTheHostAndItsInstances() {
        Outcome outcome = run("dir-with-agents", "detect");
        assertEquals(0, outcome.exit());
        assertTrue(outcome.out().contains("Incus       6.0.4, drivers btrfs, dir"), outcome.out());
        assertTrue(
                outcome.out().matches("(?s).*stanley +Running +default .* snap0,snap1 +default/stanley-data\n.*"),
                outcome.out());
        assertTrue(
                outcome.out().matches("(?s).*default +dir +\\S+ +fs 251\\.0 GiB +0 B +1\n.*"),
                "a dir pool holds what its instances use, not the host filesystem's 26.0 GiB: " + outcome.out());
    }

    @Test
    void detectJsonIsTheWholeRecord() throws Exception {
        JsonNode facts =
                Json.mapper().readTree(run("not-installed", "detect", "--json").out());
        assertEquals(1, facts.get("schemaVersion").asInt());
        assertEquals("NOT_INSTALLED", facts.get("incus").get("status").asText());
        assertEquals("x86_64", facts.get("host").get("arch").asText());
        assertTrue(facts.get("tools").has("btrfs"));
    }
}
