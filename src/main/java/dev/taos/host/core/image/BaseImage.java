package dev.taos.host.core.image;

import dev.taos.host.core.facts.HostFacts;
import java.util.List;
import java.util.Optional;

/**
 * The taOS base image: where its release asset is for this host's arch (the names upstream's workflow publishes),
 * whether it is already imported, and whether a download is one worth importing.
 */
public final class BaseImage {

    public static final String ALIAS = "taos-openclaw-base";
    public static final String DEFAULT_BASE_URL =
            "https://github.com/jaylfc/tinyagentos-images/releases/download/rolling-images";
    public static final String URL_VARIABLE = "TAOS_BASE_IMAGE_URL";

    private BaseImage() {}

    /** Fetch it, it is already there, or it cannot be fetched for this host. */
    public sealed interface Decision {
        record Fetch(String asset, String url, String checksumUrl) implements Decision {}

        record Present(String fingerprint) implements Decision {}

        /** {@code invalidInput}: the operator's --url is wrong (exit 2) rather than the host (exit 3). */
        record Refused(String problem, String remedy, boolean invalidInput) implements Decision {}
    }

    public static Decision decide(HostFacts facts, String baseUrl) {
        if (!facts.incus().running()) {
            return new Decision.Refused(
                    "the Incus daemon does not answer (" + facts.incus().detail() + ")",
                    "start Incus, then run fetch-base-image again",
                    false);
        }
        var present = facts.incus().images().stream()
                .filter(i -> i.aliases().contains(ALIAS))
                .findFirst();
        if (present.isPresent()) {
            return new Decision.Present(present.get().fingerprint());
        }
        Optional<String> suffix = archSuffix(facts.host().arch());
        if (suffix.isEmpty()) {
            return new Decision.Refused(
                    "taOS publishes no base image for " + facts.host().arch() + " (only x86_64 and aarch64)",
                    "let the deployer build agents from images:debian/bookworm, as it does without the base image",
                    false);
        }
        if (!baseUrl.matches("https?://\\S+")) {
            return new Decision.Refused(
                    "\"" + baseUrl + "\" is not an http(s) address",
                    "give --url https://HOST/PATH (the directory holding the release assets)",
                    true);
        }
        String asset = ALIAS + "-linux-" + suffix.get() + ".tar.gz";
        String url = baseUrl.replaceAll("/+$", "") + "/" + asset;
        return new Decision.Fetch(asset, url, url + ".sha256");
    }

    /** The arch word in the asset names: aarch64 is arm64, x86_64 is x64. */
    static Optional<String> archSuffix(String arch) {
        return switch (arch) {
            case "aarch64", "arm64" -> Optional.of("arm64");
            case "x86_64", "amd64" -> Optional.of("x64");
            default -> Optional.empty();
        };
    }

    /** The hash a {@code sha256sum}-style checksum file gives: its first word, when that is 64 hex digits. */
    public static Optional<String> publishedHash(String checksumFile) {
        String first = checksumFile.strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return first.matches("[0-9a-f]{64}") ? Optional.of(first) : Optional.empty();
    }

    /** Why a listing ({@code tar -tzf}) is not a unified Incus image: it needs metadata.yaml and a rootfs directory. */
    public static Optional<String> archiveProblem(List<String> entries) {
        List<String> names =
                entries.stream().map(e -> e.replaceFirst("^\\./", "")).toList();
        if (!names.contains("metadata.yaml")) {
            return Optional.of("it has no metadata.yaml, so it is not an Incus image");
        }
        if (names.stream().noneMatch(n -> n.startsWith("rootfs/"))) {
            return Optional.of("it has no rootfs/ directory, so it is not a unified Incus container image");
        }
        return Optional.empty();
    }
}
