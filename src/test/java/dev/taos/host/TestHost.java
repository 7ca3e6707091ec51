package dev.taos.host;

import dev.taos.host.app.Host;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.plan.Planner;
import dev.taos.host.core.plan.UnitSteps;
import dev.taos.host.core.units.UnitSettings;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.probe.UnitCatalog;
import dev.taos.host.ui.Operator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jline.terminal.Terminal;

/**
 * The fakes the command-line tests share: a captured host with its state in a temporary directory, runners, time, an
 * operator.
 */
public final class TestHost {

    private TestHost() {}

    /**
     * The captured host {@code fixture}, running commands with {@code runner}, with state in {@code state} and
     * taos-host's files to install.
     */
    public static Host captured(String fixture, Path state, CommandRunner runner) {
        return Host.readOnly((recorder, appUser) -> Fixtures.host(fixture, appUser))
                .withRunner(runner)
                .withStateDir(state)
                .withFiles(facts -> Optional.of(files()));
    }

    /** Records each command line and lets it succeed. */
    public static CommandRunner recording(List<String> ran) {
        return (argv, timeout) -> {
            ran.add(String.join(" ", argv));
            return new CommandRunner.Result(0, "", "", false);
        };
    }

    /** Fails the test on any command: for input that must be refused before anything runs. */
    public static CommandRunner refusing() {
        return (argv, timeout) -> {
            throw new AssertionError("a command ran: " + String.join(" ", argv));
        };
    }

    public static Planner.HostFiles files() {
        var settings = new UnitSettings(
                "",
                "",
                "/opt/tinyagentos",
                "/opt/tinyagentos/venv/bin/python",
                "/opt/tinyagentos/scripts/stop.sh",
                false,
                "/usr/bin/java",
                HostPaths.JAR,
                UnitSettings.PoolWatch.defaults());
        return new Planner.HostFiles(
                UnitCatalog.sources(),
                settings,
                new UnitSteps.Jar(HostPaths.JAR, "/tmp/taos-host.jar", "00".repeat(32)));
    }

    /** Time that moves only when {@code tick} says, and whose waits are handed to {@code onSleep}. */
    public static Host.Time time(LongSupplier tick, Consumer<Duration> onSleep) {
        return new Host.Time() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public long nanoTime() {
                return tick.getAsLong();
            }

            @Override
            public void sleep(Duration duration) {
                onSleep.accept(duration);
            }
        };
    }

    /** An operator at no terminal who answers every yes/no question with {@code answer} (empty: nobody to ask). */
    public static Operator answering(Optional<Boolean> answer) {
        return operator(false, answer);
    }

    /**
     * An operator at a terminal or not (progress is drawn for one), answering as {@link #answering}; never the wizard's
     * terminal.
     */
    public static Operator operator(boolean atTerminal, Optional<Boolean> answer) {
        return new Operator() {
            @Override
            public boolean atTerminal() {
                return atTerminal;
            }

            @Override
            public Optional<Terminal> wizardTerminal() {
                return Optional.empty();
            }

            @Override
            public boolean noColor() {
                return true;
            }

            @Override
            public Optional<Boolean> confirm(String question) {
                return answer;
            }
        };
    }
}
