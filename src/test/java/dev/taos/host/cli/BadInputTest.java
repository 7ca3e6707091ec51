package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.TestHost;
import dev.taos.host.app.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: malformed and strict-violating answers files, bad sizes and names, unknown instances and
 * conflicting flags. Each exits 2 with a message naming the problem, runs no command and writes no state.
 */
class BadInputTest {

    @TempDir
    Path dir;

    /**
     * A captured host with agents where running any command fails the test. It installs no files, so even a wrongly
     * accepted input could not write to this machine.
     */
    static Host untouchable(Path state) {
        return Host.readOnly((recorder, appUser) -> Fixtures.host("dir-with-agents", appUser))
                .withIncus(() -> Fixtures.api("dir-with-agents"))
                .withRunner(TestHost.refusing())
                .withStateDir(state);
    }

    /** {@code file} is the answers file's text (null: none); FILE in {@code line} is its path. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of(
                        "malformed YAML",
                        "a.yaml",
                        "version: 1\ndriver: \"btrfs\n",
                        "--unattended --answers FILE",
                        "Failed to read the answers file FILE: line 2: it is not valid YAML: while scanning a quoted "
                                + "scalar, found unexpected end of stream"),
                Arguments.of(
                        "unknown key",
                        "a.yaml",
                        "version: 1\nsise: 20GiB\n",
                        "plan --answers FILE",
                        "Failed to read the answers file FILE: line 2: unknown key \"sise\". The keys are: version, "
                                + "driver, pool, size"),
                Arguments.of(
                        "yes is not a boolean",
                        "a.yaml",
                        "version: 1\nfetch-base-image: \"yes\"\n",
                        "--unattended --answers FILE",
                        "line 2: \"fetch-base-image\" must be true or false, not text (yes)"),
                Arguments.of(
                        "a list where text goes",
                        "a.yaml",
                        "version: 1\npool: [a, b]\n",
                        "setup --yes --answers FILE",
                        "line 2: \"pool\" must be text, not a list"),
                Arguments.of(
                        "no version",
                        "a.yaml",
                        "driver: btrfs\n",
                        "plan --answers FILE",
                        "\"version\" is missing. Add version: 1 at the top"),
                Arguments.of(
                        "a future version",
                        "a.yaml",
                        "version: 2\n",
                        "plan --answers FILE",
                        "version 2 is not one this taos-host reads"),
                Arguments.of(
                        "an empty file", "a.yaml", "", "plan --answers FILE", "it is empty. Start it with: version: 1"),
                Arguments.of(
                        "a list at the top",
                        "a.yaml",
                        "- version: 1\n",
                        "plan --answers FILE",
                        "line 1: the top level must be keys with values"),
                Arguments.of(
                        "a key given twice",
                        "a.yaml",
                        "version: 1\npool: a\npool: b\n",
                        "plan --answers FILE",
                        "Duplicate field 'pool'"),
                Arguments.of(
                        "negative size in the file",
                        "a.yaml",
                        "version: 1\nsize: -5G\n",
                        "plan --answers FILE",
                        "line 2: \"size\": \"-5G\" is not a size"),
                Arguments.of(
                        "huge size in the file",
                        "a.yaml",
                        "version: 1\nsize: 2000TiB\n",
                        "plan --answers FILE",
                        "is larger than 1024 TiB"),
                Arguments.of(
                        "unit-less garbage size",
                        "a.yaml",
                        "version: 1\nsize: 12 parsecs\n",
                        "plan --answers FILE",
                        "\"12 parsecs\" is not a size"),
                Arguments.of(
                        "size and source in the file",
                        "a.yaml",
                        "version: 1\nsize: 20GiB\nsource: /dev/sdb\n",
                        "plan --answers FILE",
                        "\"size\" and \"source\" cannot both be given"),
                Arguments.of(
                        "a member with size and source",
                        "a.yaml",
                        "version: 1\nmembers:\n  m2:\n    size: 20GiB\n    source: /dev/sdb\n",
                        "plan --answers FILE",
                        "Failed to read the answers file FILE: member \"m2\": a member's size and source cannot both "
                                + "be given"),
                Arguments.of(
                        "a member with neither",
                        "a.yaml",
                        "version: 1\nmembers:\n  m2: {}\n",
                        "plan --answers FILE",
                        "member \"m2\": a member needs its size or its source"),
                Arguments.of(
                        "an unknown key in a member",
                        "a.yaml",
                        "version: 1\nmembers:\n  m2:\n    sise: 20GiB\n",
                        "plan --answers FILE",
                        "line 4: unknown key \"sise\". The keys are: size, source"),
                Arguments.of(
                        "a bad size for a member",
                        "a.yaml",
                        "version: 1\nmembers:\n  m2:\n    size: lots\n",
                        "plan --answers FILE",
                        "\"lots\" is not a size"),
                Arguments.of(
                        "members on a standalone host",
                        "a.yaml",
                        "version: 1\nmembers:\n  m2:\n    size: 20GiB\n",
                        "--unattended --answers FILE",
                        "Failed to plan the members' storage: the answers give storage for members (m2), but this "
                                + "Incus daemon is not a member of a cluster"),
                Arguments.of(
                        "invalid pool name in the file",
                        "a.yaml",
                        "version: 1\npool: a/b\n",
                        "plan --answers FILE",
                        "line 2: \"pool\": \"a/b\" is not a valid pool name"),
                Arguments.of(
                        "invalid instance name in the file",
                        "a.yaml",
                        "version: 1\nmigrate: mary,-x\n",
                        "plan --answers FILE",
                        "\"-x\" is not a valid instance name"),
                Arguments.of(
                        "unknown key in JSON",
                        "a.json",
                        "{\"version\": 1,\n \"colour\": \"red\"}",
                        "plan --answers FILE",
                        "line 2: unknown key \"colour\""),
                Arguments.of(
                        "malformed JSON",
                        "a.json",
                        "{\"version\": 1,,}",
                        "plan --answers FILE",
                        "line 1: it is not valid JSON"),
                Arguments.of("a missing answers file", null, null, "plan --answers FILE", "there is no such file"),
                Arguments.of(
                        "an app user the host does not know",
                        null,
                        null,
                        "--unattended --app-user ghost",
                        "Failed to plan the taOS app's user: there is no user \"ghost\" on this host"),
                Arguments.of(
                        "an app user that is no user name",
                        null,
                        null,
                        "plan --app-user Bad$Name",
                        "Failed to read --app-user: \"Bad$Name\" is not a user name"),
                Arguments.of(
                        "an app user in the file that is a number",
                        "a.yaml",
                        "version: 1\napp-user: 990\n",
                        "plan --answers FILE",
                        "line 2: \"app-user\" must be text, not a number"),
                Arguments.of(
                        "yes is not a boolean for prepare-app",
                        "a.yaml",
                        "version: 1\nprepare-app: \"yes\"\n",
                        "setup --yes --answers FILE",
                        "line 2: \"prepare-app\" must be true or false, not text (yes)"),
                Arguments.of(
                        "a project that is no project name",
                        null,
                        null,
                        "migrate --project a/b --all",
                        "Failed to read --project: \"a/b\" is not a valid project name"),
                Arguments.of(
                        "--project with --status",
                        null,
                        null,
                        "migrate --project user-990 --status",
                        "Failed to read --project: --status and --resume take every project's migrations"),
                Arguments.of(
                        "huge --size",
                        null,
                        null,
                        "plan --size 99999TiB",
                        "Failed to read --size: \"99999TiB\" is larger than 1024 TiB"),
                Arguments.of(
                        "garbage --size",
                        null,
                        null,
                        "--unattended --size 1.5.2G",
                        "Failed to read --size: \"1.5.2G\" is not a size"),
                Arguments.of(
                        "negative --size",
                        null,
                        null,
                        "setup --yes --size -1",
                        "Failed to read --size: \"-1\" is not a size"),
                Arguments.of(
                        "--pool with a space",
                        null,
                        null,
                        "--unattended --pool has space",
                        "Failed to read the command line: Unmatched argument"),
                Arguments.of(
                        "--pool with a slash",
                        null,
                        null,
                        "--unattended --pool a/b",
                        "Failed to read --pool: \"a/b\" is not a valid pool name"),
                Arguments.of(
                        "unknown --driver",
                        null,
                        null,
                        "--unattended --driver ext4",
                        "Failed to read --driver: \"ext4\" is not a driver"),
                Arguments.of(
                        "--size with --source",
                        null,
                        null,
                        "--unattended --size 20G --source /dev/sdb",
                        "--size and --source cannot be combined"),
                Arguments.of(
                        "--migrate unattended without --yes",
                        null,
                        null,
                        "--unattended --migrate mary",
                        "Failed to read --migrate: an unattended run moves existing instances (mary) only with --yes"),
                Arguments.of(
                        "--json without --unattended",
                        null,
                        null,
                        "--json",
                        "Failed to read --json: it is for runs without questions"),
                Arguments.of(
                        "--yes without --unattended",
                        null,
                        null,
                        "--yes",
                        "Failed to read --yes: it is for runs without questions"),
                Arguments.of(
                        "setup --json without --yes",
                        null,
                        null,
                        "setup --json",
                        "Failed to read --json: setup --json does not ask questions"),
                Arguments.of(
                        "no terminal for the wizard",
                        null,
                        null,
                        "",
                        "Failed to start the guided setup: there is no terminal to ask on."),
                Arguments.of(
                        "migrate names with --all",
                        null,
                        null,
                        "migrate --instances mary --all",
                        "Failed to read the command line: --instances=NAME[,NAME...], --all are mutually exclusive"),
                Arguments.of(
                        "an unknown instance",
                        null,
                        null,
                        "--unattended --yes --migrate ghost",
                        "Failed to plan the migration of \"ghost\": there is no instance named \"ghost\""),
                Arguments.of(
                        "a VM is not a container",
                        null,
                        null,
                        "--unattended --yes --migrate mary,ghost",
                        "no instance named \"ghost\""),
                Arguments.of(
                        "images: an unknown key inside a layer",
                        "i.yaml",
                        "version: 1\nlayers:\n  hermes:\n    parent: busybox\n    cahced: x\n",
                        "image build --file FILE",
                        "Failed to read the image layers file FILE: line 5: unknown key \"cahced\". The keys are: "
                                + "parent, cached, run, files,"
                                + " trim, keep-locales, node-apps, publish"),
                Arguments.of(
                        "images: a layer published under the build cache's own alias",
                        "i.yaml",
                        "version: 1\nlayers:\n  hermes:\n    parent: busybox\n    publish:\n      alias: taos/hermes\n",
                        "image build --file FILE",
                        "layer \"hermes\": publish needs an alias the app looks up, e.g. alias: taos-hermes-base"),
                Arguments.of(
                        "images: a layer published into a project that cannot be",
                        "i.yaml",
                        "version: 1\nlayers:\n  hermes:\n    parent: busybox\n    publish:\n"
                                + "      alias: taos-hermes-base\n      project: a/b\n",
                        "image build --file FILE",
                        "layer \"hermes\": publish's project: "),
                Arguments.of(
                        "images: an unknown trim rule",
                        "i.yaml",
                        "version: 1\nlayers:\n  hermes:\n    parent: busybox\n    trim: [docs, fonts]\n",
                        "image build --file FILE",
                        "\"fonts\" is not a trim rule; the rules are: apt, docs, man, locales, python-cache, "
                                + "npm-cache, node-dev, tmp"),
                Arguments.of(
                        "images: no parent",
                        "i.yaml",
                        "version: 1\nlayers:\n  hermes:\n    cached: x\n",
                        "image build --file FILE",
                        "layer \"hermes\": \"parent\" is missing"),
                Arguments.of(
                        "images: a bad layer name",
                        "i.yaml",
                        "version: 1\nlayers:\n  Hermes_1:\n    parent: busybox\n",
                        "image build --file FILE",
                        "layer \"Hermes_1\": a layer name is 1-40 lower-case letters"),
                Arguments.of(
                        "images: parents in a circle",
                        "i.yaml",
                        "version: 1\nlayers:\n  a:\n    parent: b\n  b:\n    parent: a\n",
                        "image build --file FILE",
                        "Failed to build images: the layers' parents go round in a circle: a -> b -> a"),
                Arguments.of(
                        "images: a file that is not there",
                        "i.yaml",
                        "version: 1\nlayers:\n  a:\n    parent: busybox\n    files:\n"
                                + "      /opt/c.json: no-such.json\n",
                        "image build --file FILE",
                        "(layer a's /opt/c.json): "),
                Arguments.of(
                        "images: an unknown layer",
                        "i.yaml",
                        "version: 1\nlayers:\n  a:\n    parent: busybox\n",
                        "image launch --file FILE b agent-1",
                        "Failed to launch agent-1: there is no layer \"b\"; the layers are: a"),
                Arguments.of(
                        "images: a bad instance name",
                        "i.yaml",
                        "version: 1\nlayers:\n  a:\n    parent: busybox\n",
                        "image launch --file FILE a 1agent",
                        "Failed to launch 1agent: an instance name is 1-63 letters"),
                Arguments.of(
                        "images: an existing instance",
                        "i.yaml",
                        "version: 1\nlayers:\n  a:\n    parent: busybox\n",
                        "image launch --file FILE a mary",
                        "Failed to launch mary: an instance with that name already exists"),
                Arguments.of(
                        "images: no layers file",
                        null,
                        null,
                        "image build --file FILE",
                        "Failed to read the image layers file FILE: there is no such file"),
                Arguments.of(
                        "flags override only valid values",
                        "a.yaml",
                        "version: 1\nsize: 20GiB\n",
                        "--unattended --answers FILE --source ''",
                        "Failed to read --source: the source is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void exitsTwoNamesTheProblemAndChangesNothing(
            String name, String fileName, String content, String line, String message) throws IOException {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path file = dir.resolve(fileName == null ? "missing.yaml" : fileName);
        if (content != null) {
            Files.writeString(file, content);
        }
        String[] args = line.isEmpty()
                ? new String[0]
                : line.replace("FILE", file.toString()).replace("''", "").split(" ", -1);
        var outcome = CliTest.run(untouchable(state), args);

        assertEquals(2, outcome.exit(), outcome.err());
        assertTrue(outcome.err().contains(message.replace("FILE", file.toString())), outcome.err());
        try (var left = Files.list(state)) {
            assertEquals(
                    List.of(),
                    left.map(p -> p.getFileName().toString())
                            .filter(n -> !n.equals("lock"))
                            .toList(),
                    "no journal or migration record was written "
                            + "(the empty lock file is taken before the host is read)");
        }
    }
}
