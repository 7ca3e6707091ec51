package dev.taos.host.cli;

import dev.taos.host.app.BenchFlow;
import dev.taos.host.app.ExitCode;
import dev.taos.host.core.bench.LaunchBench;
import dev.taos.host.ui.output.BenchLines;
import dev.taos.host.ui.output.BenchReport;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "bench",
        description = {
            "Measure agent launches: the same image launched on a temporary dir pool and on the copy-on-write pool, "
                    + "alternately.",
            "Prints each pool's median launch time and the speed-up; deletes every instance and the temporary pool it "
                    + "made."
        })
final class BenchCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Option(
            names = "--image",
            paramLabel = "ALIAS",
            description = "Image to launch (default: " + LaunchBench.DEFAULT_IMAGE + ").")
    String image;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "5",
            description = "Measured launches per pool, after one warm-up each (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--pool",
            paramLabel = "NAME",
            description = "Pool to compare with dir (default: the default profile's root pool).")
    String pool;

    @Option(names = "--json", description = "Print the result as JSON (schema in docs/scripting.md).")
    boolean json;

    @Override
    public ExitCode call() {
        PrintStream progress = json ? parent.err() : parent.out();
        return new BenchFlow(parent.host(), new BenchLines(progress, parent.err()))
                .run(
                        Optional.ofNullable(image),
                        runs,
                        Optional.ofNullable(pool),
                        measured -> parent.print(json, BenchReport.json(measured), () -> BenchReport.render(measured)));
    }
}
