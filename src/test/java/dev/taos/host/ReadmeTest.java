package dev.taos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.app.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What README.md and docs/ state that the code also knows: kept equal, so the knowledge has one source. */
class ReadmeTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#:\\s]*)(?:#([^)\\s]+))?\\)");

    static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void theExitCodeTableIsExitCodes() throws IOException {
        String page = Files.readString(Path.of("docs/scripting.md"));
        String section =
                page.substring(page.indexOf("## Exit codes"), page.indexOf("\n## ", page.indexOf("## Exit codes") + 1));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(section);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        assertEquals(ExitCode.table(), rows);
    }

    @Test
    void theTestCommandIsWhatCiRuns() throws IOException {
        String ci = Files.readString(Path.of(".ci/run")).strip();
        String command = ci.substring(ci.lastIndexOf('\n') + 1).strip();
        assertTrue(readme().contains("\n    " + command + "\n"), command);
    }

    /** Every page in docs/ is reachable from the front page, and every link between them lands on a heading. */
    @Test
    void everyDocsPageIsLinkedAndEveryLinkLands() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                Path target = link.group(1).isEmpty()
                        ? page
                        : page.resolveSibling(link.group(1)).normalize();
                if (!Files.exists(target)) {
                    broken.add(page + ": " + link.group() + " (no such file)");
                } else if (link.group(2) != null
                        && target.toString().endsWith(".md")
                        && !anchors(Files.readString(target)).contains(link.group(2))) {
                    broken.add(page + ": " + link.group() + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
        String readme = readme();
        for (Path page : pages.subList(1, pages.size())) {
            assertTrue(readme.contains("](" + page + ")"), page + " is not linked from README.md");
        }
    }

    /** GitHub's anchors: a heading lower-cased, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(String markdown) {
        return markdown.lines()
                .filter(line -> line.matches("#{1,6} .*"))
                .map(line -> line.replaceFirst("#+ ", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'))
                .toList();
    }
}
