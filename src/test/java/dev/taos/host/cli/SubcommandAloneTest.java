package dev.taos.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.app.Host;
import dev.taos.host.ui.Operator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A subcommand modelled alone reads and explains itself exactly as it does inside the whole command tree. */
class SubcommandAloneTest {

    private final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private final TaosHostCommand root = new TaosHostCommand(
            Host.readOnly((recorder, appUser) -> {
                throw new AssertionError("nothing here probes");
            }),
            Operator.absent(),
            sink,
            sink);

    @Test
    void everySubcommandButTheWholeTreesOwnHasTheSameUsageAlone() {
        CommandLine whole = new CommandLine(root);
        int alone = 0;
        for (var entry : whole.getSubcommands().entrySet()) {
            var model = SubcommandAlone.of(root, entry.getKey(), "--json");
            if (model.isEmpty()) {
                assertTrue(
                        entry.getKey().equals("help")
                                || entry.getKey().equals("generate-completion")
                                || entry.getKey().equals("generate-man-page"),
                        entry.getKey() + " is not modelled alone");
                continue;
            }
            alone++;
            assertEquals(
                    entry.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF),
                    model.get().commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF),
                    entry.getKey());
            assertEquals(1, model.get().args().length);
            assertEquals("--json", model.get().args()[0]);
        }
        assertEquals(whole.getSubcommands().size() - 3, alone);
    }

    @Test
    void nestedSubcommandsKeepTheirParentsAndQualifiedNames() {
        var image = SubcommandAlone.of(root, "image").orElseThrow().commandLine();
        assertEquals(
                new CommandLine(root)
                        .getSubcommands()
                        .get("image")
                        .getSubcommands()
                        .keySet(),
                image.getSubcommands().keySet());
        assertEquals(
                "taos-host image build",
                image.getSubcommands().get("build").getCommandSpec().qualifiedName());
    }

    @Test
    void anythingElseUsesTheWholeTree() {
        assertTrue(SubcommandAlone.of(root).isEmpty());
        assertTrue(SubcommandAlone.of(root, "--unattended", "detect").isEmpty());
        assertTrue(SubcommandAlone.of(root, "frobnicate").isEmpty());
        assertTrue(SubcommandAlone.of(root, "help", "detect").isEmpty());
    }
}
