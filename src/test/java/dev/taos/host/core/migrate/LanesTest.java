package dev.taos.host.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanesTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "4, 2", "64, 2"})
    void twoLanesWhereThereIsASecondCore(int cores, int lanes) {
        assertEquals(lanes, Lanes.auto(cores).count());
    }

    @Test
    void readsAWholeNumberWithinItsRange() {
        assertEquals(3, Lanes.parse(" 3 ").count());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanes.parse("9"))
                .getMessage()
                .contains("9 is outside 1 to 8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanes.parse("-1"))
                .getMessage()
                .contains("\"-1\" is not a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lanes.parse(""))
                .getMessage()
                .contains("is not a whole number"));
    }
}
