package dev.taos.host;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers the folders name (docs/ARCHITECTURE.md, "Layers"), enforced on the main classes; and each rule seen
 * failing on a planted violation (test classes named Planted*, in the packages the rule forbids them; checked alone, so
 * each rule is seen failing on its own class), so a rule that can be walked around shows here.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.taos.host");

    private static final JavaClasses PLANTED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("/Planted"))
            .importPackages("dev.taos.host");

    /** Each rule, with the planted class that breaks it. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("coreIsPure", LayerRules.coreIsPure(), "dev.taos.host.core.PlantedIo"),
                Arguments.of("noPackageCycles", LayerRules.noPackageCycles(), "dev.taos.host.core.plantedcycle"),
                Arguments.of(
                        "onlyExecStartsProcesses",
                        LayerRules.onlyExecStartsProcesses(),
                        "dev.taos.host.apply.PlantedProcess"),
                Arguments.of(
                        "onlyApplyAndProbeRunCommands",
                        LayerRules.onlyApplyAndProbeRunCommands(),
                        "dev.taos.host.app.PlantedRunFlow"),
                Arguments.of(
                        "onlyTheFlowsReadTheHost",
                        LayerRules.onlyTheFlowsReadTheHost(),
                        "dev.taos.host.ui.PlantedProbeScreen"),
                Arguments.of(
                        "onlyTheFlowsReadTheHost through app code outside a flow",
                        LayerRules.onlyTheFlowsReadTheHost(),
                        "dev.taos.host.ui.PlantedHelperScreen"),
                Arguments.of(
                        "onlyTheFlowsChangeTheHost",
                        LayerRules.onlyTheFlowsChangeTheHost(),
                        "dev.taos.host.ui.PlantedApplyScreen"),
                Arguments.of("theFlowsDoNotPrint", LayerRules.theFlowsDoNotPrint(), "dev.taos.host.app.PlantedRunFlow"),
                Arguments.of(
                        "lowerLayersDoNotReachUp",
                        LayerRules.lowerLayersDoNotReachUp(),
                        "dev.taos.host.apply.PlantedReachUp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holdsForTheMainClasses(String name, ArchRule rule, String planted) {
        rule.check(MAIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void failsOnItsPlantedViolation(String name, ArchRule rule, String planted) {
        JavaClasses alone = PLANTED.that(
                DescribedPredicate.describe(planted, c -> c.getName().startsWith(planted)));
        assertTrue(alone.size() > 0, planted + " is not among the planted classes " + PLANTED);
        AssertionError failed = assertThrows(AssertionError.class, () -> rule.check(alone));
        assertTrue(failed.getMessage().contains(planted), failed.getMessage());
    }
}
