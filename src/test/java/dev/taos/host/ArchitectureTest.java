package dev.taos.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pure core (facts, request, planner) must not be able to read or change the host. */
class ArchitectureTest {

    /** java.nio.charset stays allowed: encoding text for a hash is not I/O. No processes, threads or sleeps either: decisions take no time. */
    @Test
    void coreUsesNoIoProcessNetworkOrTerminalClasses() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.taos.host");
        noClasses().that().resideInAPackage("dev.taos.host.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio", "java.nio.file..", "java.nio.channels..", "java.net..", "java.util.concurrent..",
                        "oshi..", "org.apache.commons.exec..", "org.jline..", "com.fasterxml..", "picocli..",
                        "dev.taos.host.probe..", "dev.taos.host.exec..", "dev.taos.host.cli..", "dev.taos.host.apply..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Process")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessHandle")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ThreadGroup")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Runtime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System")
                .check(classes);
    }
}
