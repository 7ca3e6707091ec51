package dev.taos.host.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The taOS app's deploy of one agent, command by command as upstream's deployer runs them, as the app's user, so its
 * {@code incus} talks to incus-user and lands in the user's own project; like the app, it stops at the first command
 * that fails. The commands are written once, in the test hosts' {@code app-deploy.sh} (src/test/docker/images), which
 * bench-deploy.sh times too; this reads what it reports.
 */
final class AppDeploy {

    static final String IMAGE = "taos-openclaw-base";
    static final String SCRIPT = "/opt/test-images/app-deploy.sh";

    /**
     * One command of the deploy as it ran, with the phase of the deploy it belongs to (launch, idmap, limits, devices,
     * address).
     */
    record Command(String phase, String line, int exitCode, String stderr, Duration took) {
        boolean failed() {
            return exitCode != 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " in " + took.toMillis() + " ms: " + line
                    + (stderr.isBlank() ? "" : "\n    " + stderr.strip());
        }
    }

    /** Every command run, in order; the agent's address, or "" when it never printed one. */
    record Result(String agent, List<Command> ran, String address) {
        Optional<Command> firstFailure() {
            return ran.stream().filter(Command::failed).findFirst();
        }

        @Override
        public String toString() {
            return "the app's deploy of " + agent + ":\n  "
                    + ran.stream().map(Command::toString).collect(Collectors.joining("\n  ")) + "\n  address: "
                    + (address.isEmpty() ? "(none)" : address);
        }
    }

    private AppDeploy() {}

    /** Deploys {@code taos-agent-NAME} from {@link #IMAGE} as the app's user. */
    static Result run(IncusHost host, AppHosts.App app, String name) {
        String agent = "taos-agent-" + name;
        IncusHost.Result script = host.exec(SCRIPT, app.user(), String.valueOf(app.uid()), app.home(), agent, IMAGE);
        if (script.exitCode() != 0) {
            throw new IllegalStateException("Failed to run the app's deploy (" + SCRIPT + "): exit " + script.exitCode()
                    + "\n" + script.stderr());
        }
        List<Command> ran = new ArrayList<>();
        String address = "";
        for (String line : script.stdout().lines().toList()) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "cmd" ->
                    ran.add(new Command(
                            f[1], f[4], Integer.parseInt(f[2]), "", Duration.ofMillis(Long.parseLong(f[3]))));
                case "err" -> {
                    Command last = ran.remove(ran.size() - 1);
                    ran.add(new Command(
                            last.phase(), last.line(), last.exitCode(), f[1].replace("\\n", "\n"), last.took()));
                }
                case "address" -> address = f[1];
                default ->
                    throw new IllegalStateException(
                            "Failed to read the app's deploy: unexpected line \"" + line + "\" from " + SCRIPT);
            }
        }
        return new Result(agent, List.copyOf(ran), address);
    }

    /** The arguments that add a proxy device: the agent's {@code port} on its loopback reaches the host's. */
    static String[] proxy(String agent, String device, int port) {
        String address = "tcp:127.0.0.1:" + port;
        return new String[] {
            "config",
            "device",
            "add",
            agent,
            device,
            "proxy",
            "listen=" + address,
            "connect=" + address,
            "bind=instance"
        };
    }
}
