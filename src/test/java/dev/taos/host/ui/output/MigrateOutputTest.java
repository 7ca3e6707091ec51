package dev.taos.host.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.MigrationStep;
import dev.taos.host.core.migrate.Observed;
import dev.taos.host.core.migrate.StepState;
import dev.taos.host.core.plan.StopPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What migrate prints on a terminal: each step's line true for the instance, and bars that redraw cleanly and end full.
 */
class MigrateOutputTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MigrateOutput output =
            new MigrateOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true);

    private static InstanceMigration at(String name, String status, MigrationStep step) {
        InstanceMigration m = InstanceMigration.planned(name, "default", "fast", 1000, StopPolicy.defaults())
                .recorded(new Observed.Seen(name, status, "default", Map.of(), List.of(), ""));
        while (m.step() != step) {
            m = m.finished(m.step());
        }
        return m.starting(step);
    }

    private String screen() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStoppedInstanceIsNeitherStoppedNorStartedAgainAndItsLinesSaySo() {
        output.step(at("naira", "Stopped", MigrationStep.STOP), MigrationStep.STOP, StepState.STARTED, "");
        output.step(at("naira", "Stopped", MigrationStep.START), MigrationStep.START, StepState.STARTED, "");
        output.step(at("mary", "Running", MigrationStep.START), MigrationStep.START, StepState.STARTED, "");
        assertEquals(
                "[naira 3/10] Check it is still stopped (it was not running)\n[naira 10/10] Leave it stopped, as it "
                        + "was\n"
                        + "[mary 10/10] Start it again\n",
                screen());
        assertEquals(
                "step 10/10 (leave it stopped, as it was) interrupted",
                at("naira", "Stopped", MigrationStep.START).progress());
    }

    /**
     * A pre-copy's copy and then its check, in one step: the copy's JSON figures end at all of it before the check's
     * begin.
     */
    @Test
    void aPassFollowedByAnotherInTheSameStepEndsAtAHundredPercent() {
        MigrateOutput json = new MigrateOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false);
        json.progress("mary", "copy", 500, 1000);
        json.progress("mary", "pre-check", 10, 2000);
        assertEquals("""
                {"event":"progress","instance":"mary","what":"copy","done":500,"total":1000,"unit":"bytes"}
                {"event":"progress","instance":"mary","what":"copy","done":1000,"total":1000,"unit":"bytes"}
                {"event":"progress","instance":"mary","what":"pre-check","done":10,"total":2000,"unit":"bytes"}
                """, screen());
    }

    @Test
    void aBarRedrawsItsWholeLineAndAFinishedPassShowsAHundredPercent() {
        InstanceMigration mary = at("mary", "Running", MigrationStep.VERIFY);
        output.progress("mary", "verify", 2_516_582, 2_516_582L * 100);
        output.progress("mary", "verify", 2_516_582L * 99, 2_516_582L * 100);
        output.step(mary, MigrationStep.VERIFY, StepState.DONE, "");
        String[] redraws = screen().split("\r");
        assertEquals(4, redraws.length, screen());
        for (int i = 1; i < redraws.length; i++) {
            assertTrue(redraws[i].startsWith("    mary verify   ["), redraws[i]);
        }
        assertTrue(redraws[2].contains("]  99% 237.6 MiB of 240.0 MiB"), redraws[2]);
        assertEquals("    mary verify   [##############################] 100% 240.0 MiB of 240.0 MiB\n", redraws[3]);
    }

    @Test
    void withJsonAFinishedCopySaysAllOfItWhenItsLastFigureWasShortOfTheTotal() {
        MigrateOutput events = new MigrateOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, false);
        events.progress("mary", "copy", 50, 100);
        events.progress("mary", "copy", 97, 100);
        events.step(at("mary", "Running", MigrationStep.PRE_COPY), MigrationStep.PRE_COPY, StepState.DONE, "");
        List<String> lines = screen().lines().toList();
        assertEquals(
                List.of(
                        "{\"event\":\"progress\",\"instance\":\"mary\",\"what\":\"copy\",\"done\":50,\"total\":100,"
                                + "\"unit\":\"bytes\"}",
                        "{\"event\":\"progress\",\"instance\":\"mary\",\"what\":\"copy\",\"done\":97,\"total\":100,"
                                + "\"unit\":\"bytes\"}",
                        "{\"event\":\"progress\",\"instance\":\"mary\",\"what\":\"copy\",\"done\":100,\"total\":100,"
                                + "\"unit\":\"bytes\"}"),
                lines.subList(0, 3));
        assertTrue(
                lines.get(3).startsWith("{\"event\":\"step\",\"instance\":\"mary\",\"step\":\"pre-copy\""),
                lines.get(3));
    }

    @Test
    void aShorterRedrawCoversWhatTheLongerOneBeforeItLeft() {
        output.progress("mary", "manifest", 2_516_582, -1);
        output.progress("mary", "manifest", 2_516_582, 2_516_582);
        String[] redraws = screen().split("\r");
        assertEquals("    mary manifest 2.4 MiB hashed, still finding files", redraws[1]);
        assertEquals(
                "    mary manifest [##############################] 100% 2.4 MiB of 2.4 MiB",
                redraws[2].stripTrailing());
        assertTrue(redraws[2].length() >= redraws[1].length(), "padded over the longer line: " + redraws[2]);
    }
}
