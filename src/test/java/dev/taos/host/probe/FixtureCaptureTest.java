package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FixtureCaptureTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void volatileValuesAreNormalized() throws Exception {
        var raw = json.readTree("""
                {"created_at":"2026-11-23T09:00:39.458169253Z",
                 "config":{"volatile.uuid":"c2d405f0-400c-4e38-a7fb-e455546234f4",
                 "volatile.eth0.hwaddr":"10:66:6a:5b:c2:9d"},"fingerprint":"%s",
                 "space":{"total":270553174016,"used":24364441600},
                 "state":{"status":"Running","status_code":103,"pid":4242,"disk":{"root":{"usage":123456}},
                 "memory":{"usage":99}},
                 "environment":{"server_pid":77,"server_version":"6.0.4"}}
                """.formatted("c1a76cca6ae01bd89754aa1818864fd3474fde8152a454544dec681caff503b5"));
        var normalized = FixtureCapture.normalize(raw, false);
        assertEquals("2000-01-01T00:00:00Z", normalized.get("created_at").asText());
        assertEquals(
                "00000000-0000-0000-0000-000000000000",
                normalized.get("config").get("volatile.uuid").asText());
        assertEquals(
                "00:16:3e:00:00:00",
                normalized.get("config").get("volatile.eth0.hwaddr").asText());
        assertEquals("0".repeat(64), normalized.get("fingerprint").asText());
        assertEquals(251L << 30, normalized.get("space").get("total").asLong());
        assertEquals(22L << 30, normalized.get("space").get("used").asLong());
        assertEquals(
                "{\"status\":\"Running\",\"status_code\":103,\"disk\":{\"root\":{\"usage\":0}}}",
                normalized.get("state").toString());
        assertEquals(
                "{\"server_version\":\"6.0.4\"}", normalized.get("environment").toString());
    }

    @Test
    void aClustersMemberNamesAreKeptAndAddressesNormalized() throws Exception {
        var raw = json.readTree("""
                {"environment":{"server_name":"m1","server_clustered":true,"addresses":["172.17.0.3:8443"]},
                 "members":[{"server_name":"m2","url":"https://172.17.0.2:8443","status":"Online"}]}
                """);
        var normalized = FixtureCapture.normalize(raw, true);
        assertEquals(
                "{\"server_name\":\"m1\",\"server_clustered\":true}",
                normalized.get("environment").toString());
        assertEquals(
                "{\"server_name\":\"m2\",\"url\":\"https://192.0.2.1:8443\",\"status\":\"Online\"}",
                normalized.get("members").get(0).toString());
        assertEquals(
                "{}", FixtureCapture.normalize(raw, false).get("environment").toString());
    }
}
