package dev.taos.host.app;

import dev.taos.host.core.plan.PlanOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every outcome taos-host ends with and its exit code, in one place: the flows and commands return these, Main turns
 * the one a command returns into the process's exit code; --help shows this table and a test keeps docs/scripting.md's
 * equal to it.
 */
public enum ExitCode {
    OK(0, "Success, including \"nothing to do\"."),
    INTERNAL_ERROR(1, "Unexpected error inside taos-host (a bug); the message names what failed."),
    INVALID_INPUT(2, "Invalid input: a flag, size, name or selection; nothing was changed."),
    UNSUPPORTED_HOST(
            3,
            "The host cannot do what was asked: Incus unreachable, no copy-on-write driver, too little space, "
                    + "unsupported distribution; nothing was changed."),
    STEP_FAILED(4, "A step failed while applying a plan (setup, migrate); the message names the step and command."),
    LOCKED(5, "Another taos-host run holds the lock; nothing was changed."),
    NOT_AS_WANTED(6, "verify found the host not in the state setup makes; each failing check is listed."),
    INTERRUPTED(
            130,
            "Interrupted or declined (Ctrl-C, end of input, \"no\" at the confirmation) before anything was changed.");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** A refused plan is the operator's input or the host's limits; a plan is a success until it is applied. */
    public static ExitCode of(PlanOutcome outcome) {
        if (outcome instanceof PlanOutcome.Refusal refusal) {
            return refusal.reason() == PlanOutcome.Reason.INVALID_REQUEST ? INVALID_INPUT : UNSUPPORTED_HOST;
        }
        return OK;
    }

    /** Code to meaning, in order, as the help lists them. */
    public static Map<String, String> table() {
        Map<String, String> table = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            table.put(String.valueOf(exit.code), exit.meaning);
        }
        return table;
    }
}
