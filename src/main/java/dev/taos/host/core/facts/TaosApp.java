package dev.taos.host.core.facts;

/**
 * The taOS app on this host, as its installer lays it out: {@code installDir} with a venv, owned by the user it runs
 * as. {@code present} is false when the directory or its python is missing; owner and group are then empty.
 * {@code dataDir} is where it keeps its data (it mounts {@code DATA_DIR/trace/AGENT} into each agent): its service's
 * {@code TAOS_DATA_DIR}, which the app puts first, else {@code INSTALL_DIR/data}.
 */
public record TaosApp(String installDir, boolean present, String owner, String group, String dataDir) {

    public static final String DEFAULT_DIR = "/opt/tinyagentos";
    /** The variable the app reads its data directory from before anything else. */
    public static final String DATA_DIR_VARIABLE = "TAOS_DATA_DIR";

    public TaosApp {
        dataDir = dataDir == null || dataDir.isBlank() ? installDir + "/data" : dataDir;
    }

    public TaosApp(String installDir, boolean present, String owner, String group) {
        this(installDir, present, owner, group, null);
    }

    public static TaosApp absent(String installDir) {
        return new TaosApp(installDir, false, "", "");
    }

    /**
     * The data directory a service unit gives the app ({@code Environment=TAOS_DATA_DIR=...}, quoted or not), if it
     * gives one.
     */
    public static java.util.Optional<String> dataDirOf(String unit) {
        return unit.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("Environment="))
                .flatMap(line -> java.util.Arrays.stream(
                        line.substring("Environment=".length()).split("\\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")))
                .map(word -> word.replace("\"", ""))
                .filter(word -> word.startsWith(DATA_DIR_VARIABLE + "="))
                .map(word -> word.substring(DATA_DIR_VARIABLE.length() + 1))
                .filter(dir -> !dir.isBlank())
                .reduce((first, last) -> last);
    }

    /** Where the app mounts its agents' traces from: a disk device source under this directory, one per agent. */
    public String traceDir() {
        return dataDir + "/trace";
    }

    public String python() {
        return installDir + "/venv/bin/python";
    }
}
