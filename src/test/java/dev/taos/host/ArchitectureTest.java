package dev.taos.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.taos.host.app.Host;
import dev.taos.host.exec.CommandRunner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The layers the folders name (docs/ARCHITECTURE.md, "Layers"), enforced: who may depend on whom, and who may change
 * the host.
 */
class ArchitectureTest {

    private static final String APPLY = "dev.taos.host.apply";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.taos.host");

    /**
     * java.nio.charset stays allowed: encoding text for a hash is not I/O. No processes, threads or sleeps either:
     * decisions take no time.
     */
    @Test
    void coreUsesNoIoProcessNetworkOrTerminalClasses() {
        noClasses()
                .that()
                .resideInAPackage("dev.taos.host.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..",
                        "java.nio",
                        "java.nio.file..",
                        "java.nio.channels..",
                        "java.net..",
                        "java.util.concurrent..",
                        "oshi..",
                        "org.apache.commons.exec..",
                        "org.jline..",
                        "com.fasterxml..",
                        "picocli..",
                        "dev.taos.host.probe..",
                        "dev.taos.host.exec..",
                        "dev.taos.host.cli..",
                        "dev.taos.host.apply..",
                        "dev.taos.host.app..",
                        "dev.taos.host.ui..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.Process")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.ProcessHandle")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.Thread")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.ThreadGroup")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Timer")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.Runtime")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.System")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.taos.host.(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching("dev.taos.host.core.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The command line and what the operator sees change nothing themselves: they run no program, probe nothing, and
     * neither build nor call anything of the apply layer; they only implement its event interfaces. The flows in app
     * do.
     */
    @Test
    void onlyTheFlowsChangeTheHost() {
        DescribedPredicate<JavaConstructorCall> buildsApply = DescribedPredicate.describe(
                "a constructor in " + APPLY,
                call -> call.getTargetOwner().getPackageName().startsWith(APPLY));
        DescribedPredicate<JavaMethodCall> callsApplyStatically = DescribedPredicate.describe(
                "a static method in " + APPLY,
                call -> call.getTargetOwner().getPackageName().startsWith(APPLY)
                        && call.getTarget()
                                .resolveMember()
                                .map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                                .orElse(false));
        noClasses()
                .that()
                .resideInAnyPackage("dev.taos.host.cli..", "dev.taos.host.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.taos.host.exec..", "dev.taos.host.probe..")
                .orShould()
                .callConstructorWhere(buildsApply)
                .orShould()
                .callMethodWhere(callsApplyStatically)
                .check(MAIN);
    }

    /** The command line and the wizard never read the host themselves: a flow reads it when its work needs it. */
    @Test
    void onlyTheFlowsReadTheHost() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.taos.host.cli..", "dev.taos.host.ui..")
                .should()
                .callMethod(Host.class, "probe")
                .check(MAIN);
    }

    /**
     * A flow knows the order of things and nothing else: what it tells the operator goes through its Ui (ui/ prints
     * it), and every program it needs is run by apply/ (a change) or probe/ (a read).
     */
    @Test
    void theFlowsNeitherPrintNorRunPrograms() {
        noClasses()
                .that()
                .resideInAPackage("dev.taos.host.app..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(PrintStream.class.getName())
                .orShould()
                .callMethod(CommandRunner.class, "run", List.class, Duration.class)
                .orShould()
                .callMethod(CommandRunner.class, "run", List.class, Duration.class, Consumer.class)
                .check(MAIN);
    }

    /** The flows are the only place that knows the order of things; nothing below them reaches up. */
    @Test
    void lowerLayersDoNotReachUp() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.taos.host.app..", "dev.taos.host.apply..", "dev.taos.host.probe..", "dev.taos.host.exec..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.taos.host.cli..", "dev.taos.host.ui..")
                .check(MAIN);
    }
}
