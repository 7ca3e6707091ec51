package dev.taos.host.core.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run of user or group ids, {@code first} to {@code first + count - 1}: a line of /etc/subuid, or a part of a
 * project's idmap list.
 */
public record IdRange(long first, long count) {

    public boolean contains(long id) {
        return id >= first && id < first + count;
    }

    /** Whether any of {@code ranges} holds {@code id}. */
    public static boolean anyContains(List<IdRange> ranges, long id) {
        return ranges.stream().anyMatch(r -> r.contains(id));
    }

    /**
     * Incus's list of ids, as in a project's {@code restricted.idmap.uid}: "990", "1000-1999", or several joined by
     * commas. An unreadable part is left out: it allows nothing.
     */
    public static List<IdRange> parseList(String text) {
        List<IdRange> ranges = new ArrayList<>();
        if (text == null) {
            return ranges;
        }
        for (String part : text.split(",")) {
            String[] ends = part.strip().split("-", 2);
            try {
                long first = Long.parseLong(ends[0].strip());
                long last = ends.length == 2 ? Long.parseLong(ends[1].strip()) : first;
                if (last >= first) {
                    ranges.add(new IdRange(first, last - first + 1));
                }
            } catch (NumberFormatException e) {
                // Not a number: Incus would refuse the value itself; it allows no id here.
            }
        }
        return ranges;
    }

    /**
     * The ranges /etc/subuid or /etc/subgid gives {@code owner} (lines "NAME:FIRST:COUNT"; the owner may also be named
     * by its id).
     */
    public static List<IdRange> parseSubIds(String text, String owner, long ownerId) {
        List<IdRange> ranges = new ArrayList<>();
        text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    String[] fields = line.split(":");
                    if (fields.length == 3 && (fields[0].equals(owner) || fields[0].equals(String.valueOf(ownerId)))) {
                        number(fields[1])
                                .flatMap(first -> number(fields[2]).map(count -> new IdRange(first, count)))
                                .ifPresent(ranges::add);
                    }
                });
        return ranges;
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
