package dev.taos.host.core.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taos.host.core.migrate.Manifest.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {

    static final Entry DIR = new Entry("srv", "dir", 0755, 0, 0, 0, null, null);
    static final Entry FILE = new Entry("srv/a b.txt", "file", 0600, 1000, 1000, 3, null, "abc");
    static final Entry LINK = new Entry("srv/link", "link", 0777, 0, 0, 0, "a b.txt", null);
    static final Manifest ORIGINAL = new Manifest(List.of(DIR, FILE, LINK));

    @Test
    void anEqualCopyHasNoDifferences() {
        assertEquals(List.of(), ORIGINAL.differences(new Manifest(List.of(DIR, FILE, LINK)), 10));
    }

    @Test
    void eachKindOfDifferenceNamesThePath() {
        Manifest copy = new Manifest(List.of(
                new Entry("srv", "dir", 0700, 0, 0, 0, null, null),
                new Entry("srv/a b.txt", "file", 0600, 1000, 1000, 3, null, "abd"),
                new Entry("srv/extra", "file", 0644, 0, 0, 0, null, "e"),
                new Entry("srv/link", "link", 0777, 0, 0, 0, "elsewhere", null)));
        assertEquals(List.of("srv: mode 755 became 700", "srv/a b.txt: content differs", "srv/extra: in the copy only",
                "srv/link: link target a b.txt became elsewhere"), ORIGINAL.differences(copy, 10));
        assertEquals(List.of("srv/a b.txt: missing from the copy", "srv/link: missing from the copy"),
                ORIGINAL.differences(new Manifest(List.of(DIR)), 10));
        assertEquals(List.of("srv/a b.txt: owner 1000:1000 became 0:1000"), ORIGINAL.differences(new Manifest(List.of(DIR,
                new Entry("srv/a b.txt", "file", 0600, 0, 1000, 3, null, "abc"), LINK)), 10));
        assertEquals(1, ORIGINAL.differences(new Manifest(List.of()), 1).size());
    }
}
