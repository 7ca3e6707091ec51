package dev.taos.host.core.units;

import java.util.LinkedHashMap;
import java.util.Map;

/** The KEY=VALUE format of /etc/taos-host/taos-host.conf, as systemd's EnvironmentFile= reads it (no quoting used). */
public final class ConfigFile {

    private ConfigFile() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(line -> {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        });
        return values;
    }
}
