package dev.taos.host.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.SystemFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaseImageTest {

    private static HostFacts onArch(String arch) {
        HostFacts f = Fixtures.host("btrfs-already");
        SystemFacts h = f.host();
        return new HostFacts(
                f.schemaVersion(),
                new SystemFacts(arch, h.distro(), h.kernel(), h.memoryBytes(), h.cpuCount(), h.systemdPid1()),
                f.storage(),
                f.kernel(),
                f.tools(),
                f.incus(),
                f.units(),
                f.managedFiles(),
                f.installedConfig(),
                f.taosApp(),
                f.appAccess(),
                f.unreadable());
    }

    /** One asset per framework the app looks up a base image for, the app's default (hermes) first. */
    @Test
    void theAssetNamesFollowUpstreamsArchWords() {
        List<BaseImage.Decision> pi = BaseImage.decide(onArch("aarch64"), BaseImage.DEFAULT_BASE_URL);
        assertEquals(
                List.of(
                        "https://github.com/jaylfc/tinyagentos-images/releases/download/rolling-images/"
                                + "taos-hermes-base-linux-arm64.tar.gz",
                        "https://github.com/jaylfc/tinyagentos-images/releases/download/rolling-images/"
                                + "taos-openclaw-base-linux-arm64.tar.gz"),
                pi.stream()
                        .map(d -> assertInstanceOf(BaseImage.Decision.Fetch.class, d)
                                .url())
                        .toList());
        var openclaw = (BaseImage.Decision.Fetch) pi.get(1);
        assertEquals("taos-openclaw-base", openclaw.alias());
        assertEquals(openclaw.url() + ".sha256", openclaw.checksumUrl());
        var x64 = assertInstanceOf(
                BaseImage.Decision.Fetch.class,
                BaseImage.decide(onArch("x86_64"), "http://mirror.lan/taos//").get(1));
        assertEquals("http://mirror.lan/taos/taos-openclaw-base-linux-x64.tar.gz", x64.url());
        var riscv = assertInstanceOf(
                BaseImage.Decision.Refused.class,
                BaseImage.decide(onArch("riscv64"), BaseImage.DEFAULT_BASE_URL).get(0));
        assertEquals("taOS publishes no base image for riscv64 (only x86_64 and aarch64)", riscv.problem());
    }

    @Test
    void readsChecksumFilesAndListings() {
        assertEquals(Optional.of("ab".repeat(32)), BaseImage.publishedHash("AB".repeat(32) + "  file.tar.gz\n"));
        assertEquals(Optional.empty(), BaseImage.publishedHash("<html>not found</html>"));
        assertEquals(
                Optional.empty(), BaseImage.archiveProblem(List.of("./metadata.yaml", "./rootfs/", "./templates/")));
        assertEquals(
                Optional.of("it has no rootfs/ directory, so it is not a unified Incus container image"),
                BaseImage.archiveProblem(List.of("metadata.yaml", "rootfs.squashfs")));
    }
}
