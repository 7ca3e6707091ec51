package dev.taos.host.ui.output;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * taos-host(1), written in roff from the command model itself: every command with its description and flags, and the
 * exit codes, so the manual says what --help says and cannot drift from it.
 */
public final class ManPage {

    private ManPage() {}

    public static String render(CommandSpec top, String date) {
        StringBuilder roff = new StringBuilder();
        roff.append(".TH TAOS-HOST 1 \"")
                .append(date)
                .append("\" \"")
                .append(escape(top.version()[0]))
                .append("\" \"User Commands\"\n");
        roff.append(".SH NAME\ntaos-host \\- ")
                .append(escape(lowerFirst(top.usageMessage().description()[0])))
                .append('\n');
        roff.append(".SH SYNOPSIS\n.B taos-host\n[\\fIOPTIONS\\fR]\n.br\n"
                + ".B taos-host\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
        roff.append(".SH DESCRIPTION\n")
                .append(escape(String.join(" ", top.usageMessage().description())))
                .append('\n');
        roff.append(".SH OPTIONS\n");
        options(top, roff);
        roff.append(".SH COMMANDS\n");
        top.subcommands().forEach((name, sub) -> {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.usageMessage().hidden() || name.equals("help")) {
                return;
            }
            roff.append(".SS ").append(escape(name)).append('\n');
            roff.append(escape(String.join(" ", spec.usageMessage().description())))
                    .append('\n');
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                roff.append(".TP\n\\fI")
                        .append(escape(positional.paramLabel()))
                        .append("\\fR\n")
                        .append(escape(String.join(" ", positional.description())))
                        .append('\n');
            }
            options(spec, roff);
        });
        roff.append(".SH EXIT STATUS\n");
        for (Map.Entry<String, String> code : top.usageMessage().exitCodeList().entrySet()) {
            roff.append(".TP\n.B ")
                    .append(code.getKey())
                    .append('\n')
                    .append(escape(code.getValue()))
                    .append('\n');
        }
        roff.append(".SH FILES\n/etc/taos-host/taos-host.conf, /var/lib/taos-host (journals, lock), "
                + "/usr/local/lib/taos-host/taos-host.jar\n");
        roff.append(".SH SEE ALSO\n.BR incus (1),\n.BR systemctl (1)\n");
        return roff.toString();
    }

    private static void options(CommandSpec spec, StringBuilder roff) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String names = String.join(", ", option.names());
            String label = option.typeInfo().isBoolean() ? "" : "=\\fI" + escape(option.paramLabel()) + "\\fR";
            roff.append(".TP\n\\fB")
                    .append(escape(names))
                    .append("\\fR")
                    .append(label)
                    .append('\n')
                    .append(escape(String.join(" ", option.description()).replace("%%", "%")))
                    .append('\n');
        }
    }

    /** Backslashes and hyphens as roff wants them, and no line that starts like a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
