package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.taos.host.Fixtures;
import dev.taos.host.TestHost;
import dev.taos.host.app.Host;
import dev.taos.host.apply.FetchStatusFile;
import dev.taos.host.core.Hashing;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.image.BaseImage;
import dev.taos.host.core.image.FetchStatus;
import dev.taos.host.exec.CommandRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch-base-image against a local HTTP server; tar and incus are scripted (the IT imports a real image). */
class FetchBaseImageCommandTest {

    private static final String ASSET = "/rel/taos-openclaw-base-linux-x64.tar.gz";
    private static final byte[] CONTENT = "pretend this is a gzip tarball".getBytes(StandardCharsets.UTF_8);

    /** The captured dir host (x86_64), optionally with the alias imported; {@code listing} is what tar -tzf prints. */
    static Host servedHost(Path state, List<String> ran, String listing, boolean imported) {
        return servedHost(state, ran, listing, imported, () -> {});
    }

    /** {@code onSleep} runs at each back-off wait, which takes no time. */
    static Host servedHost(Path state, List<String> ran, String listing, boolean imported, Runnable onSleep) {
        CommandRunner runner = (argv, timeout) -> {
            ran.add(String.join(" ", argv));
            assertTrue(
                    Files.exists(Path.of(argv.get(argv.get(0).equals("tar") ? 2 : 3))),
                    "the download is on disk while it is checked and imported");
            return new CommandRunner.Result(0, argv.get(0).equals("tar") ? listing : "", "", false);
        };
        return Host.readOnly((recorder, appUser) -> facts(imported))
                .withRunner(runner)
                .withStateDir(state)
                .withTime(TestHost.time(System::nanoTime, wait -> {
                    ran.add("(wait " + wait.toSeconds() + " s)");
                    onSleep.run();
                }));
    }

    private static HostFacts facts(boolean imported) {
        HostFacts facts = Fixtures.host("dir-with-agents");
        if (!imported) {
            return facts;
        }
        IncusFacts i = facts.incus();
        var image = new IncusFacts.CachedImage(
                "f4f86c22d1d0ddc91903434f", List.of(BaseImage.ALIAS), "x86_64", 1, null, null, null);
        return facts.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                i.pools(),
                i.defaultProfile(),
                i.instances(),
                i.managedNetworks(),
                List.of(image),
                i.cluster(),
                i.projects()));
    }

    private final Map<String, byte[]> served = new HashMap<>();
    private final List<String> ran = new ArrayList<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/rel";
        served.put(ASSET, CONTENT);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliTest.Outcome fetch(Path state, String listing, boolean imported) {
        return CliTest.run(servedHost(state, ran, listing, imported), "fetch-base-image", "--url", base + "/");
    }

    private static String sha256(byte[] bytes) {
        return Hashing.sha256(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void verifiesThePublishedChecksumAndTheArchiveThenImports(@TempDir Path state) {
        served.put(
                ASSET + ".sha256",
                (sha256(CONTENT) + "  taos-openclaw-base-linux-x64.tar.gz\n").getBytes(StandardCharsets.UTF_8));
        var outcome = fetch(state, "./metadata.yaml\n./rootfs/\n./rootfs/etc/\n", false);
        assertEquals(0, outcome.exit(), outcome.err());
        String file =
                state.resolve("downloads/taos-openclaw-base-linux-x64.tar.gz").toString();
        assertEquals(List.of("tar -tzf " + file, "incus image import " + file + " --alias taos-openclaw-base"), ran);
        assertTrue(
                outcome.out().contains("SHA-256 matches " + base + ASSET.substring(4) + ".sha256.\n"), outcome.out());
        assertTrue(Files.notExists(Path.of(file)), "the download is deleted after the import");
    }

    @Test
    void withoutAPublishedChecksumTheArchiveAloneIsChecked(@TempDir Path state) {
        var outcome = fetch(state, "metadata.yaml\nrootfs/\n", false);
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(outcome.out().contains("The release publishes no checksum"), outcome.out());
        assertEquals(2, ran.size());
    }

    @Test
    void aMismatchedChecksumImportsNothing(@TempDir Path state) {
        served.put(ASSET + ".sha256", ("ab".repeat(32) + "\n").getBytes(StandardCharsets.UTF_8));
        var outcome = fetch(state, "metadata.yaml\nrootfs/\n", false);
        assertEquals(4, outcome.exit());
        assertTrue(
                outcome.err()
                        .startsWith("Failed to verify taos-openclaw-base-linux-x64.tar.gz: its SHA-256 is "
                                + sha256(CONTENT) + ", the release says " + "ab".repeat(32)
                                + ". The download was deleted"),
                outcome.err());
        assertEquals(List.of(), ran);
        assertTrue(Files.notExists(state.resolve("downloads/taos-openclaw-base-linux-x64.tar.gz")));
    }

    @Test
    void anArchiveThatIsNotAnImageIsNotImported(@TempDir Path state) {
        var outcome = fetch(state, "README\nbin/\n", false);
        assertEquals(4, outcome.exit());
        assertTrue(outcome.err().contains(": it has no metadata.yaml, so it is not an Incus image."), outcome.err());
        assertEquals(1, ran.size());
    }

    @Test
    void aMissingAssetSaysWhatTheServerAnswered(@TempDir Path state) {
        served.clear();
        var outcome = fetch(state, "", false);
        assertEquals(4, outcome.exit());
        assertTrue(
                outcome.err()
                        .contains("Failed to download " + base
                                + "/taos-openclaw-base-linux-x64.tar.gz: the server answered HTTP 404 (no such file)."),
                outcome.err());
        assertTrue(
                outcome.err()
                        .startsWith("Failed to download " + base
                                + "/taos-hermes-base-linux-x64.tar.gz: the server answered HTTP 404 (no such file);"),
                "each base image is named: " + outcome.err());
    }

    /** What the unit runs: a failure (here a 404 while the release is not published yet) is retried after a wait. */
    @Test
    void withRetryAFailureIsTriedAgainUntilTheImageIsInAndTheStatusSaysSo(@TempDir Path state) throws IOException {
        served.clear();
        var host = servedHost(state, ran, "metadata.yaml\nrootfs/\n", false, () -> served.put(ASSET, CONTENT));
        var outcome = CliTest.run(host, "fetch-base-image", "--retry", "--url", base);
        assertEquals(0, outcome.exit(), outcome.err());
        assertTrue(
                outcome.err()
                        .contains("Failed to download " + base
                                + "/taos-openclaw-base-linux-x64.tar.gz: the server answered HTTP 404 (no such file)."
                                + " Nothing was imported; attempt 2 in 15 s (at "),
                outcome.err());
        assertEquals("(wait 15 s)", ran.get(0));
        assertEquals(3, ran.size(), ran.toString());
        FetchStatus status = new FetchStatusFile(state).read().orElseThrow();
        assertEquals(FetchStatus.State.DONE, status.state());
        assertEquals(2, status.attempts());
    }

    /**
     * A host that boots before its network: the cause is named (Java's own message would be "null"), and recorded for
     * verify.
     */
    @Test
    void aConnectionThatCannotBeMadeIsNamedNotNull(@TempDir Path state) throws IOException {
        var outcome =
                CliTest.run(servedHost(state, ran, "", false), "fetch-base-image", "--url", "http://127.0.0.1:1/rel");
        assertEquals(4, outcome.exit());
        assertTrue(
                outcome.err()
                        .contains("Failed to download http://127.0.0.1:1/rel/taos-openclaw-base-linux-x64.tar.gz: the "
                                + "connection to"
                                + " 127.0.0.1:1 was refused or could not be made. "),
                outcome.err());
        assertEquals(
                FetchStatus.State.FAILED,
                new FetchStatusFile(state).read().orElseThrow().state());
    }

    @Test
    void theBackOffDoublesUpToAQuarterHour() {
        assertEquals(
                List.of(15L, 30L, 60L, 120L, 240L, 480L, 900L, 900L),
                java.util.stream.IntStream.rangeClosed(1, 8)
                        .mapToObj(n -> FetchStatus.waitAfter(n).toSeconds())
                        .toList());
    }

    /**
     * An imported base image is left alone; one the release does not publish (here hermes's) is passed over, and with
     * one image in, the fetch is done.
     */
    @Test
    void anImportedAliasIsLeftAloneAndAnUnpublishedOneIsPassedOver(@TempDir Path state) {
        var outcome = fetch(state, "", true);
        assertEquals(0, outcome.exit(), outcome.err());
        assertEquals(
                "Downloading " + base + "/taos-hermes-base-linux-x64.tar.gz ...\n"
                        + "The release publishes no taos-hermes-base (" + base + "/taos-hermes-base-linux-x64.tar.gz"
                        + " is not there): the app falls back to its next image for that framework.\n",
                outcome.out());
        assertEquals(List.of(), ran);
        assertEquals(
                FetchStatus.State.DONE,
                new FetchStatusFile(state).read().orElseThrow().state());
    }

    @Test
    void aUrlThatIsNotHttpIsInvalidInput(@TempDir Path state) {
        var outcome =
                CliTest.run(servedHost(state, ran, "", false), "fetch-base-image", "--url", "ftp://example.org/x");
        assertEquals(2, outcome.exit());
        assertTrue(
                outcome.err()
                        .startsWith(
                                "Failed to fetch the base image: \"ftp://example.org/x\" is not an http(s) address."),
                outcome.err());
    }
}
