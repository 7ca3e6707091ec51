package dev.taos.host.core.plan;

import dev.taos.host.core.ByteSize;
import java.util.Optional;

/**
 * The storage one cluster member's part of the pool gets, where the operator sets it (the answers file's
 * {@code members}): a loop file of {@code size}, or existing storage at {@code source}; empty for the cluster-wide
 * rule.
 */
public record MemberStorage(Optional<ByteSize> size, Optional<String> source) {

    public MemberStorage {
        if (size.isPresent() && source.isPresent()) {
            throw new IllegalArgumentException(
                    "a member's size and source cannot both be given: a size is for a new loop file, a source is "
                            + "existing"
                            + " storage; keep one");
        }
        if (size.isEmpty() && source.isEmpty()) {
            throw new IllegalArgumentException(
                    "a member needs its size or its source; leave the member out to use the cluster-wide rule");
        }
        source.ifPresent(s -> {
            if (s.isBlank()) {
                throw new IllegalArgumentException(
                        "the source is empty; give a block device or a directory on that member, or leave it out");
            }
        });
    }
}
