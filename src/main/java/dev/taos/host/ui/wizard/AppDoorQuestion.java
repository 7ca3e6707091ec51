package dev.taos.host.ui.wizard;

import dev.taos.host.core.door.AppDoor;
import dev.taos.host.core.door.AppDoorState;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.InstallRequest;
import java.util.List;

/**
 * The wizard's question about the taOS app's own deploys: who the app is, how it reaches Incus and in which project,
 * what its next deploy lacks, and whether setup may change that (its project's default profile and restrictions, root's
 * subordinate ids, incus-user's socket). Asked only when there is something to change.
 */
final class AppDoorQuestion {

    private final WizardTerminal term;
    private final HostFacts facts;

    AppDoorQuestion(WizardTerminal term, HostFacts facts) {
        this.term = term;
        this.facts = facts;
    }

    InstallRequest choose(InstallRequest request) {
        AppDoorState state = AppDoorState.of(facts);
        term.heading("The taOS app's deploys");
        term.say(capitalized(state.door().describe()) + ".");
        // A project on the default project's profiles lands where setup's storage steps point that profile: not asked
        // here.
        boolean ownProfile = state.project()
                .map(p -> !p.profileProject().equals(Project.DEFAULT))
                .orElse(false);
        List<AppDoorState.Need> unmet = state.needs().stream()
                .filter(n -> !n.met() && (ownProfile || n.kind() != AppDoorState.Kind.COPY_ON_WRITE))
                .toList();
        if (state.needs().isEmpty() || unmet.isEmpty()) {
            return request;
        }
        term.say("Its next deploy "
                + (state.door() instanceof AppDoor.ThroughIncusUser
                        ? "(through incus-user, in project " + state.door().project() + ")"
                        : "(in project " + state.door().project() + ")")
                + " lacks:");
        unmet.forEach(need -> term.say("  - " + need.kind().check() + ": no (" + need.detail() + ")"));
        term.say("Setup can make it work and land copy-on-write: the project's default profile on the new pool (its "
                + "instances pinned"
                + " where their data is first), proxy devices and the app's idmap allowed there, root:"
                + facts.appAccess().user().uid()
                + ":1 in /etc/subuid and /etc/subgid, incus-user's socket enabled. Each change has its undo; "
                + "no existing agent is moved.");
        boolean prepare = term.yesNo(
                "Prepare the app's deploys"
                        + (state.projectExists()
                                ? " (this changes project " + state.door().project() + ")"
                                : "") + "?",
                request.app().prepare());
        AppChoice chosen =
                new AppChoice(request.app().user(), prepare, request.app().proxies());
        boolean proxiesNeeded = unmet.stream().anyMatch(n -> n.kind() == AppDoorState.Kind.PROXY);
        if (prepare && proxiesNeeded) {
            term.say("Proxy devices: "
                    + AppDoorState.proxyPrice(facts.appAccess().user().name())
                    + " Without them the app's deploys fail at their proxy step.");
            chosen = chosen.withProxies(term.yesNo("Allow proxy devices in the app's project?", chosen.proxies()));
        }
        return request.withApp(chosen);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
