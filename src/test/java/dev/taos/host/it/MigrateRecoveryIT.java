package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * migrate killed with SIGKILL at each risky point, then finished with --resume or undone with --rollback. Every case
 * starts and ends with mary (running, 300 MB of agent data) on the dir pool, so one host serves them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateRecoveryIT {

    static final String POOL = MigrateIT.POOL;

    private IncusHost host;
    private String mary;

    @BeforeAll
    void startHost() {
        host = new IncusHost();
        host.start();
        Scenarios.agentsAfterSetup(host);
        host.sh("incus exec mary -- dd if=/dev/urandom of=/srv/agent/blob bs=1M count=300 2>/dev/null");
        mary = Agents.fingerprint(host, "legacy", "mary");
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    static Stream<Arguments> kills() {
        Stream<Arguments> points = Stream.of(
                Arguments.of("during the copy", "copy\\ mary\\ mary-migrating*", "during"),
                Arguments.of("after the copy, before verifying", "copy\\ mary\\ mary-migrating*", "hang-after"),
                Arguments.of("between the two renames", "rename\\ mary\\ mary-pre-migration", "hang-after"),
                Arguments.of("before the start", "rename\\ mary-migrating\\ mary", "hang-after"));
        return points.flatMap(p -> Stream.of("resume", "rollback").map(r -> Arguments.of(p.get()[0], p.get()[1], p.get()[2], r)));
    }

    @ParameterizedTest(name = "kill -9 {0}, then --{3}")
    @MethodSource("kills")
    void aKilledMigrationIsRecoverable(String when, String fault, String mode, String recovery) {
        host.injectIncusFault(fault, mode);
        host.sh("nohup java -jar " + IncusHost.JAR + " migrate --instances mary --yes >/tmp/migrate.log 2>&1 & echo $! >/tmp/migrate.pid");
        host.awaitFault();
        host.sh("kill -9 $(cat /tmp/migrate.pid)");
        host.removeIncusFault();
        host.sh("pkill -x sleep; true");

        assertTrue(host.taosHost("migrate", "--status").stdout().contains("interrupted"), host.sh("cat /tmp/migrate.log").stdout());
        IncusHost.Result plain = host.taosHost("migrate");
        assertTrue(plain.stderr().contains("An interrupted migration of \"mary\" exists"), plain.stderr());
        IncusHost.Result refused = host.taosHost("migrate", "--instances", "naira", "--yes");
        assertEquals(3, refused.exitCode(), refused.stderr());

        IncusHost.Result recovered = host.taosHost("migrate", "--" + recovery);
        assertEquals(0, recovered.exitCode(), recovered.stderr() + recovered.stdout());
        assertEquals("", Agents.where(host, "mary-migrating"), "no temporary copy is left");
        if (recovery.equals("resume")) {
            assertEquals(POOL + ",running", Agents.where(host, "mary"));
            assertEquals("legacy,stopped", Agents.where(host, "mary-pre-migration"));
            assertEquals(mary, Agents.fingerprint(host, POOL, "mary"));
            IncusHost.Result undone = host.taosHost("migrate", "--rollback", "mary", "--yes");
            assertEquals(0, undone.exitCode(), undone.stderr() + undone.stdout());
        }
        assertEquals("legacy,running", Agents.where(host, "mary"));
        assertEquals("", Agents.where(host, "mary-pre-migration"));
        assertEquals("", Agents.where(host, "mary-migrating"));
        assertEquals(mary, Agents.fingerprint(host, "legacy", "mary"));
        assertEquals("legacy,stopped", Agents.where(host, "naira"));
    }
}
