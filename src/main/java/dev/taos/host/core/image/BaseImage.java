package dev.taos.host.core.image;

import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.Project;
import java.util.List;
import java.util.Optional;

/**
 * The taOS base images: one per framework the app ships a base for, each looked up by the app under its alias
 * ({@code taos-FRAMEWORK-base}) before it falls back to {@code taos-base} and then {@code images:debian/bookworm};
 * where each release asset is for this host's arch (the names upstream's workflow publishes), whether it is already
 * imported, and whether a download is one worth importing.
 */
public final class BaseImage {

    /** The frameworks taOS publishes a base image for, the app's default (hermes) first. */
    public static final List<String> FRAMEWORKS = List.of("hermes", "openclaw");
    /** The base image taOS has published longest, and the one benchmarks launch. */
    public static final String ALIAS = "taos-openclaw-base";

    public static final String DEFAULT_BASE_URL =
            "https://github.com/jaylfc/tinyagentos-images/releases/download/rolling-images";
    public static final String URL_VARIABLE = "TAOS_BASE_IMAGE_URL";

    private BaseImage() {}

    /** The alias the app looks up for a framework's base image. */
    public static String alias(String framework) {
        return "taos-" + framework + "-base";
    }

    /** Every base image's alias, in the order the app tries frameworks by default. */
    public static List<String> aliases() {
        return FRAMEWORKS.stream().map(BaseImage::alias).toList();
    }

    /** Fetch one image, it is already there, or none can be fetched for this host. */
    public sealed interface Decision {
        record Fetch(String alias, String asset, String url, String checksumUrl) implements Decision {}

        record Present(String alias, String fingerprint) implements Decision {}

        /** {@code invalidInput}: the operator's --url is wrong (exit 2) rather than the host (exit 3). */
        record Refused(String problem, String remedy, boolean invalidInput) implements Decision {}
    }

    /**
     * One decision per base image, in {@link #FRAMEWORKS} order, for the images of the default project; or a single
     * {@link Decision.Refused} when none can be fetched on this host.
     */
    public static List<Decision> decide(HostFacts facts, String baseUrl) {
        if (!facts.incus().running()) {
            return List.of(new Decision.Refused(
                    "the Incus daemon does not answer (" + facts.incus().detail() + ")",
                    "start Incus, then run fetch-base-image again",
                    false));
        }
        Optional<String> suffix = archSuffix(facts.host().arch());
        if (suffix.isEmpty()) {
            return List.of(new Decision.Refused(
                    "taOS publishes no base image for " + facts.host().arch() + " (only x86_64 and aarch64)",
                    "let the deployer build agents from images:debian/bookworm, as it does without the base image",
                    false));
        }
        if (!baseUrl.matches("https?://\\S+")) {
            return List.of(new Decision.Refused(
                    "\"" + baseUrl + "\" is not an http(s) address",
                    "give --url https://HOST/PATH (the directory holding the release assets)",
                    true));
        }
        return aliases().stream()
                .map(alias -> facts.incus()
                        .image(Project.DEFAULT, alias)
                        .<Decision>map(image -> new Decision.Present(alias, image.fingerprint()))
                        .orElseGet(() -> {
                            String asset = alias + "-linux-" + suffix.get() + ".tar.gz";
                            String url = baseUrl.replaceAll("/+$", "") + "/" + asset;
                            return new Decision.Fetch(alias, asset, url, url + ".sha256");
                        }))
                .toList();
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
