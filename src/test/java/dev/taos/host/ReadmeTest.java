package dev.taos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.app.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What README.md states that the code also knows: kept equal, so the knowledge has one source. */
class ReadmeTest {

    static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void theExitCodeTableIsExitCodes() throws IOException {
        String readme = readme();
        String section = readme.substring(
                readme.indexOf("## Exit codes"), readme.indexOf("\n## ", readme.indexOf("## Exit codes") + 1));
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
}
