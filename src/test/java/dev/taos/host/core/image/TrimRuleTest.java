package dev.taos.host.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrimRuleTest {

    @Test
    void aKeptLocaleKeepsItsTranslationsAndItsLanguages() {
        String script = TrimRule.LOCALES.measureScript(
                new Layer.Trim(List.of(TrimRule.LOCALES), List.of("C", "de_AT.UTF-8@euro"), List.of()));
        assertTrue(script.contains("! -name 'C' ! -name 'de' ! -name 'de_AT'"), script);
    }

    @Test
    void pathsReachRmOnlyNulSeparatedAndMeasuringRemovesNothing() {
        for (TrimRule rule : TrimRule.values()) {
            if (rule == TrimRule.NODE_DEV) {
                continue;
            }
            String measure = rule.measureScript(Layer.Trim.standard());
            assertFalse(measure.contains("rm "), rule + ": " + measure);
            assertTrue(
                    rule.script(Layer.Trim.standard()).endsWith("-print0 2>/dev/null | xargs -0 -r rm -rf --"),
                    rule.id());
        }
    }

    @Test
    void nodeDevPrunesEachDeclaredAppAndNothingWithoutOne() {
        assertEquals("echo 0", TrimRule.NODE_DEV.script(Layer.Trim.standard()));
        String script =
                TrimRule.NODE_DEV.script(new Layer.Trim(List.of(TrimRule.NODE_DEV), List.of(), List.of("/opt/my app")));
        assertTrue(script.contains("(cd '/opt/my app' && npm prune --omit=dev"), script);
    }
}
