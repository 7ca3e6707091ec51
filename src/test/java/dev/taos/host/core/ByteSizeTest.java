package dev.taos.host.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "50GiB, 53687091200", "50G, 53687091200", "50, 53687091200", "512MiB, 536870912", "512m, 536870912",
        "1.5TiB, 1649267441664", "10GB, 10000000000", "' 20 GiB ', 21474836480", "4096B, 4096", "1T, 1099511627776"
    })
    void parsesWhatOperatorsType(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text).bytes());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "abc", "-5G", "5 gigs", "5XB", "0", "0GiB", "1.2.3G", "2000TiB", "99999999999999999999"})
    void rejectsGarbageWithAMessageSayingWhatIsAccepted(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"53687091200, 50GiB", "536870912, 512MiB", "1000, 1000B"})
    void writesWhatIncusReads(long bytes, String value) {
        assertEquals(value, new ByteSize(bytes).incusValue());
    }
}
