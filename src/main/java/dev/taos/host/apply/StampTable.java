package dev.taos.host.apply;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side's check before the stop read, by inode ({@code dev}, {@code ino}): the ctime and size it had, the
 * SHA-256 of a regular file's bytes and the extended attributes. Held in primitive arrays (an open-addressing table of
 * {@value #LONGS} longs a slot), about {@value #BYTES_PER_ENTRY} bytes an entry at worst, and never more entries than
 * its budget, which both sides of a migration share: beyond it, a file is simply read again after the stop.
 */
final class StampTable {

    /** dev, ino, ctime (ns since the epoch), size, then the SHA-256 as four longs. */
    private static final int LONGS = 8;

    static final int BYTES_PER_ENTRY = 200;

    private final AtomicLong budget;
    private final List<Map<String, String>> xattrs = new ArrayList<>();
    private long[] slots = new long[1024 * LONGS];
    /** Per slot: 0 when empty; else bit 0 set, bit 1 when a hash is held, and above those the xattrs' index + 1. */
    private int[] tags = new int[1024];

    private int size;

    /** {@code budget}: how many more entries may be held, shared with the other side's table. */
    StampTable(AtomicLong budget) {
        this.budget = budget;
    }

    /** What was read of an inode: its hash ({@code null} but for regular files) and extended attributes. */
    record Known(String sha256, Map<String, String> xattrs) {}

    /** Holds what was read of the inode with these stamps; false when the budget is spent. */
    synchronized boolean put(long dev, long ino, long ctime, long size, String sha256, Map<String, String> attrs) {
        int slot = find(dev, ino);
        if (tags[slot] == 0) {
            if (budget.getAndDecrement() <= 0) {
                budget.incrementAndGet();
                return false;
            }
            this.size++;
        }
        int at = slot * LONGS;
        slots[at] = dev;
        slots[at + 1] = ino;
        slots[at + 2] = ctime;
        slots[at + 3] = size;
        int tag = 1;
        if (sha256 != null) {
            byte[] sha = HexFormat.of().parseHex(sha256);
            for (int i = 0; i < 4; i++) {
                slots[at + 4 + i] = bytesToLong(sha, i * 8);
            }
            tag |= 2;
        }
        if (!attrs.isEmpty()) {
            xattrs.add(Map.copyOf(attrs));
            tag |= xattrs.size() << 2;
        }
        tags[slot] = tag;
        if (this.size * 4 >= tags.length * 3) {
            grow();
        }
        return true;
    }

    /** What was read of this inode, if it was read with exactly these stamps (ctime in ns since the epoch, size). */
    synchronized Optional<Known> get(long dev, long ino, long ctime, long size) {
        int slot = find(dev, ino);
        int at = slot * LONGS;
        int tag = tags[slot];
        if (tag == 0 || slots[at + 2] != ctime || slots[at + 3] != size) {
            return Optional.empty();
        }
        String sha = null;
        if ((tag & 2) != 0) {
            byte[] bytes = new byte[32];
            for (int i = 0; i < 4; i++) {
                longToBytes(slots[at + 4 + i], bytes, i * 8);
            }
            sha = HexFormat.of().formatHex(bytes);
        }
        int index = tag >>> 2;
        return Optional.of(new Known(sha, index == 0 ? Map.of() : xattrs.get(index - 1)));
    }

    synchronized int size() {
        return size;
    }

    /** The slot holding this inode, or the empty one where it would go. */
    private int find(long dev, long ino) {
        int mask = tags.length - 1;
        long h = (dev * 0x9E3779B97F4A7C15L) ^ (ino * 0xC2B2AE3D27D4EB4FL);
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (tags[slot] != 0 && (slots[slot * LONGS] != dev || slots[slot * LONGS + 1] != ino)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldTags = tags;
        slots = new long[oldSlots.length * 2];
        tags = new int[oldTags.length * 2];
        for (int old = 0; old < oldTags.length; old++) {
            if (oldTags[old] != 0) {
                int slot = find(oldSlots[old * LONGS], oldSlots[old * LONGS + 1]);
                System.arraycopy(oldSlots, old * LONGS, slots, slot * LONGS, LONGS);
                tags[slot] = oldTags[old];
            }
        }
    }

    private static long bytesToLong(byte[] b, int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[from + i] & 0xff);
        }
        return v;
    }

    private static void longToBytes(long v, byte[] b, int from) {
        for (int i = 7; i >= 0; i--) {
            b[from + i] = (byte) v;
            v >>>= 8;
        }
    }
}
