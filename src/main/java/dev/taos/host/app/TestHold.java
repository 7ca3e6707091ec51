package dev.taos.host.app;

import dev.taos.host.apply.Migrator;
import dev.taos.host.core.migrate.InstanceMigration;
import dev.taos.host.core.migrate.MigrationStep;
import java.io.PrintStream;

/**
 * A fault-injection hook for the integration tests, off unless {@code TAOS_HOST_TEST_HOLD} names a hashing pass
 * ({@code verify}): the run then stops for good in the middle of that pass, after saying so on
 * stderr, so a test can kill it there deterministically rather than after a guessed sleep.
 */
public final class TestHold implements Migrator.Events {

    static final String VARIABLE = "TAOS_HOST_TEST_HOLD";

    private final Migrator.Events events;
    private final String what;
    private final PrintStream err;

    private TestHold(Migrator.Events events, String what, PrintStream err) {
        this.events = events;
        this.what = what;
        this.err = err;
    }

    public static Migrator.Events around(Migrator.Events events, PrintStream err) {
        String what = System.getenv(VARIABLE);
        return what == null || what.isBlank() ? events : new TestHold(events, what, err);
    }

    @Override
    public void step(InstanceMigration migration, MigrationStep step, String state, String detail) {
        events.step(migration, step, state, detail);
    }

    @Override
    public void progress(String instance, String pass, long done, long total) {
        events.progress(instance, pass, done, total);
        if (pass.equals(what) && done < total) {
            err.println("taos-host: held in the " + pass + " pass of " + instance + " (" + VARIABLE + ")");
            err.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
