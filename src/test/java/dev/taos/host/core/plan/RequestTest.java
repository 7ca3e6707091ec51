package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a/b",
                "",
                "-lead",
                ".",
                "..",
                "with space",
                "x234567890123456789012345678901234567890123456789012345678901234",
                "tab\tname",
                "ünïcode"
            })
    void invalidPoolNamesAreRejected(String name) {
        assertTrue(Names.poolNameProblem(name).isPresent(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "taos-btrfs", "pool_1", "fast.pool", "P9"})
    void validPoolNamesAreAccepted(String name) {
        assertTrue(Names.poolNameProblem(name).isEmpty(), name);
    }

    @Test
    void migrateSelectionParsesNoneAllAndNames() {
        assertEquals(new MigrateSelection.None(), MigrateSelection.parse("none"));
        assertEquals(new MigrateSelection.All(), MigrateSelection.parse("all"));
        assertEquals(
                new MigrateSelection.Named(List.of("mary", "stanley")), MigrateSelection.parse("mary, stanley,mary"));
        assertThrows(IllegalArgumentException.class, () -> MigrateSelection.parse("mary,,x"));
        assertThrows(IllegalArgumentException.class, () -> MigrateSelection.parse("bad_name"));
    }

    @Test
    void driverChoiceNamesTheAllowedValues() {
        assertEquals(DriverChoice.ZFS, DriverChoice.parse("ZFS"));
        var e = assertThrows(IllegalArgumentException.class, () -> DriverChoice.parse("xfs"));
        assertEquals("\"xfs\" is not a driver; choose one of auto, btrfs, zfs, lvm", e.getMessage());
    }
}
