package dev.taos.host.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Incus host containers share with the VM: its loop devices and its mount table. Tests leave both as found.
 */
final class VmResources {

    private VmResources() {}

    /**
     * What marks a host's belongings on the VM: the directory its layers are under (the parent of Docker's merged
     * directory), beneath which its mounts are; and the device of its root filesystem, which a loop device backed by a
     * file inside the host names ("/dev/loop0: [0039]:1819361 (/var/lib/incus/disks/fast.img)": the path is the host's
     * own).
     */
    record Footprint(String layers, long device) {
        boolean backs(String loop) {
            int open = loop.indexOf('[');
            int close = loop.indexOf(']', open);
            return open >= 0 && close > open && Long.parseLong(loop.substring(open + 1, close)) == device;
        }
    }

    /** Each loop device with its backing file's device and inode, as losetup lists them. */
    static List<String> loopDevices() {
        return run("losetup", "-a").lines().sorted().toList();
    }

    /** Container {@code id}'s footprint (docker-java's inspect model leaves MergedDir out, so the CLI is asked). */
    static Footprint footprint(String id) {
        String merged = run("docker", "inspect", "-f", "{{.GraphDriver.Data.MergedDir}}", id)
                .strip();
        if (!merged.startsWith("/")) {
            throw new IllegalStateException(
                    "Failed to read where Docker keeps host " + id + "'s files: docker inspect said " + merged);
        }
        return new Footprint(
                merged.substring(0, merged.lastIndexOf('/') + 1),
                Long.parseLong(run("stat", "-c", "%d", merged).strip()));
    }

    private static String run(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Failed to run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Mount points of the VM's own mount namespace. */
    static List<String> mounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" ")[1])
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the mount table: " + e.getMessage(), e);
        }
    }
}
