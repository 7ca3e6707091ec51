package dev.taos.host.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The taOS app's deploy of one agent, command by command as upstream's deployer runs them (docs: DESIGN.md section 9),
 * run as the app's user from / so its {@code incus} talks to incus-user and lands in the user's own project. Like the
 * app, it stops at the first command that fails.
 */
final class AppDeploy {

    static final String IMAGE = "taos-openclaw-base";
    private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3}(?:\\.\\d{1,3}){3})\\b");

    /** One command of the deploy as it ran. */
    record Command(String line, int exitCode, String stderr, Duration took) {
        boolean failed() {
            return exitCode != 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " in " + took.toMillis() + " ms: " + line + (stderr.isBlank() ? "" : "\n    " + stderr.strip());
        }
    }

    /** Every command run, in order; the agent's address, or "" when it never printed one. */
    record Result(String agent, List<Command> ran, String address) {
        Optional<Command> firstFailure() {
            return ran.stream().filter(Command::failed).findFirst();
        }

        boolean succeeded() {
            return firstFailure().isEmpty() && !address.isEmpty();
        }

        @Override
        public String toString() {
            return "the app's deploy of " + agent + ":\n  " + ran.stream().map(Command::toString).collect(Collectors.joining("\n  "))
                    + "\n  address: " + (address.isEmpty() ? "(none)" : address);
        }
    }

    private final IncusHost host;
    private final AppHosts.App app;
    private final List<Command> ran = new ArrayList<>();

    private AppDeploy(IncusHost host, AppHosts.App app) {
        this.host = host;
        this.app = app;
    }

    /** Deploys {@code taos-agent-NAME} from {@link #IMAGE} as the app's user. */
    static Result run(IncusHost host, AppHosts.App app, String name) {
        return new AppDeploy(host, app).deploy("taos-agent-" + name);
    }

    private Result deploy(String agent) {
        String workspace = app.home() + "/workspaces/" + agent;
        host.sh("mkdir -p " + workspace + " && chown " + app.user() + ":" + app.user() + " " + workspace);
        boolean done = incus("launch", IMAGE, agent)
                && incus("config", "set", agent, "raw.idmap", "both " + app.uid() + " 0")
                && incus("stop", agent, "--force")
                && incus("start", agent)
                && appWait()
                && incus("config", "device", hasLocalRoot(agent) ? "set" : "override", agent, "root", "size=40GiB")
                && incus("config", "set", agent, "limits.memory=512MiB")
                && incus("config", "set", agent, "limits.cpu=1")
                && incus("config", "device", "add", agent, "taos-mount-0", "disk", "source=" + workspace, "path=/workspace")
                && incus("config", "set", agent, "environment.TAOS_AGENT_NAME=" + agent)
                && incus("config", "set", agent, "environment.OPENAI_BASE_URL=http://127.0.0.1:4000/v1")
                && incus(proxy(agent, "taos-proxy-litellm", 4000))
                && incus(proxy(agent, "taos-proxy-taos", 6969));
        return new Result(agent, List.copyOf(ran), done ? address(agent) : "");
    }

    /** The arguments that add a proxy device: the agent's {@code port} on its loopback reaches the host's. */
    static String[] proxy(String agent, String device, int port) {
        String address = "tcp:127.0.0.1:" + port;
        return new String[] {"config", "device", "add", agent, device, "proxy", "listen=" + address, "connect=" + address, "bind=instance"};
    }

    /** The app's fixed wait after the restart that applies the idmap. */
    private static boolean appWait() {
        sleep(Duration.ofSeconds(3));
        return true;
    }

    /**
     * {@code incus exec NAME -- hostname -I} up to 10 times, 2 s apart, until it prints an address; recorded as one
     * command, with the tries it took and the last try's exit code and stderr.
     */
    private String address(String agent) {
        long start = System.nanoTime();
        int tries = 0;
        IncusHost.Result printed;
        String address;
        do {
            if (tries++ > 0) {
                sleep(Duration.ofSeconds(2));
            }
            printed = asApp("exec", agent, "--", "hostname", "-I");
            address = printed.exitCode() == 0 ? firstIpv4(printed.stdout()) : "";
        } while (address.isEmpty() && tries < 10);
        record("incus exec " + agent + " -- hostname -I (try " + tries + " of 10)", printed, start);
        return address;
    }

    private static String firstIpv4(String text) {
        Matcher address = IPV4.matcher(text);
        return address.find() ? address.group(1) : "";
    }

    /** Not one of the deploy's commands: the app knows whether it set the root device before, here Incus is asked. */
    private boolean hasLocalRoot(String agent) {
        return asApp("config", "device", "list", agent).stdout().lines().anyMatch(line -> line.strip().equals("root"));
    }

    private boolean incus(String... args) {
        long start = System.nanoTime();
        IncusHost.Result result = asApp(args);
        record("incus " + Stream.of(args).map(a -> a.contains(" ") ? "\"" + a + "\"" : a).collect(Collectors.joining(" ")), result, start);
        return result.exitCode() == 0;
    }

    private void record(String line, IncusHost.Result result, long startNanos) {
        ran.add(new Command(line, result.exitCode(), result.stderr(), Duration.ofNanos(System.nanoTime() - startNanos)));
    }

    private IncusHost.Result asApp(String... args) {
        return app.incus(host, args);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the app's deploy", e);
        }
    }
}
