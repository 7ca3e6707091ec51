package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bench launches for real and leaves the host as it found it, also when interrupted. The numbers it prints here
 * (busybox) say nothing; the closing note's figures come from the realistic image on taos-bench-host.
 */
@ExtendWith(NoLeaks.class)
class BenchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "incus list -c n -f csv; incus storage list -c n -f csv";

    @Test
    void measuresBothPoolsAndDeletesWhatItMade() throws Exception {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.btrfsAlready(host);
            String before = host.sh(STATE).stdout();
            Consent consent = Consent.record(host);

            IncusHost.Result result = host.taosHost("bench", "--image", "busybox", "--runs", "2", "--json");
            assertEquals(0, result.exitCode(), result.stderr());
            JsonNode bench = JSON.readTree(result.stdout());
            assertEquals("taos-bench-dir", bench.get("pools").get(0).get("pool").asText());
            assertEquals("dir", bench.get("pools").get(0).get("driver").asText());
            assertEquals("btrfs", bench.get("pools").get(1).get("driver").asText());
            assertEquals(2, bench.get("pools").get(1).get("runMillis").size());
            assertTrue(bench.get("pools").get(1).get("medianMillis").asLong() > 0, bench.toString());
            assertTrue(result.stderr().contains("run 2    on default"), result.stderr());
            assertEquals(before, host.sh(STATE).stdout());
            consent.assertUntouchedExcept();
        }
    }

    @Test
    void anInterruptedBenchDeletesWhatItMade() {
        try (IncusHost host = new IncusHost()) {
            host.start();
            Scenarios.btrfsAlready(host);
            String before = host.sh(STATE).stdout();
            Consent consent = Consent.record(host);
            host.injectIncusFault("launch\\ busybox\\ taos-bench-cow-1*", "hang-after");
            host.sh("nohup java -jar " + IncusHost.JAR + " bench --image busybox --runs 2 >/tmp/bench.log 2>&1 &");
            host.awaitFault();
            assertTrue(host.sh(STATE).stdout().contains("taos-bench-cow-1"));

            host.sh("pkill -TERM -f '^java -jar .*taos-host.jar bench'; while pgrep -f '^java -jar .*taos-host.jar "
                    + "bench' >/dev/null; do sleep 0.2; done;"
                    + " pkill -9 -x sleep; true");
            host.removeIncusFault();
            assertEquals(
                    before,
                    host.sh(STATE).stdout(),
                    host.sh("cat /tmp/bench.log").stdout());
            consent.assertUntouchedExcept();
        }
    }
}
