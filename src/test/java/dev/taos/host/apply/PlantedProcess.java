package dev.taos.host.apply;

import dev.taos.host.exec.ExecCommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Breaks onlyExecStartsProcesses on purpose (ArchitectureTest): a process started outside exec/, twice. */
final class PlantedProcess {
    void start() throws IOException {
        new ProcessBuilder("true").start();
        new ExecCommandRunner().run(List.of("true"), Duration.ofSeconds(1));
    }
}
