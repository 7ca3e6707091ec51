package dev.taos.host.cli;

import dev.taos.host.app.BaseImageFetchFlow;
import dev.taos.host.app.ExitCode;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.ui.output.FetchLines;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What taos-base-image.service runs (opt-in, idle priority, with --retry); an operator can run it by hand too. */
@Command(
        mixinStandardHelpOptions = true,
        name = "fetch-base-image",
        description = {
            "Download the taOS base image for this host's arch, verify it, and import it as " + BaseImage.ALIAS + ".",
            "Does nothing when the alias is already present. Verifies the SHA-256 the release publishes next to the "
                    + "asset, when it does,",
            "and always that the archive is complete and is an Incus image, before importing."
        })
final class FetchBaseImageCommand implements Callable<ExitCode> {

    @ParentCommand
    TaosHostCommand parent;

    @Option(
            names = "--url",
            paramLabel = "BASE",
            description = "Where the release assets are (default: $" + BaseImage.URL_VARIABLE + ", else "
                    + BaseImage.DEFAULT_BASE_URL + ").")
    String url;

    @Option(
            names = "--retry",
            description = "After a failure, try again (15 s later, doubling up to 15 min) until the image is imported;"
                    + " what the background unit runs, so a host that boots before its network still gets the image.")
    boolean retry;

    @Override
    public ExitCode call() {
        String base = Optional.ofNullable(url)
                .or(() -> Optional.ofNullable(System.getenv(BaseImage.URL_VARIABLE)))
                .orElse(BaseImage.DEFAULT_BASE_URL);
        return new BaseImageFetchFlow(parent.host(), new FetchLines(parent.out(), parent.err())).run(base, retry);
    }
}
