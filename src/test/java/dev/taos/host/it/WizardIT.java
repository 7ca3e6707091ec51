package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guided setup as an operator meets it: the packaged jar in a real pseudo-terminal ({@code script}) on a fresh
 * host, keystrokes typed in; then its saved answers replayed with --unattended on a second fresh host, which must end
 * in the same verified state.
 */
@ExtendWith(NoLeaks.class)
class WizardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWERS = "/root/answers.yaml";

    /**
     * Enter for backend and pool, 20GiB for the size (typed, so it is saved: a default size is each host's own, from
     * its free space, which two hosts on one disk need not share); no, no, no for the services; Enter to apply; yes to
     * saving, and where.
     */
    private static final String KEYS = "\\r\\r20GiB\\rn\\rn\\rn\\r\\ry\\r" + ANSWERS + "\\r";

    @Test
    void theWizardInAPtyConfiguresAHostAndItsAnswersReplayTheSameOnAnother() throws Exception {
        try (IncusHost first = new IncusHost();
                IncusHost second = new IncusHost()) {
            first.start();
            second.start();

            IncusHost.Result wizard = first.exec(
                    "sh",
                    "-c",
                    "cd /root && printf '" + KEYS + "' | TERM=xterm-256color NO_COLOR=1 " + "script -qfec 'java -jar "
                            + IncusHost.JAR + "' /dev/null");
            String screen = wizard.stdout();
            // Kept for the operator: docs/answers.md's recorded session comes from this file.
            Files.writeString(Path.of("target/wizard-session.txt"), screen);
            assertEquals(0, wizard.exitCode(), screen + wizard.stderr());
            assertTrue(screen.contains("1) btrfs  recommended:"), screen);
            assertTrue(screen.contains("Apply this plan? [Y/n]"), screen);
            assertTrue(screen.contains("Creating btrfs pool \"default\""), screen);
            assertTrue(screen.contains("checks hold"), screen);
            assertTrue(
                    screen.contains("Saved " + ANSWERS + ". Replay it with: sudo ./install.sh --unattended --answers "
                            + ANSWERS),
                    screen);
            assertTrue(
                    !screen.contains("\u001b[36;1m") && screen.contains("== Pool name"),
                    "NO_COLOR keeps headings plain");
            String answers = first.sh("cat " + ANSWERS).stdout();
            assertTrue(
                    answers.contains("version: 1\ndriver: btrfs\nsize: 20GiB\nmigrate: none\nfetch-base-image: "
                            + "false\npool-autogrow: false\n"),
                    answers);

            second.sh("cat > " + ANSWERS + " <<'EOF'\n" + answers + "EOF");
            IncusHost.Result replay = second.taosHost("--unattended", "--answers", ANSWERS, "--json");
            assertEquals(0, replay.exitCode(), replay.stdout() + replay.stderr());
            List<JsonNode> events = new ArrayList<>();
            for (String line : replay.stdout().split("\n")) {
                events.add(JSON.readTree(line));
            }
            assertEquals("plan", events.get(0).get("event").asText(), replay.stdout());
            assertEquals(
                    List.of("started", "done"),
                    events.stream()
                            .filter(e -> e.get("event").asText().equals("step")
                                    && e.get("number").asInt() == 1)
                            .map(e -> e.get("state").asText())
                            .toList());
            JsonNode result = events.get(events.size() - 1);
            assertEquals("result", result.get("event").asText());
            assertEquals("applied", result.get("outcome").asText());
            assertEquals(0, result.get("exitCode").asInt());

            assertEquals(verified(first), verified(second));
            String storage =
                    "incus storage get default size; incus storage info default | grep -i 'driver'; incus profile "
                            + "device get default root pool";
            assertEquals(first.sh(storage).stdout(), second.sh(storage).stdout());
        }
    }

    /**
     * The wizard on a host with agents on its dir pool, picking mary (with 200 MB more to copy): the copy's progress
     * bar is drawn in the terminal, and the plan says only the others stay. docs/answers.md's migration session comes
     * from this one.
     */
    @Test
    void theWizardMigratingAnAgentShowsItsCopyProgress() throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.dirWithAgents(host);
            host.sh("incus exec mary -- dd if=/dev/urandom of=/srv/agent/bulk bs=1M count=200 2>/dev/null");
            Consent consent = Consent.record(host);
            // Enter for backend, pool and size; mary; no forced stop; no, no, no for the services; yes to apply; no to
            // saving.
            IncusHost.Result wizard = host.exec(
                    "sh",
                    "-c",
                    "cd /root && printf '\\r\\r\\rmary\\rn\\rn\\rn\\rn\\ry\\rn\\r' | TERM=xterm-256color NO_COLOR=1 "
                            + "script -qfec 'java -jar " + IncusHost.JAR + "' /dev/null");
            String screen = wizard.stdout();
            Files.writeString(Path.of("target/wizard-migrate-session.txt"), screen);
            assertEquals(0, wizard.exitCode(), screen + wizard.stderr());
            assertTrue(
                    screen.contains("until taos-host migrate --prune. The other 2 instance(s) stay where they are."),
                    screen);
            assertTrue(!screen.contains("Existing instances stay where they are"), screen);
            assertTrue(
                    screen.matches("(?s).*\\r    mary copy +\\[#*\\.+] +\\d+% [0-9.]+ MiB of [0-9.]+ MiB *\\r.*"),
                    "a bar while the copy runs: " + screen);
            assertTrue(
                    screen.matches("(?s).*\\r    mary copy +\\[#{30}] 100% ([0-9.]+ MiB) of \\1 *\\r?\\n.*"),
                    "and full when it is done: " + screen);
            assertTrue(screen.contains("[mary 10/10] Start it again"), screen);
            assertEquals("taos-btrfs,running", Agents.where(host, "mary"));
            consent.assertUntouchedExcept("mary");
        }
    }

    @Test
    void unattendedWithYesMigratesOnlyTheNamedAgentAndEndsWithMigratesResult() throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.agentsAfterSetup(host);
            String naira = Agents.fingerprint(host, "legacy", "naira");
            Consent consent = Consent.record(host);

            IncusHost.Result refused = host.taosHost("--unattended", "--migrate", "mary");
            assertEquals(2, refused.exitCode(), refused.stderr());
            assertEquals("legacy,running", Agents.where(host, "mary"));

            IncusHost.Result run = host.taosHost("--unattended", "--yes", "--migrate", "mary", "--json");
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            String[] lines = run.stdout().split("\n");
            JsonNode result = JSON.readTree(lines[lines.length - 1]);
            assertEquals("result", result.get("event").asText());
            assertEquals("mary", result.get("instances").get(0).get("name").asText(), result.toString());
            assertEquals("default,running", Agents.where(host, "mary"));
            assertEquals("legacy,stopped", Agents.where(host, "naira"));
            assertEquals(naira, Agents.fingerprint(host, "legacy", "naira"));
            consent.assertUntouchedExcept("mary");
        }
    }

    @Test
    void ctrlCInThePtyLeavesTheHostAsItWas() throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            String before = host.sh("incus storage list -f csv; incus profile show default; ls -A /var/lib/taos-host "
                            + "2>/dev/null || true")
                    .stdout();
            // Each key is typed once its question is on the screen, so the Ctrl-C reaches the wizard rather than the
            // JVM's start.
            IncusHost.Result wizard = host.exec(
                    "sh",
                    "-c",
                    "mkfifo /tmp/keys; (" + typeWhenShown("Backend \\[", "\\r") + "; "
                            + typeWhenShown("Pool name \\[", "\\003")
                            + ") > /tmp/keys & TERM=xterm-256color timeout 120 script -qfec 'java -jar "
                            + IncusHost.JAR + "' /tmp/screen < /tmp/keys");
            assertEquals(130, wizard.exitCode(), wizard.stdout() + wizard.stderr());
            assertTrue(wizard.stdout().contains("Interrupted: nothing has been changed."), wizard.stdout());
            assertEquals(
                    before,
                    host.sh("incus storage list -f csv; incus profile show default; ls -A /var/lib/taos-host "
                                    + "2>/dev/null || true")
                            .stdout());
        }
    }

    private static String typeWhenShown(String pattern, String key) {
        return "until grep -q '" + pattern + "' /tmp/screen 2>/dev/null; do sleep 0.2; done; printf '" + key + "'";
    }

    /** The check names and whether each holds, from verify --json. */
    private static List<String> verified(IncusHost host) throws Exception {
        JsonNode verify = JSON.readTree(
                host.taosHost("verify", "--json").requireSuccess("verify").stdout());
        List<String> checks = new ArrayList<>();
        verify.get("checks")
                .forEach(c ->
                        checks.add(c.get("name").asText() + " " + c.get("ok").asBoolean()));
        return checks;
    }
}
