package dev.taos.host.core.migrate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a root filesystem holds, sorted by path: type, mode (with set-id and sticky bits), owner, and for regular files
 * size and SHA-256, for links the target. Directory sizes are left out: they differ between filesystems for equal contents.
 */
public record Manifest(List<Entry> entries) {

    public Manifest {
        entries = List.copyOf(entries);
    }

    /** {@code type} is file, dir, link or other (devices, fifos, sockets); {@code size} and {@code sha256} are for files only. */
    public record Entry(String path, String type, int mode, int uid, int gid, long size, String linkTarget, String sha256) {
    }

    public long files() {
        return entries.stream().filter(e -> e.type().equals("file")).count();
    }

    public long bytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    /** The differences of {@code copy} from this manifest, at most {@code limit} of them, each naming the path. */
    public List<String> differences(Manifest copy, int limit) {
        List<String> found = new ArrayList<>();
        Iterator<Entry> left = entries.iterator();
        Iterator<Entry> right = copy.entries().iterator();
        Entry a = next(left);
        Entry b = next(right);
        while ((a != null || b != null) && found.size() < limit) {
            int order = a == null ? 1 : b == null ? -1 : a.path().compareTo(b.path());
            if (order < 0) {
                found.add(a.path() + ": missing from the copy");
                a = next(left);
            } else if (order > 0) {
                found.add(b.path() + ": in the copy only");
                b = next(right);
            } else {
                describe(a, b).ifPresent(found::add);
                a = next(left);
                b = next(right);
            }
        }
        return found;
    }

    private static Optional<String> describe(Entry a, Entry b) {
        if (!a.type().equals(b.type())) {
            return Optional.of(a.path() + ": " + a.type() + " became " + b.type());
        }
        if (a.mode() != b.mode()) {
            return Optional.of(a.path() + ": mode " + Integer.toOctalString(a.mode()) + " became " + Integer.toOctalString(b.mode()));
        }
        if (a.uid() != b.uid() || a.gid() != b.gid()) {
            return Optional.of(a.path() + ": owner " + a.uid() + ":" + a.gid() + " became " + b.uid() + ":" + b.gid());
        }
        if (a.size() != b.size() || !Objects.equals(a.sha256(), b.sha256())) {
            return Optional.of(a.path() + ": content differs");
        }
        if (!Objects.equals(a.linkTarget(), b.linkTarget())) {
            return Optional.of(a.path() + ": link target " + a.linkTarget() + " became " + b.linkTarget());
        }
        return Optional.empty();
    }

    private static Entry next(Iterator<Entry> entries) {
        return entries.hasNext() ? entries.next() : null;
    }
}
