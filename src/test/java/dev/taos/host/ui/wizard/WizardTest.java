package dev.taos.host.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.TestHost;
import dev.taos.host.app.ExitCode;
import dev.taos.host.app.InstallFlow;
import dev.taos.host.app.WizardFlow;
import dev.taos.host.cli.RequestOptions;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.PlanOutcome;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.core.plan.StopPolicy;
import dev.taos.host.core.units.UnitChoices;
import dev.taos.host.ui.Operator;
import dev.taos.host.ui.output.MigrateReport;
import dev.taos.host.ui.output.SetupReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The guided setup driven through a JLine virtual terminal with scripted keystrokes, on captured hosts. Applying is
 * recorded instead of done (the ITs apply for real), so each test sees the exact request the wizard would apply.
 */
class WizardTest {

    private static final String ENTER = "\r";
    private static final String CTRL_C = "\u0003";

    record Session(int exit, String screen, String err, List<InstallRequest> applied) {}

    private final List<String> ran = new ArrayList<>();

    @TempDir
    Path state;

    private Session wizard(String fixture, String type, boolean noColor, int width, String... lines)
            throws IOException {
        String keys = String.join(
                "",
                List.of(lines).stream()
                        .map(l -> l.equals(CTRL_C) ? l : l + ENTER)
                        .toList());
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<InstallRequest> applied = new ArrayList<>();
        var host = TestHost.captured(fixture, state, TestHost.recording(ran));
        // A DumbTerminal reads its input only when asked, so scripted keystrokes are taken one question at a time.
        try (Terminal terminal = new DumbTerminal(
                "wizard-test",
                type,
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                screen,
                StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(width, 40));
            var run = new WizardFlow(
                    host,
                    new WizardScreens(
                            new PrintStream(err, true, StandardCharsets.UTF_8), new WizardTerminal(terminal, noColor)),
                    confirmed -> {
                        applied.add(confirmed.request());
                        return ExitCode.OK;
                    });
            int exit = run.run(InstallRequest.defaults()).code();
            return new Session(
                    exit, screen.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), applied);
        }
    }

    private Session wizard(String fixture, String... lines) throws IOException {
        return wizard(fixture, Terminal.TYPE_DUMB, true, 100, lines);
    }

    private static InstallRequest request(
            DriverChoice driver, Optional<ByteSize> size, MigrateSelection migrate, boolean fetch, boolean grow) {
        return new InstallRequest(
                driver,
                Optional.empty(),
                size,
                Optional.empty(),
                migrate,
                StopPolicy.defaults(),
                new UnitChoices(Optional.of(fetch), Optional.of(grow), Optional.of(false)),
                Map.of(),
                AppChoice.defaults());
    }

    @Test
    void onAClusterMemberItShowsTheMembersAsATableAndSizesEachMembersLoopFile() throws IOException {
        Session session = wizard("cluster", "", "", "", "", "", "", "y");

        assertEquals(0, session.exit(), session.screen());
        assertTrue(
                session.screen()
                        .matches("(?s).*MEMBER +STATUS +ARCH +DRIVERS +POOLS HERE\n +m1 \\(this one\\) +Online +x86_64 "
                                + "+btrfs, dir +legacy Created.*"),
                session.screen());
        assertTrue(
                session.screen().contains("Each of the cluster's 3 members gets a sparse loop file of its own"),
                session.screen());
        assertTrue(
                session.screen()
                        .contains("Instances on other members migrate on their own member: run taos-host migrate there "
                                + "for two (on m2),"
                                + " three (on m3)."),
                session.screen());
        assertTrue(
                session.screen()
                        .matches(
                                "(?s).*Creating btrfs pool \"\\S+\" on each of the cluster's 3 members \\(m1 a [0-9.]+ "
                                        + "GiB loop file, m2 a .*"),
                session.screen());
        assertEquals(1, session.applied().size(), session.screen());
    }

    @Test
    void aFreshHostTakesTheDefaultsWithEnterAlone() throws IOException {
        Session session = wizard("fresh", "", "", "", "", "", "", "", "");

        assertEquals(0, session.exit(), session.screen());
        assertEquals(
                List.of(request(DriverChoice.BTRFS, Optional.empty(), MigrateSelection.none(), false, false)),
                session.applied());
        assertTrue(session.screen().contains("  1) btrfs  recommended: copy-on-write snapshots"), session.screen());
        assertTrue(session.screen().contains("  -  zfs    not available: "), session.screen());
        assertTrue(session.screen().contains("Backend [btrfs]: "), session.screen());
        assertTrue(session.screen().contains("Pool name [default]: "), session.screen());
        assertTrue(session.screen().contains("Size (like 50GiB or 512MiB) [50GiB]: "), session.screen());
        assertTrue(
                session.screen().contains("Creating btrfs pool \"default\" (50.0 GiB loop file)\n"), session.screen());
        assertTrue(session.screen().contains("Apply this plan? [Y/n] "), session.screen());
        assertFalse(session.screen().contains("Existing containers"), "a fresh host has no instances to offer");
        assertEquals(List.of(), ran, "the wizard itself runs nothing");
    }

    @Test
    void aDirHostWithAgentsPicksNoneUnlessToldAndAsksWithDefaultNo() throws IOException {
        Session session = wizard("dir-with-agents", "", "", "", "mary", "", "", "", "", "y", "");

        assertEquals(
                List.of(request(
                        DriverChoice.BTRFS,
                        Optional.empty(),
                        new MigrateSelection.Named(List.of("mary")),
                        false,
                        false)),
                session.applied());
        String screen = session.screen();
        assertTrue(screen.matches("(?s).*\\[ ] +1 +mary +Running +default .*~\\d+ s \\(up to \\d+ s\\)\n.*"), screen);
        assertTrue(screen.contains("Stop it forcibly if it has not stopped after 30 s? [y/N] "), screen);
        assertTrue(screen.contains("Containers to migrate (numbers or names, commas between; none) [none]: "), screen);
        assertTrue(screen.contains("  [x] mary\n  [ ] naira\n  [ ] stanley\n"), screen);
        assertTrue(screen.contains("Pool name [taos-btrfs]: "), screen);
        assertTrue(screen.contains("Then migrate mary to the pool above"), screen);
        assertTrue(
                screen.contains("until taos-host migrate --prune. The other 2 instance(s) stay where they are.\n"),
                screen);
        assertFalse(
                screen.contains("Existing instances stay where they are"),
                "no note says mary stays where she is above the line that migrates her");
        assertTrue(screen.contains("Apply this plan? [y/N] "), screen);
    }

    /**
     * The app deploys through incus-user into user-990: the wizard says so, names what its deploy lacks and asks before
     * changing it.
     */
    @Test
    void onTheAppsPiItAsksBeforeChangingTheAppsProject() throws IOException {
        Session session = wizard("app-pi", "", "", "", "n", "user-990/taos-agent-naira", "", "", "", "y", "");

        String screen = session.screen();
        assertTrue(
                screen.contains(
                        "== The taOS app's deploys\nThe app's user taos (uid 990, the owner of the app's directory) "
                                + "deploys through incus-user"
                                + " (group incus), in project user-990.\n"),
                screen);
        assertTrue(
                screen.contains("  - the app's project allows its proxy devices: no "
                        + "(restricted.devices.proxy=(unset: block): the app's deploys fail at their proxy step"
                        + " (\"Proxy devices are forbidden\"))\n"),
                screen);
        assertTrue(screen.contains("Prepare the app's deploys (this changes project user-990)? [Y/n] "), screen);
        assertTrue(screen.matches("(?s).*\\[ ] +\\d +user-990/taos-agent-naira +Stopped +default .*"), screen);
        assertTrue(screen.contains("The taOS app's door is left as it is (--no-prepare-app)"), screen);
        assertEquals(1, session.applied().size(), screen);
        InstallRequest applied = session.applied().get(0);
        assertFalse(applied.app().prepare(), "the operator said no");
        assertEquals(new MigrateSelection.Named(List.of("user-990/taos-agent-naira")), applied.migrate());
    }

    /** Allowing proxy devices hands the app's user root's power: said, and asked on its own. */
    @Test
    void onTheAppsPiThePriceOfProxyDevicesIsNamedAndTheOperatorMayDecline() throws IOException {
        Session session = wizard("app-pi", "", "", "", "y", "n", "", "", "", "", "y", "");

        String screen = session.screen();
        assertTrue(
                screen.contains("Proxy devices: the app adds two to each agent (its gateways to LiteLLM and to the"
                        + " app) and cannot deploy without them. Incus allows them per project, all or none: a proxy's"
                        + " host side connects as root to any address or socket on this host, root's Incus socket"
                        + " included, so whoever controls the user taos can act as root here. Without them the app's"
                        + " deploys fail at their proxy step.\n"),
                screen);
        assertTrue(screen.contains("Allow proxy devices in the app's project? [Y/n] "), screen);
        assertTrue(
                screen.contains("Declined (--no-app-proxies): the app's deploys will fail at their proxy step"),
                screen);
        assertEquals(1, session.applied().size(), screen);
        assertTrue(session.applied().get(0).app().prepare());
        assertFalse(session.applied().get(0).app().proxies(), "the operator declined them");
    }

    @Test
    void enterAloneAtTheConfirmationLeavesAgentsUntouched() throws IOException {
        Session session = wizard("dir-with-agents", "", "", "", "1,3", "", "", "", "", "");

        assertEquals(130, session.exit());
        assertEquals(List.of(), session.applied());
        assertTrue(session.screen().contains("Nothing has been changed.\n"), session.screen());
    }

    @Test
    void anInvalidSizeIsAskedAgainWithTheReason() throws IOException {
        Session session = wizard("fresh", "", "", "lots", "-5G", "2GiB", "900TiB", "20GiB", "", "", "", "", "");

        assertEquals(
                List.of(request(
                        DriverChoice.BTRFS, Optional.of(ByteSize.ofGiB(20)), MigrateSelection.none(), false, false)),
                session.applied());
        String screen = session.screen();
        assertTrue(screen.contains("  \"lots\" is not a size; write it like 50GiB"), screen);
        assertTrue(screen.contains("  \"-5G\" is not a size"), screen);
        assertTrue(
                screen.matches(
                        "(?s).*  Failed to plan the pool size: [^\n]*2\\.0 GiB[^\n]*\\. Type another size\\.\n.*"),
                screen);
        assertTrue(
                screen.matches(
                        "(?s).*  Failed to plan the pool size: [^\n]*900\\.0 TiB[^\n]*\\. Type another size\\.\n.*"),
                screen);
        assertFalse(screen.contains("--size"), "advice for the answer typed, not for flags: " + screen);
        assertEquals(5, screen.split("Size \\(like 50GiB or 512MiB\\)", -1).length - 1, screen);
    }

    @Test
    void invalidChoicesAreAskedAgain() throws IOException {
        Session session = wizard(
                "dir-with-agents",
                "zfs",
                "7",
                "1",
                "bad/name",
                "",
                "",
                "ghost",
                "4",
                "2",
                "maybe",
                "",
                "",
                "",
                "y",
                "");

        assertEquals(
                List.of(request(
                        DriverChoice.BTRFS,
                        Optional.empty(),
                        new MigrateSelection.Named(List.of("naira")),
                        false,
                        false)),
                session.applied());
        String screen = session.screen();
        assertTrue(
                screen.contains("  \"zfs\" is not offered. Type a number from 1 to 1 or the backend's name."), screen);
        assertTrue(screen.contains("  \"bad/name\" is not a valid pool name"), screen);
        assertTrue(screen.contains("  \"ghost\" is not one of the containers listed."), screen);
        assertTrue(screen.contains("  \"4\" is not one of the containers listed."), screen);
        assertTrue(screen.contains("  Answer yes or no."), screen);
    }

    @Test
    void ctrlCMidwayChangesNothing() throws IOException {
        Session session = wizard("dir-with-agents", "", "my-pool", CTRL_C);

        assertEquals(130, session.exit());
        assertTrue(session.screen().endsWith("Interrupted: nothing has been changed.\n"), session.screen());
        assertEquals(List.of(), session.applied());
        assertEquals(List.of(), ran);
        try (var files = Files.list(state)) {
            assertEquals(List.of(), files.toList(), "no journal, lock or answers were written");
        }
    }

    @Test
    void endOfInputIsTheSameAsCtrlC() throws IOException {
        Session session = wizard("fresh", "");

        assertEquals(130, session.exit());
        assertTrue(session.screen().endsWith("Interrupted: nothing has been changed.\n"), session.screen());
        assertEquals(List.of(), session.applied());
    }

    @Test
    void savedAnswersReadBackAsTheRequestItApplied() throws IOException {
        Path answers = state.resolve("answers.yaml");
        Session session = wizard(
                "dir-with-agents",
                "",
                "agents",
                "30GiB",
                "stanley, mary",
                "y",
                "y",
                "y",
                "y",
                "y",
                "y",
                answers.toString());

        assertEquals(1, session.applied().size(), session.screen());
        InstallRequest applied = session.applied().get(0);
        assertEquals(
                new InstallRequest(
                        DriverChoice.BTRFS,
                        Optional.of("agents"),
                        Optional.of(ByteSize.ofGiB(30)),
                        Optional.empty(),
                        new MigrateSelection.Named(List.of("stanley", "mary")),
                        new StopPolicy(30, true, true),
                        new UnitChoices(Optional.of(true), Optional.of(true), Optional.of(true)),
                        Map.of(),
                        AppChoice.defaults()),
                applied);
        assertTrue(
                session.screen().contains("Stop it forcibly if it has not stopped after 30 s? [y/N]"),
                session.screen());
        assertTrue(
                session.screen()
                        .contains("Saved " + answers + ". Replay it with: sudo ./install.sh --unattended --answers "
                                + answers),
                session.screen());
        RequestOptions options = new RequestOptions();
        new CommandLine(options).parseArgs("--answers", answers.toString());
        assertEquals(applied, options.toRequest(), "the flags' own reading of the saved file");
    }

    @Test
    void anExistingAnswersFileIsNotOverwritten() throws IOException {
        Path answers = Files.writeString(state.resolve("kept.yaml"), "mine\n");
        Session session = wizard(
                "fresh",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "y",
                answers.toString(),
                state.resolve("new.yaml").toString());

        assertTrue(session.screen().contains(answers + " already exists. Give another file name."), session.screen());
        assertEquals("mine\n", Files.readString(answers));
        assertTrue(Files.readString(state.resolve("new.yaml")).contains("driver: btrfs\n"));
    }

    @Test
    void aCopyOnWriteHostSkipsTheStorageQuestions() throws IOException {
        Session session = wizard("btrfs-already", "", "", "");

        assertTrue(session.screen().contains("is already btrfs: agents launch copy-on-write."), session.screen());
        assertFalse(session.screen().contains("Backend ["), session.screen());
    }

    @Test
    void colorsOnlyOnACapableTerminalWithoutNoColor() throws IOException {
        assertTrue(
                wizard("fresh", "xterm-256color", false, 100, "").screen().contains("\u001b["), "headings are colored");
        assertFalse(wizard("fresh", "xterm-256color", true, 100, "").screen().contains("\u001b[36;1m"), "NO_COLOR");
        String dumb = wizard("fresh", Terminal.TYPE_DUMB_COLOR, false, 100, "").screen();
        assertFalse(dumb.contains("\u001b"), dumb);
        assertTrue(dumb.contains("== Storage backend for the new pool"), dumb);
    }

    @Test
    void aPlanThatChangedAfterItWasShownIsNotApplied() {
        var shown = (PlanOutcome.Plan) Planner.plan(Fixtures.host("fresh"), InstallRequest.defaults());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var host =
                TestHost.captured("dir-with-agents", state, TestHost.refusing()).withFiles(facts -> Optional.empty());
        var install = new InstallFlow(
                host,
                new SetupReport(out, new PrintStream(err, true, StandardCharsets.UTF_8), false, Operator.absent()),
                new MigrateReport(out, out, false, Operator.absent()));

        assertEquals(
                3, install.apply(InstallRequest.defaults(), Optional.of(shown)).code());
        assertTrue(err.toString(StandardCharsets.UTF_8)
                .startsWith("Failed to apply the plan: the host changed while the questions were asked"));
    }

    @Test
    void tablesFitTheTerminalWidth() throws IOException {
        String screen =
                wizard("dir-with-agents", Terminal.TYPE_DUMB, true, 60, "").screen();
        List<String> tableLines = screen.lines().filter(l -> l.contains("NAME")).toList();
        assertFalse(tableLines.isEmpty(), screen);
        tableLines.forEach(l -> assertTrue(l.length() <= 60, l.length() + ": " + l));
    }
}
