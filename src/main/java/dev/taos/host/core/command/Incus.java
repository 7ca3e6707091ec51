package dev.taos.host.core.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every incus command taos-host runs, built in one place with the patience each deserves. Scope one to a project with
 * {@link Command#inProject}.
 */
public final class Incus {

    private Incus() {}

    private static Command incus(Patience patience, String... argv) {
        List<String> command = new ArrayList<>(List.of("incus"));
        command.addAll(Arrays.asList(argv));
        return Command.of(patience, command);
    }

    /** A whole copy of {@code from} as {@code to} on {@code pool}; {@code member}: "" unless on a cluster. */
    public static Command copy(String from, String to, String pool, String member, boolean inconsistent) {
        Command copy = incus(Patience.COPY, "copy", from, to, "--storage", pool);
        if (inconsistent) {
            copy = copy.with("--allow-inconsistent");
        }
        return member.isEmpty() ? copy : copy.with("--target", member);
    }

    /**
     * An incremental copy onto an existing {@code to}: its snapshots and its volume brought in line with {@code from}.
     */
    public static Command refresh(String from, String to, String pool, String member) {
        Command refresh = incus(Patience.COPY, "copy", from, to, "--refresh", "--storage", pool);
        return member.isEmpty() ? refresh : refresh.with("--target", member);
    }

    public static Command deleteForced(String instance) {
        return incus(Patience.COPY, "delete", "--force", instance);
    }

    public static Command delete(String instance) {
        return incus(Patience.COPY, "delete", instance);
    }

    /** A clean stop, bounded by {@code seconds}. */
    public static Command stop(String instance, long seconds) {
        return incus(Patience.COPY, "stop", instance, "--timeout", String.valueOf(seconds));
    }

    public static Command stop(String instance) {
        return incus(Patience.COPY, "stop", instance);
    }

    public static Command stopForced(String instance) {
        return incus(Patience.COPY, "stop", instance, "--force");
    }

    /** A start: with an idmap to shift, a big tree takes a while. */
    public static Command start(String instance) {
        return incus(Patience.COPY, "start", instance);
    }

    public static Command rename(String from, String to) {
        return incus(Patience.CHANGE, "rename", from, to);
    }

    /** {@code incus config set INSTANCE KEY=VALUE...}, in the order given. */
    public static Command configSet(String instance, Map<String, String> values) {
        List<String> argv = new ArrayList<>(List.of("config", "set", instance));
        values.forEach((key, value) -> argv.add(key + "=" + value));
        return incus(Patience.CHANGE, argv.toArray(String[]::new));
    }

    public static Command configSet(String instance, String key, String value) {
        return incus(Patience.CHANGE, "config", "set", instance, key + "=" + value);
    }

    public static Command configUnset(String instance, List<String> keys) {
        List<String> argv = new ArrayList<>(List.of("config", "unset", instance));
        argv.addAll(keys);
        return incus(Patience.CHANGE, argv.toArray(String[]::new));
    }

    /** Waits for one of Incus's own operations to end (a copy a killed client left running). */
    public static Command awaitOperation(String id) {
        return incus(
                Patience.COPY,
                "query",
                "/1.0/operations/" + id + "/wait?timeout="
                        + Patience.COPY.limit().toSeconds());
    }

    /** A question to the API; {@code path} as the API names it. */
    public static Command query(String path) {
        return incus(Patience.ANSWER, "query", path);
    }

    /** Moves an image alias in one request (PATCH), so a reader never finds none. */
    public static Command pointAlias(String alias, String fingerprint, String project) {
        return incus(
                Patience.CHANGE,
                "query",
                "-X",
                "PATCH",
                "/1.0/images/aliases/" + alias.replace("/", "%2F")
                        + (project.equals("default") ? "" : "?project=" + project),
                "--data",
                "{\"target\": \"" + fingerprint + "\"}");
    }

    public static Command aliasCreate(String alias, String fingerprint) {
        return incus(Patience.CHANGE, "image", "alias", "create", alias, fingerprint);
    }

    public static Command aliasDelete(String alias) {
        return incus(Patience.CHANGE, "image", "alias", "delete", alias);
    }

    public static Command imageDelete(String image) {
        return incus(Patience.CHANGE, "image", "delete", image);
    }

    public static Command imageImport(String file, String alias) {
        return incus(Patience.INSTALL, "image", "import", file, "--alias", alias);
    }

    /**
     * An image of the default project into {@code project}: Incus copies between projects of one server only through a
     * remote, so the client relays it (the same fingerprint, stored once).
     */
    public static Command imageCopy(String fingerprint, String project) {
        return incus(
                Patience.INSTALL,
                "image",
                "copy",
                "local:" + fingerprint,
                "local:",
                "--project",
                "default",
                "--target-project",
                project,
                "--mode",
                "relay");
    }

    /** An instance made (not started) from {@code image}, with {@code flags} (--storage, --no-profiles, ...). */
    public static Command init(String image, String instance, String... flags) {
        List<String> argv = new ArrayList<>(List.of("init", image, instance));
        argv.addAll(Arrays.asList(flags));
        return incus(Patience.IMAGE, argv.toArray(String[]::new));
    }

    public static Command launch(String image, String instance, String pool) {
        return incus(Patience.IMAGE, "launch", image, instance, "--storage", pool);
    }

    /** {@code argv} run inside {@code instance}. */
    public static Command exec(String instance, Patience patience, String... argv) {
        List<String> command = new ArrayList<>(List.of("exec", instance, "--"));
        command.addAll(Arrays.asList(argv));
        return incus(patience, command.toArray(String[]::new));
    }

    /** A host file copied into {@code instance} at {@code path}, its directories made. */
    public static Command filePush(String file, String instance, String path) {
        return incus(Patience.IMAGE, "file", "push", "--create-dirs", file, instance + path);
    }

    /** A stopped instance published as an image with {@code properties}, compressed with {@code compression}. */
    public static Command publish(String instance, String compression, Map<String, String> properties) {
        List<String> argv = new ArrayList<>(List.of("publish", instance, "local:", "--compression", compression));
        properties.forEach((key, value) -> argv.add(key + "=" + value));
        return incus(Patience.IMAGE, argv.toArray(String[]::new));
    }

    /** An image's files written into {@code dir}. */
    public static Command imageExport(String fingerprint, String dir) {
        return incus(Patience.IMAGE, "image", "export", fingerprint, dir + "/");
    }

    /** A storage pool made with {@code config} (KEY=VALUE, after the driver). */
    public static Command storageCreate(String pool, String driver, List<String> config) {
        List<String> argv = new ArrayList<>(List.of("storage", "create", pool, driver));
        argv.addAll(config);
        return incus(Patience.INSTALL, argv.toArray(String[]::new));
    }

    /** A loop-backed pool's file grown to {@code size} ({@code member}'s own file on a cluster). */
    public static Command growPool(String pool, String size, Optional<String> member) {
        Command grow = incus(Patience.CHANGE, "storage", "set", pool, "size=" + size);
        return member.map(m -> grow.with("--target", m)).orElse(grow);
    }

    public static Command storageDelete(String pool) {
        return incus(Patience.INSTALL, "storage", "delete", pool);
    }

    public static Command networkCreate(String network) {
        return incus(Patience.CHANGE, "network", "create", network);
    }

    public static Command networkDelete(String network) {
        return incus(Patience.CHANGE, "network", "delete", network);
    }

    public static Command projectSet(String project, String key, String value) {
        return incus(Patience.CHANGE, "project", "set", project, key + "=" + value);
    }

    public static Command projectUnset(String project, String key) {
        return incus(Patience.CHANGE, "project", "unset", project, key);
    }

    public static Command projectDelete(String project) {
        return incus(Patience.CHANGE, "project", "delete", project);
    }

    /** Waits for a freshly installed daemon to answer. */
    public static Command waitReady() {
        return incus(Patience.INSTALL, "admin", "waitready", "--timeout=120");
    }

    /** A profile or instance device change ({@code profile device add ...}, {@code config device remove ...}). */
    public static Command change(String... argv) {
        return incus(Patience.CHANGE, argv);
    }

    /** Any other incus command of a plan, with its patience: setup's pool, profile, project and network changes. */
    public static Command of(Patience patience, String... argv) {
        return incus(patience, argv);
    }
}
