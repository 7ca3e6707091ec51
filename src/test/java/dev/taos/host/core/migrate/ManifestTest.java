package dev.taos.host.core.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taos.host.core.migrate.Manifest.Entry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ManifestTest {

    static final String T = "2001-02-03T04:05:06.123456789Z";
    static final Entry DIR = new Entry("srv", "dir", 0755, 0, 0, 0, null, null, T, 0, null, Map.of());
    static final Entry FILE = new Entry(
            "srv/a b.txt",
            "file",
            0600,
            1000,
            1000,
            3,
            null,
            "abc",
            T,
            0,
            null,
            Map.of("system.posix_acl_access", "0200"));
    static final Entry TWIN =
            new Entry("srv/twin", "file", 0600, 1000, 1000, 3, null, "abc", T, 0, "srv/a b.txt", Map.of());
    static final Entry LINK = new Entry("srv/link", "link", 0777, 0, 0, 0, "a b.txt", null, T, 0, null, Map.of());
    static final Manifest ORIGINAL = new Manifest(List.of(DIR, FILE, LINK, TWIN));

    static Manifest changed(Entry entry, UnaryOperator<Entry> change) {
        return new Manifest(ORIGINAL.entries().stream()
                .map(e -> e.equals(entry) ? change.apply(e) : e)
                .toList());
    }

    static List<String> differences(Entry entry, UnaryOperator<Entry> change) {
        return ORIGINAL.differences(changed(entry, change), 10);
    }

    @Test
    void anEqualCopyHasNoDifferencesAndItsFilesAreCounted() {
        assertEquals(List.of(), ORIGINAL.differences(new Manifest(List.of(DIR, FILE, LINK, TWIN)), 10));
        assertEquals(
                new Manifest.Comparison(2, 6, List.of()),
                Manifest.compare(
                        ORIGINAL.entries().iterator(), ORIGINAL.entries().iterator(), 5));
    }

    /**
     * A device node, a FIFO and a socket, as agents have them: a copy whose device number or type differs is refused.
     */
    @Test
    void deviceNodesFifosAndSocketsAreComparedByTypeAndDeviceNumber() {
        Entry dev = new Entry("dev/null", "char-device", 0666, 0, 0, 0, null, null, T, 0x103, null, Map.of());
        Entry fifo = new Entry("srv/pipe", "fifo", 0644, 0, 0, 0, null, null, T, 0, null, Map.of());
        Entry socket = new Entry("srv/agent.sock", "socket", 0755, 0, 0, 0, null, null, T, 0, null, Map.of());
        Manifest original = new Manifest(List.of(dev, socket, fifo));
        assertEquals(List.of(), original.differences(new Manifest(List.of(dev, socket, fifo)), 10));
        Entry otherDevice = new Entry("dev/null", "char-device", 0666, 0, 0, 0, null, null, T, 0x105, null, Map.of());
        assertEquals(
                List.of("dev/null: device number 259 became 261"),
                original.differences(new Manifest(List.of(otherDevice, socket, fifo)), 10));
        Entry fileNow = new Entry("srv/pipe", "file", 0644, 0, 0, 0, null, "e3b0", T, 0, null, Map.of());
        assertEquals(
                1,
                original.differences(new Manifest(List.of(dev, socket, fileNow)), 10)
                        .size(),
                "a FIFO that became a file");
    }

    /**
     * Streams are merged in walk order: a directory's contents come before its next sibling, whatever the characters.
     */
    @Test
    void walkOrderPutsADirectorysContentsBeforeItsNextSibling() {
        assertEquals(-1, Integer.signum(Manifest.walkOrder("a", "a/b")));
        assertEquals(-1, Integer.signum(Manifest.walkOrder("a/b", "a-c")));
        assertEquals(1, Integer.signum(Manifest.walkOrder("a0", "a-c")));
        assertEquals(0, Manifest.walkOrder("srv/a b.txt", "srv/a b.txt"));
        Entry dir = new Entry("a", "dir", 0755, 0, 0, 0, null, null, T, 0, null, Map.of());
        Entry inside = new Entry("a/b", "file", 0644, 0, 0, 1, null, "x", T, 0, null, Map.of());
        Entry sibling = new Entry("a-c", "file", 0644, 0, 0, 1, null, "y", T, 0, null, Map.of());
        assertEquals(
                List.of("a/b: missing from the copy"),
                new Manifest(List.of(dir, inside, sibling)).differences(new Manifest(List.of(dir, sibling)), 5));
    }

    @Test
    void eachKindOfDifferenceNamesThePath() {
        assertEquals(
                List.of("srv: mode 755 became 700"),
                differences(DIR, e -> new Entry(e.path(), "dir", 0700, 0, 0, 0, null, null, T, 0, null, null)));
        assertEquals(List.of("srv/a b.txt: content differs"), differences(FILE, e -> e.withHash("abd")));
        assertEquals(
                List.of("srv/link: link target a b.txt became elsewhere"),
                differences(
                        LINK, e -> new Entry(e.path(), "link", 0777, 0, 0, 0, "elsewhere", null, T, 0, null, null)));
        assertEquals(
                List.of("srv/a b.txt: owner 1000:1000 became 0:1000"),
                differences(
                        FILE,
                        e -> new Entry(
                                e.path(), "file", 0600, 0, 1000, 3, null, "abc", T, 0, e.hardLinks(), e.xattrs())));
        assertEquals(
                List.of(
                        "srv/a b.txt: missing from the copy",
                        "srv/link: missing from the copy",
                        "srv/twin: missing from the copy"),
                ORIGINAL.differences(new Manifest(List.of(DIR)), 10));
        assertEquals(1, ORIGINAL.differences(new Manifest(List.of()), 1).size());
    }

    /** What Incus's copy between pools can drop: a hard link, an ACL or capability (extended attributes), a time. */
    @Test
    void hardLinksExtendedAttributesAndTimesAreComparedToo() {
        assertEquals(
                List.of("srv/twin: hard-linked to srv/a b.txt in the original, not in the copy"),
                differences(TWIN, e -> e.withHardLinks(null)));
        assertEquals(
                List.of("srv/a b.txt: extended attribute system.posix_acl_access missing from the copy"),
                differences(
                        FILE,
                        e -> new Entry(
                                e.path(), "file", 0600, 1000, 1000, 3, null, "abc", T, 0, e.hardLinks(), Map.of())));
        assertEquals(
                List.of("srv/a b.txt: extended attribute security.capability in the copy only"),
                differences(
                        FILE,
                        e -> new Entry(
                                e.path(),
                                "file",
                                0600,
                                1000,
                                1000,
                                3,
                                null,
                                "abc",
                                T,
                                0,
                                e.hardLinks(),
                                Map.of("system.posix_acl_access", "0200", "security.capability", "01"))));
        assertEquals(
                List.of("srv/a b.txt: extended attribute system.posix_acl_access differs"),
                differences(
                        FILE,
                        e -> new Entry(
                                e.path(),
                                "file",
                                0600,
                                1000,
                                1000,
                                3,
                                null,
                                "abc",
                                T,
                                0,
                                e.hardLinks(),
                                Map.of("system.posix_acl_access", "0201"))));
        assertEquals(
                List.of("srv: modified " + T + " became 2001-02-03T04:05:06Z"),
                differences(
                        DIR,
                        e -> new Entry(
                                e.path(), "dir", 0755, 0, 0, 0, null, null, "2001-02-03T04:05:06Z", 0, null, null)));
    }

    @Test
    void namesAreBytesThatRoundTripAndShowAsUtf8() {
        byte[] cafe = "srv/café".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = {'b', 'a', 'd', (byte) 0xff, '%'};
        assertEquals("srv/caf%C3%A9", FileName.encode(cafe));
        assertEquals("bad%FF%25", FileName.encode(latin1));
        assertArrayEquals(cafe, FileName.decode(FileName.encode(cafe)));
        assertArrayEquals(latin1, FileName.decode(FileName.encode(latin1)));
        assertEquals("srv/café", FileName.display("srv/caf%C3%A9"));
        assertEquals(
                "notes with spaces.txt", FileName.encode("notes with spaces.txt".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(new byte[] {'\n', 0x7f}, FileName.decode(FileName.encode(new byte[] {'\n', 0x7f})));
    }
}
