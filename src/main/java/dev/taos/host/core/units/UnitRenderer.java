package dev.taos.host.core.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{NAME}}} placeholders. A placeholder without a value, or a value that is blank, is an error, never an
 * empty string.
 */
public final class UnitRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]*)}}");

    private UnitRenderer() {}

    public static String render(String name, String template, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(placeholders(template))) {
            String value = values.get(key);
            if (value == null) {
                problems.add("unknown placeholder {{" + key + "}}");
            } else if (value.isBlank() || value.contains("\n")) {
                problems.add("no usable value for {{" + key + "}}");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Failed to render " + name + ": " + String.join(", ", problems));
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        return matcher.appendTail(out).toString();
    }

    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
