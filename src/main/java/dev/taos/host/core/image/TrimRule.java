package dev.taos.host.core.image;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a build removes from a layer before it is published, rule by rule. Each rule's script prints the paths it is
 * about to remove (one per line) so its bytes can be measured, then removes them; it runs with sh inside the builder.
 */
public enum TrimRule {
    APT(
            "apt",
            "apt caches and package lists",
            "find /var/lib/apt/lists /var/cache/apt -xdev -type f ! -name lock ! -path '*/partial/*'"),
    DOCS("docs", "/usr/share/doc (copyright notices kept)", "find /usr/share/doc -xdev ! -type d ! -name copyright"),
    MAN("man", "man and info pages", "find /usr/share/man /usr/share/info -xdev ! -type d"),
    LOCALES(
            "locales",
            "translations of locales not kept",
            "find /usr/share/locale -mindepth 1 -maxdepth 1 -type d KEEP"),
    PYTHON_CACHE("python-cache", "Python bytecode caches", "find / -xdev -type d -name __pycache__"),
    NPM_CACHE("npm-cache", "npm caches", "find /root/.npm /home/*/.npm -maxdepth 1 -name _cacache"),
    NODE_DEV("node-dev", "dev dependencies of the declared Node apps", ""),
    TMP("tmp", "/tmp and /var/tmp", "find /tmp /var/tmp -xdev -mindepth 1 -maxdepth 1");

    private final String id;
    private final String description;
    private final String finder;

    TrimRule(String id, String description, String finder) {
        this.id = id;
        this.description = description;
        this.finder = finder;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static TrimRule byId(String id) {
        for (TrimRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("\"" + id + "\" is not a trim rule; the rules are: "
                + java.util.Arrays.stream(values()).map(TrimRule::id).collect(Collectors.joining(", ")));
    }

    /**
     * The rule's script: prints the bytes it found (by du), then removes them. find hands the paths over NUL-separated,
     * so no file name (a newline in it, a leading dash) can make it remove anything else.
     */
    public String script(Layer.Trim trim) {
        if (this == NODE_DEV) {
            if (trim.nodeApps().isEmpty()) {
                return "echo 0";
            }
            String apps = quotedAll(trim.nodeApps());
            String prune = trim.nodeApps().stream()
                    .map(app -> "(cd " + quoted(app) + " && npm prune --omit=dev --no-audit --no-fund >&2)")
                    .collect(Collectors.joining(" && "));
            return "before=$(du -skc " + apps + " | tail -1 | cut -f1); " + prune + "; after=$(du -skc " + apps
                    + " | tail -1 | cut -f1); echo $(( (before - after) * 1024 ))";
        }
        return measureScript(trim) + "; " + finder(trim) + " | xargs -0 -r rm -rf --";
    }

    /**
     * Prints the bytes the rule would remove and removes nothing (image report); node-dev needs the apps, so it
     * measures 0 here.
     */
    public String measureScript(Layer.Trim trim) {
        // Sums du's line per path: xargs may split a long list into several du runs, so du -c's total would count only
        // the last.
        return this == NODE_DEV
                ? "echo 0"
                : finder(trim) + " | xargs -0 -r du -sk -- 2>/dev/null | awk '{s += $1} END {print s * 1024}'";
    }

    private String finder(Layer.Trim trim) {
        return finder.replace("KEEP", keepTests(trim.keepLocales())) + " -print0 2>/dev/null";
    }

    /** A locale such as en_US.UTF-8 keeps its translations under en_US and en. */
    private static String keepTests(List<String> locales) {
        return locales.stream()
                .flatMap(l -> {
                    String base = l.replaceFirst("[.@].*$", "");
                    return base.contains("_")
                            ? java.util.stream.Stream.of(base, base.substring(0, base.indexOf('_')))
                            : java.util.stream.Stream.of(base);
                })
                .distinct()
                .sorted()
                .map(name -> "! -name " + quoted(name))
                .collect(Collectors.joining(" "));
    }

    private static String quotedAll(List<String> paths) {
        return paths.stream().map(TrimRule::quoted).collect(Collectors.joining(" "));
    }

    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
