package dev.taos.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.taos.host.app.Host;
import dev.taos.host.exec.CommandRunner;
import dev.taos.host.exec.Runner;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** The rules of docs/ARCHITECTURE.md's "Layers", one method each, checked by {@link ArchitectureTest}. */
final class LayerRules {

    private static final String ROOT = "dev.taos.host.";
    private static final String APPLY = ROOT + "apply..";

    private LayerRules() {}

    /**
     * java.nio.charset stays allowed: encoding text for a hash is not I/O. No processes, threads or sleeps either:
     * decisions take no time.
     */
    static ArchRule coreIsPure() {
        return noClasses()
                .that()
                .resideInAPackage(ROOT + "core..")
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
                        ROOT + "probe..",
                        ROOT + "exec..",
                        ROOT + "cli..",
                        APPLY,
                        ROOT + "app..",
                        ROOT + "ui..")
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
                .haveFullyQualifiedName("java.lang.System");
    }

    static ArchRule noPackageCycles() {
        return CompositeArchRule.of(slices().matching(ROOT + "(*)..").should().beFreeOfCycles())
                .and(slices().matching(ROOT + "core.(*)..").should().beFreeOfCycles());
    }

    /** A process is started by exec/ only: no call on a process runner (its subtypes included), no ProcessBuilder. */
    static ArchRule onlyExecStartsProcesses() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + "exec..")
                .should()
                .callMethodWhere(callOn(CommandRunner.class))
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Process.class.getName())
                .orShould()
                .callMethodWhere(DescribedPredicate.describe(
                        "Runtime.exec",
                        call -> call.getTargetOwner().isEquivalentTo(Runtime.class)
                                && call.getName().equals("exec")));
    }

    /** A command runs in apply/ (a change) or probe/ (a read); the flows order them, cli/ and ui/ never. */
    static ArchRule onlyApplyAndProbeRunCommands() {
        return noClasses()
                .that()
                .resideOutsideOfPackages(APPLY, ROOT + "probe..", ROOT + "exec..")
                .should()
                .callMethodWhere(callOn(Runner.class));
    }

    /**
     * The host is read where a flow's work needs it: outside app/ and probe/ nothing calls a prober (however reached:
     * Host.probe, Host.prober, a Prober), cli/ and ui/ use nothing of probe/, and what they call of app/ outside a flow
     * reads nothing of the host either (as a static helper that probes would).
     */
    static ArchRule onlyTheFlowsReadTheHost() {
        DescribedPredicate<JavaMethodCall> probes =
                DescribedPredicate.describe("a probe of the host", LayerRules::probes);
        return CompositeArchRule.of(noClasses()
                        .that()
                        .resideOutsideOfPackages(ROOT + "app..", ROOT + "probe..")
                        .should()
                        .callMethodWhere(probes))
                .and(noClasses()
                        .that()
                        .resideInAnyPackage(ROOT + "cli..", ROOT + "ui..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(ROOT + "probe..")
                        .orShould(callAppCodeThatProbesOutsideAFlow()));
    }

    /**
     * The command line and what the operator sees change nothing themselves: they neither build nor call anything of
     * the apply layer; they only implement its event interfaces.
     */
    static ArchRule onlyTheFlowsChangeTheHost() {
        DescribedPredicate<JavaConstructorCall> buildsApply =
                DescribedPredicate.describe("a constructor in " + APPLY, call -> inApply(call.getTargetOwner()));
        DescribedPredicate<JavaMethodCall> callsApplyStatically = DescribedPredicate.describe(
                "a static method in " + APPLY,
                call -> inApply(call.getTargetOwner())
                        && call.getTarget()
                                .resolveMember()
                                .map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                                .orElse(false));
        return noClasses()
                .that()
                .resideInAnyPackage(ROOT + "cli..", ROOT + "ui..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + "exec..")
                .orShould()
                .callConstructorWhere(buildsApply)
                .orShould()
                .callMethodWhere(callsApplyStatically);
    }

    /** A flow tells its Ui what happened (ui/ words and prints it); it holds no PrintStream. */
    static ArchRule theFlowsDoNotPrint() {
        return noClasses()
                .that()
                .resideInAPackage(ROOT + "app..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(PrintStream.class.getName());
    }

    /** The flows are the only place that knows the order of things; nothing below them reaches up. */
    static ArchRule lowerLayersDoNotReachUp() {
        return noClasses()
                .that()
                .resideInAnyPackage(ROOT + "app..", APPLY, ROOT + "probe..", ROOT + "exec..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + "cli..", ROOT + "ui..");
    }

    private static boolean inApply(JavaClass owner) {
        return owner.getPackageName().startsWith(ROOT + "apply");
    }

    private static DescribedPredicate<JavaMethodCall> callOn(Class<?> type) {
        return DescribedPredicate.describe(
                "a call on " + type.getSimpleName() + " or a subtype",
                call -> call.getTargetOwner().isAssignableTo(type));
    }

    private static boolean probes(JavaMethodCall call) {
        JavaClass owner = call.getTargetOwner();
        return (owner.isAssignableTo(Host.Prober.class) && call.getName().equals("probe"))
                || (owner.isEquivalentTo(Host.class)
                        && Set.of("probe", "prober").contains(call.getName()));
    }

    /** A call into app/ outside a *Flow class whose code (within app/, lambdas included) reaches a probe. */
    private static ArchCondition<JavaClass> callAppCodeThatProbesOutsideAFlow() {
        return new ArchCondition<>("call code of app/ outside a flow that reads the host") {
            @Override
            public void check(JavaClass caller, ConditionEvents events) {
                for (JavaMethodCall call : caller.getMethodCallsFromSelf()) {
                    JavaClass owner = call.getTargetOwner();
                    if (owner.getPackageName().startsWith(ROOT + "app")
                            && !owner.getSimpleName().endsWith("Flow")
                            && !owner.getName().contains("Flow$")
                            && call.getTarget()
                                    .resolveMember()
                                    .map(LayerRules::reachesProbe)
                                    .orElse(false)) {
                        events.add(SimpleConditionEvent.satisfied(
                                call, call.getDescription() + ", which reads the host outside a flow"));
                    }
                }
            }
        };
    }

    private static boolean reachesProbe(JavaCodeUnit start) {
        Set<JavaCodeUnit> seen = new HashSet<>();
        Deque<JavaCodeUnit> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            if (!seen.add(unit) || !unit.getOwner().getPackageName().startsWith(ROOT + "app")) {
                continue;
            }
            for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                if (probes(call)) {
                    return true;
                }
                call.getTarget().resolveMember().ifPresent(todo::add);
            }
            // A lambda's body is its own synthetic method, which no call names: take it as reached from its class.
            unit.getOwner().getCodeUnits().stream()
                    .filter(u -> u.getName().startsWith("lambda$"))
                    .forEach(todo::add);
        }
        return false;
    }
}
