package dev.taos.host.it;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A disposable Incus host: Debian bookworm with Incus 6.0 from backports, in Docker, incusd started by a small PID 1
 * script. The packaged jar is copied in and run as a user would run it; the busybox test image is at
 * {@link #BUSYBOX_IMAGE}. On stop, projects other than default (with all they hold), instances and pools are deleted
 * first so no loop device leaks (loop devices belong to the VM and are shared with every container).
 */
public class IncusHost extends GenericContainer<IncusHost> {

    public static final String IMAGE = "taos-incus-host:test";
    /** Every image the harness starts hosts from, for leak checks. */
    static final List<String> IMAGES = List.of(IMAGE, SystemdHost.IMAGE, "taos-bench-host:test");

    static final String JAR = "/opt/taos-host/taos-host.jar";
    static final String BUSYBOX_IMAGE = "/opt/images/busybox.tar.gz";
    static final Path PACKAGED_JAR = Path.of("target/taos-host.jar");
    /** The tests' own fault injection, which runs beside the packaged jar (never inside it): {@link HoldAt}. */
    private static final Path TEST_FAULTS = Path.of("target/test-classes/dev/taos/host/it");

    public IncusHost() {
        this(IMAGE, Wait.forSuccessfulCommand("incus admin waitready --timeout=2"));
    }

    protected IncusHost(String image, WaitStrategy ready) {
        super(DockerImageName.parse(image));
        requireDocker();
        if (!Files.exists(PACKAGED_JAR)) {
            throw new IllegalStateException("Failed to start an Incus host: " + PACKAGED_JAR
                    + " is missing. Run the ITs with mvn verify, which packages it first.");
        }
        // The network Testcontainers chose (withNetwork) lives in the host config this replaces: carried over.
        withCreateContainerCmdModifier(cmd -> cmd.withHostConfig(UnmaskedHostConfig.forIncus()
                .withNetworkMode(
                        cmd.getHostConfig() == null ? null : cmd.getHostConfig().getNetworkMode())));
        withCopyFileToContainer(MountableFile.forHostPath(PACKAGED_JAR), JAR);
        withCopyFileToContainer(MountableFile.forHostPath(TEST_FAULTS), "/opt/taos-host-test/dev/taos/host/it/");
        waitingFor(new WaitAllStrategy().withStrategy(ready).withStartupTimeout(Duration.ofSeconds(90)));
    }

    /** Each host this JVM started, by container id, with what marks its belongings on the VM. */
    static final Map<String, VmResources.Footprint> STARTED = new ConcurrentHashMap<>();

    /**
     * These machines' network accepts a TCP connection to any address, so Incus's check for a free bridge subnet (ping
     * and a connect to port 22 of its .1) finds every 10.x subnet taken. Refusing that connection inside the host makes
     * its network behave like a home LAN, where {@code incus network create incusbr0} picks a subnet itself.
     */
    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        STARTED.put(containerInfo.getId(), VmResources.footprint(containerInfo.getId()));
        sh("nft add table inet taos_test_lan && nft add chain inet taos_test_lan out '{ type filter hook output "
                + "priority 0; }'"
                + " && nft add rule inet taos_test_lan out ip daddr 10.0.0.0/8 tcp dport 22 reject with tcp "
                + "reset");
    }

    /** A missing Docker is a failure with directions, never a silent skip. */
    static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(
                    "Failed to find Docker for the integration tests: no engine answers on this machine. "
                            + "Run ./scripts/test.sh, which installs and starts one, or start dockerd yourself.");
        }
    }

    /** Every container (running or not) made from a host image, for leak checks. */
    static List<String> containersOfImage() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> IMAGES.contains(c.getImage()))
                .map(c -> c.getId())
                .sorted()
                .toList();
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError("Failed to " + what + ": exit " + exitCode + "\n" + stderr + stdout);
            }
            return this;
        }
    }

    /**
     * A shell command that starts {@code taos-host ARGS --json} in the background, held for good at {@code where} (see
     * {@link HoldAt}), its output in /tmp/migrate.log and its PID in /tmp/migrate.pid; {@link #awaitHeld} waits until
     * it is held.
     */
    static String heldAt(String where, String args) {
        // What the jar's manifest opens for java -jar (its Add-Opens), given by hand to java -cp.
        return "nohup java --add-opens java.base/sun.nio.fs=ALL-UNNAMED -cp " + JAR + ":/opt/taos-host-test "
                + HoldAt.class.getName() + " " + where + " " + args + " --json >/tmp/migrate.log 2>&1 &"
                + " echo $! >/tmp/migrate.pid";
    }

    void awaitHeld() {
        sh("for i in $(seq 1 600); do grep -q '" + HoldAt.HELD
                + "' /tmp/migrate.log && exit 0; sleep 0.1; done; cat /tmp/migrate.log >&2; exit 1");
    }

    /** Runs the packaged jar inside the host, as {@code java -jar taos-host.jar ARGS}. */
    public Result taosHost(String... args) {
        List<String> argv = new ArrayList<>(List.of("java", "-jar", JAR));
        argv.addAll(List.of(args));
        return exec(argv.toArray(String[]::new));
    }

    public Result exec(String... argv) {
        try {
            ExecResult result = execInContainer(argv);
            return new Result(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Failed to run " + String.join(" ", argv) + " in the Incus host: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs a shell snippet of the test's own (never user input) and fails the test if it fails. */
    public Result sh(String script) {
        return exec("sh", "-c", script).requireSuccess("run `" + script + "`");
    }

    /**
     * Puts an {@code incus} in front of the real one (earlier on PATH) that, for a command line matching the shell
     * pattern {@code args}, fails ({@code "fail"}), runs the real command and then fails as if it had not saved its
     * change ({@code "fail-after"}), hangs before running it ({@code "hang-before"}) or after ({@code "hang-after"}),
     * signals while the real command is still running ({@code "during"}), or runs it and then the test's own shell
     * commands as someone else would ({@code "after:COMMANDS"}), runs those before it ({@code "before:COMMANDS"}) or
     * while it runs ({@code "while:COMMANDS"}); each touches /tmp/fault-hit so the test knows it got there.
     */
    public void injectIncusFault(String args, String mode) {
        String action = switch (mode.contains(":") ? mode.substring(0, mode.indexOf(':')) : mode) {
            case "fail" -> "touch /tmp/fault-hit; echo 'Error: injected failure' >&2; exit 1";
            case "fail-after" ->
                "/usr/bin/incus \"$@\" </dev/null; touch /tmp/fault-hit; echo 'Error: injected failure after the "
                        + "change' >&2; exit 1";
            case "hang-before" -> "touch /tmp/fault-hit; exec sleep 600";
            case "hang-after" -> "/usr/bin/incus \"$@\" </dev/null; touch /tmp/fault-hit; exec sleep 600";
            case "during" -> "/usr/bin/incus \"$@\" </dev/null & sleep 0.3; touch /tmp/fault-hit; wait $!; exit $?";
            case "after" ->
                "/usr/bin/incus \"$@\" </dev/null; rc=$?; " + mode.substring("after:".length())
                        + "; touch /tmp/fault-hit; exit $rc";
            case "before" ->
                mode.substring("before:".length()) + "; touch /tmp/fault-hit; exec /usr/bin/incus \"$@\" </dev/null";
            case "while" ->
                "/usr/bin/incus \"$@\" </dev/null & " + mode.substring("while:".length())
                        + "; touch /tmp/fault-hit; wait $!; exit $?";
            default -> throw new IllegalArgumentException(mode);
        };
        String wrapper =
                "#!/bin/sh\ncase \"$*\" in\n  " + args + ") " + action + " ;;\nesac\nexec /usr/bin/incus \"$@\"\n";
        copyFileToContainer(Transferable.of(wrapper, 0755), "/usr/local/bin/incus");
    }

    public void removeIncusFault() {
        sh("rm -f /usr/local/bin/incus /tmp/fault-hit");
    }

    /** Waits up to a minute for an injected fault to be reached. */
    public void awaitFault() {
        sh("for i in $(seq 1 600); do [ -e /tmp/fault-hit ] && exit 0; sleep 0.1; done; echo 'the fault was never "
                + "reached' >&2; exit 1");
    }

    @Override
    public void stop() {
        if (isRunning()) {
            exec("sh", "-c", """
                    for p in $(incus project list -f csv -c n | sed 's/ (current)$//' | grep -vx default); do
                      echo yes | incus project delete --force "$p"
                    done
                    for i in $(incus list -c n -f csv); do incus delete -f "$i"; done
                    incus profile device remove default root 2>/dev/null
                    for p in $(incus storage list -f csv -c n); do
                      for v in $(incus storage volume list "$p" type=custom -c n -f csv); do
                        incus storage volume delete "$p" "$v"
                      done
                      incus image list -c f -f csv | while read -r f; do incus image delete "$f"; done
                      incus storage delete "$p"
                    done
                    pkill -TERM -x incusd; sleep 1
                    """);
        }
        super.stop();
    }
}
