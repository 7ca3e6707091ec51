package dev.taos.host.core.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdRangeTest {

    @Test
    void aProjectsIdListReadsSingleIdsAndRanges() {
        List<IdRange> ranges = IdRange.parseList("990, 1000-1999,abc,5-4");
        assertEquals(
                List.of(new IdRange(990, 1), new IdRange(1000, 1000)), ranges, "parts that are not ids allow nothing");
        assertTrue(IdRange.anyContains(ranges, 1999));
        assertFalse(IdRange.anyContains(ranges, 2000));
        assertEquals(List.of(), IdRange.parseList(null));
    }

    /** /etc/subuid as Debian's incus package leaves it, plus the line taos-host adds and someone else's. */
    @Test
    void rootsSubordinateIdsAreItsOwnLinesByNameOrId() {
        String subuid = "root:1000000:1000000000\n# a comment\nagent:100000:65536\n0:990:1\nbroken line\nroot:x:1\n";
        List<IdRange> root = IdRange.parseSubIds(subuid, "root", 0);
        assertEquals(List.of(new IdRange(1000000, 1000000000), new IdRange(990, 1)), root);
        assertTrue(IdRange.anyContains(root, 990));
        assertFalse(IdRange.anyContains(root, 991));
        assertFalse(IdRange.anyContains(root, 100000), "agent's range is not root's");
    }
}
