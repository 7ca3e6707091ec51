package dev.taos.host.core.facts;

/**
 * The taOS app on this host, as its installer lays it out: {@code installDir} with a venv, owned by the user it runs
 * as. {@code present} is false when the directory or its python is missing; owner and group are then empty.
 */
public record TaosApp(String installDir, boolean present, String owner, String group) {

    public static final String DEFAULT_DIR = "/opt/tinyagentos";

    public static TaosApp absent(String installDir) {
        return new TaosApp(installDir, false, "", "");
    }

    public String python() {
        return installDir + "/venv/bin/python";
    }
}
