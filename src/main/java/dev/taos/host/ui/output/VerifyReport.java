package dev.taos.host.ui.output;

import dev.taos.host.core.verify.Verifier.Check;
import java.util.List;

/** verify's checks as text: one line each (ok, warn or FAIL), then how many held. */
public final class VerifyReport {

    /** The {@code verify --json} document. */
    public record VerifyJson(int schemaVersion, boolean ok, int exitCode, List<Check> checks) {}

    private VerifyReport() {}

    public static String render(List<Check> checks) {
        StringBuilder out = new StringBuilder();
        for (Check check : checks) {
            out.append(!check.ok() ? "FAIL  " : check.warning() ? "warn  " : "ok    ")
                    .append(check.name())
                    .append(": ")
                    .append(check.detail().replace("\n", "\n      "))
                    .append("\n");
        }
        long failed = checks.stream().filter(c -> !c.ok()).count();
        long warnings = checks.stream().filter(Check::warning).count();
        String warned = warnings == 0 ? "" : " (" + warnings + " with a warning)";
        out.append(
                failed == 0
                        ? "All " + checks.size() + " checks hold" + warned + ".\n"
                        : failed + " of " + checks.size() + " checks failed" + warned + ".\n");
        return out.toString();
    }
}
