package dev.taos.host.cli;

import dev.taos.host.app.ExitCode;
import dev.taos.host.app.ImageBuildFlow;
import dev.taos.host.app.ImageBuildPreviewFlow;
import dev.taos.host.app.ImageLaunchFlow;
import dev.taos.host.app.ImageReportFlow;
import dev.taos.host.app.ImageStoreFlow;
import dev.taos.host.app.InvalidInput;
import dev.taos.host.core.HostPaths;
import dev.taos.host.core.image.CachePrune;
import dev.taos.host.ui.output.ImageFlowLines;
import dev.taos.host.ui.output.ImageReport;
import dev.taos.host.ui.output.ImageStoreReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        mixinStandardHelpOptions = true,
        name = "image",
        description = {
            "The host's image cache: agent images built in layers (declared in " + HostPaths.IMAGES
                    + "), keyed by their contents.",
            "Run taos-host image COMMAND --help for each command's flags."
        },
        subcommands = {
            ImageCommand.Build.class,
            ImageCommand.Launch.class,
            ImageCommand.Report.class,
            ImageCommand.ListImages.class,
            ImageCommand.Prune.class
        })
final class ImageCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Override
    public ExitCode call() {
        throw new InvalidInput("Failed to run image: name a command (build, launch, report, list or prune)");
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "build",
            description = {
                "Build the named layers (default: all declared) and their ancestors where they are missing or stale, "
                        + "ancestors first.",
                "A layer is a hit when an image with its content key is cached; a second run with nothing changed "
                        + "builds nothing."
            })
    static final class Build implements Callable<ExitCode> {
        @ParentCommand
        ImageCommand image;

        @picocli.CommandLine.Mixin
        LayerFileOptions options = new LayerFileOptions();

        @Parameters(
                paramLabel = "LAYER",
                arity = "0..*",
                description = "Layers to build (default: every declared layer).")
        List<String> layers = new ArrayList<>();

        @Option(
                names = "--json",
                description = "Print the result as JSON; the steps and the scripts' output go to stderr.")
        boolean json;

        @Option(
                names = "--dry-run",
                description = "Print what would be built and the commands each build would run; change nothing.")
        boolean dryRun;

        @Override
        public ExitCode call() {
            TaosHostCommand parent = image.parent;
            PrintStream progress = json ? parent.err() : parent.out();
            ImageFlowLines lines = new ImageFlowLines(progress, parent.err());
            if (dryRun) {
                return new ImageBuildPreviewFlow(parent.host(), lines)
                        .preview(
                                options.file,
                                layers,
                                options.scriptLimit(),
                                preview -> parent.print(json, preview, () -> ImageReport.preview(preview)));
            }
            return new ImageBuildFlow(parent.host(), lines)
                    .build(
                            options.file,
                            layers,
                            options.scriptLimit(),
                            built -> parent.print(json, built, () -> ImageReport.build(built)));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "launch",
            description = {
                "Launch agent NAME from LAYER's cached image and run the layer's run script in it.",
                "When LAYER is not cached yet, launch by the build path (its nearest cached ancestor plus the cached "
                        + "scripts), and say so."
            })
    static final class Launch implements Callable<ExitCode> {
        @ParentCommand
        ImageCommand image;

        @picocli.CommandLine.Mixin
        LayerFileOptions options = new LayerFileOptions();

        @Parameters(index = "0", paramLabel = "LAYER", description = "The declared layer to launch from.")
        String layer;

        @Parameters(index = "1", paramLabel = "NAME", description = "The new instance's name.")
        String name;

        @Option(
                names = "--no-build",
                description = "Refuse (exit 3) rather than take the build path when the layer is not cached.")
        boolean noBuild;

        @Option(names = "--json", description = "Print the result as JSON; the scripts' output goes to stderr.")
        boolean json;

        @Override
        public ExitCode call() {
            TaosHostCommand parent = image.parent;
            PrintStream progress = json ? parent.err() : parent.out();
            return new ImageLaunchFlow(parent.host(), new ImageFlowLines(progress, parent.err()))
                    .launch(
                            options.file,
                            layer,
                            name,
                            noBuild,
                            options.scriptLimit(),
                            launched -> parent.print(json, launched, () -> ImageReport.launched(launched)));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "report",
            description = {
                "Where an image's bytes are: root filesystem, size as stored and gzip-compressed, what each trim rule "
                        + "would remove, the largest",
                "directories; with --against, side by side with another image. Uses a temporary instance and export, "
                        + "deleted again."
            })
    static final class Report implements Callable<ExitCode> {
        @ParentCommand
        ImageCommand image;

        @Parameters(index = "0", paramLabel = "IMAGE", description = "An image alias (taos/LAYER) or fingerprint.")
        String name;

        @Option(
                names = "--against",
                paramLabel = "IMAGE",
                description = "A second image to compare with (e.g. the untrimmed parent).")
        String against;

        @Option(names = "--json", description = "Print the figures as JSON.")
        boolean json;

        @Override
        public ExitCode call() {
            TaosHostCommand parent = image.parent;
            return new ImageReportFlow(parent.host(), new ImageFlowLines(parent.out(), parent.err()))
                    .report(name, against, report -> parent.print(json, report, () -> ImageReport.report(report)));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "list",
            description = "List every cached layer image: key, parent key, size, created, last used.")
    static final class ListImages implements Callable<ExitCode> {
        @ParentCommand
        ImageCommand image;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        @Override
        public ExitCode call() {
            TaosHostCommand parent = image.parent;
            return new ImageStoreFlow(
                            parent.host(), new ImageStoreReport(parent.out(), parent.err(), parent.operator(), false))
                    .list(entries -> parent.print(json, entries, () -> ImageReport.list(entries)));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "prune",
            description = {
                "Remove stale layer images: never one an alias points at (every layer's current image) or an instance "
                        + "was made from.",
                "Lists what it removes and asks first, unless --yes."
            })
    static final class Prune implements Callable<ExitCode> {
        @ParentCommand
        ImageCommand image;

        @Option(
                names = "--keep",
                paramLabel = "N",
                defaultValue = "" + CachePrune.DEFAULT_KEEP,
                description = "Earlier builds kept per layer, newest first, so undoing a change is a hit (default: "
                        + "${DEFAULT-VALUE}).")
        int keep;

        @Option(
                names = {"--yes", "-y"},
                description = "Remove without asking.")
        boolean yes;

        @Override
        public ExitCode call() {
            TaosHostCommand parent = image.parent;
            if (keep < 0) {
                throw new InvalidInput("Failed to read --keep: " + keep + " is negative. Give 0 or more");
            }
            return new ImageStoreFlow(
                            parent.host(), new ImageStoreReport(parent.out(), parent.err(), parent.operator(), yes))
                    .prune(keep);
        }
    }
}
