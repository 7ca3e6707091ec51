package dev.taos.host.core.migrate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a root filesystem holds, in walk order (see {@link #walkOrder}): type, mode (with set-id and sticky bits),
 * owner, modification time, extended attributes (which carry POSIX ACLs and file capabilities), hard-link groups, and
 * for regular files size and SHA-256, for links the target, for devices the device number. Paths and link targets are
 * {@link FileName}-encoded bytes. Directory sizes are left out: they differ between filesystems for equal contents. Two
 * trees are compared as two streams in that order ({@link #compare}), so neither needs to be held whole.
 */
public record Manifest(List<Entry> entries) {

    public Manifest {
        entries = List.copyOf(entries);
    }

    /**
     * {@code type} is file, dir, link, fifo, socket, char-device or block-device; {@code size} and {@code sha256} are
     * for files, {@code device} for devices. {@code hardLinks} is, for the second and later names of an inode within
     * the tree, its first name in walk order (null for the first name and for entries with no other name there): equal
     * pointers on both sides mean equal hard-link groups. {@code xattrs} maps each extended attribute's name to its
     * value in hex.
     */
    public record Entry(
            String path,
            String type,
            int mode,
            int uid,
            int gid,
            long size,
            String linkTarget,
            String sha256,
            String modified,
            long device,
            String hardLinks,
            Map<String, String> xattrs) {
        public Entry {
            xattrs = xattrs == null || xattrs.isEmpty() ? Map.of() : Map.copyOf(new TreeMap<>(xattrs));
        }

        public Entry withHash(String hash) {
            return new Entry(path, type, mode, uid, gid, size, linkTarget, hash, modified, device, hardLinks, xattrs);
        }

        public Entry withHardLinks(String first) {
            return new Entry(path, type, mode, uid, gid, size, linkTarget, sha256, modified, device, first, xattrs);
        }
    }

    /** The original side's regular files and their bytes, and the first differences of the copy from it. */
    public record Comparison(long files, long bytes, List<String> differences) {
        public Comparison {
            differences = List.copyOf(differences);
        }
    }

    /** The differences of {@code copy} from this manifest, at most {@code limit} of them, each naming the path. */
    public List<String> differences(Manifest copy, int limit) {
        return compare(entries.iterator(), copy.entries().iterator(), limit).differences();
    }

    /**
     * Compares two trees given as entries in walk order, holding one entry of each at a time; stops at {@code limit}
     * differences, each naming the path.
     */
    public static Comparison compare(Iterator<Entry> original, Iterator<Entry> copy, int limit) {
        List<String> found = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        Entry a = next(original);
        Entry b = next(copy);
        while ((a != null || b != null) && found.size() < limit) {
            int order = a == null ? 1 : b == null ? -1 : walkOrder(a.path(), b.path());
            if (order <= 0 && a.type().equals("file")) {
                files++;
                bytes += a.size();
            }
            if (order < 0) {
                found.add(FileName.display(a.path()) + ": missing from the copy");
                a = next(original);
            } else if (order > 0) {
                found.add(FileName.display(b.path()) + ": in the copy only");
                b = next(copy);
            } else {
                String shown = FileName.display(a.path());
                describe(a, b).ifPresent(d -> found.add(shown + ": " + d));
                a = next(original);
                b = next(copy);
            }
        }
        return new Comparison(files, bytes, found);
    }

    /**
     * The order of a depth-first walk that visits each directory's names sorted as text: a directory, then everything
     * under it, then its next sibling. It is text order with the separator below every other character.
     */
    public static int walkOrder(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static Optional<String> describe(Entry a, Entry b) {
        if (!a.type().equals(b.type())) {
            return Optional.of(a.type() + " became " + b.type());
        }
        if (a.mode() != b.mode()) {
            return Optional.of(
                    "mode " + Integer.toOctalString(a.mode()) + " became " + Integer.toOctalString(b.mode()));
        }
        if (a.uid() != b.uid() || a.gid() != b.gid()) {
            return Optional.of("owner " + a.uid() + ":" + a.gid() + " became " + b.uid() + ":" + b.gid());
        }
        if (a.size() != b.size() || !Objects.equals(a.sha256(), b.sha256())) {
            return Optional.of("content differs");
        }
        if (!Objects.equals(a.linkTarget(), b.linkTarget())) {
            return Optional.of("link target " + shown(a.linkTarget()) + " became " + shown(b.linkTarget()));
        }
        if (a.device() != b.device()) {
            return Optional.of("device number " + a.device() + " became " + b.device());
        }
        if (!Objects.equals(a.hardLinks(), b.hardLinks())) {
            return Optional.of(
                    a.hardLinks() == null
                            ? "hard-linked to " + shown(b.hardLinks()) + " in the copy only"
                            : "hard-linked to " + shown(a.hardLinks()) + " in the original"
                                    + (b.hardLinks() == null
                                            ? ", not in the copy"
                                            : ", to " + shown(b.hardLinks()) + " in the copy"));
        }
        if (!a.xattrs().equals(b.xattrs())) {
            return Optional.of(xattrDifference(a.xattrs(), b.xattrs()));
        }
        if (!Objects.equals(a.modified(), b.modified())) {
            return Optional.of("modified " + a.modified() + " became " + b.modified());
        }
        return Optional.empty();
    }

    private static String xattrDifference(Map<String, String> a, Map<String, String> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            if (!b.containsKey(name)) {
                return "extended attribute " + FileName.display(name) + " missing from the copy";
            }
            if (!a.containsKey(name)) {
                return "extended attribute " + FileName.display(name) + " in the copy only";
            }
            if (!a.get(name).equals(b.get(name))) {
                return "extended attribute " + FileName.display(name) + " differs";
            }
        }
        return "extended attributes differ";
    }

    private static String shown(String encoded) {
        return encoded == null ? "nothing" : FileName.display(encoded);
    }

    private static Entry next(Iterator<Entry> entries) {
        return entries.hasNext() ? entries.next() : null;
    }
}
