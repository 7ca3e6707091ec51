package dev.taos.host.apply;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of the last apply, written (atomically, fsynced) before and after every step, so that a run killed at any
 * point is seen by the next one. The file is {@code journal.json} in the state directory; its schema is in
 * docs/scripting.md.
 */
public final class Journal {

    public enum StepStatus {
        PENDING,
        STARTED,
        DONE,
        FAILED,
        REVERTED
    }

    public enum RunState {
        RUNNING,
        FINISHED,
        FAILED
    }

    public record StepRecord(int number, String kind, String description, StepStatus status, String updatedAt) {
        StepRecord with(StepStatus newStatus, String at) {
            return new StepRecord(number, kind, description, newStatus, at);
        }
    }

    public record Entry(
            int schemaVersion, String command, long pid, String startedAt, RunState state, List<StepRecord> steps) {
        public Entry {
            steps = List.copyOf(steps);
        }

        /** The step a killed run stopped in (started, never finished), if any. */
        public Optional<StepRecord> interruptedStep() {
            return steps.stream().filter(s -> s.status() == StepStatus.STARTED).findFirst();
        }
    }

    private final StateFile<Entry> file;
    private Entry entry;

    public Journal(Path stateDir) {
        this.file = new StateFile<>(
                stateDir.resolve("journal.json"),
                Entry.class,
                "journal",
                "Move it aside and run setup again; the host's state is probed afresh.");
    }

    public Optional<Entry> read() {
        return file.read();
    }

    public void begin(String command, long pid, String at, List<StepRecord> steps) {
        save(new Entry(1, command, pid, at, RunState.RUNNING, steps));
    }

    public void step(int number, StepStatus status, String at) {
        List<StepRecord> steps = new ArrayList<>(entry.steps());
        steps.set(number - 1, steps.get(number - 1).with(status, at));
        save(new Entry(entry.schemaVersion(), entry.command(), entry.pid(), entry.startedAt(), entry.state(), steps));
    }

    public void end(RunState state) {
        save(new Entry(entry.schemaVersion(), entry.command(), entry.pid(), entry.startedAt(), state, entry.steps()));
    }

    private void save(Entry next) {
        file.write(next);
        entry = next;
    }
}
