package dev.taos.host.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the Incus host containers share with the VM: its loop devices and its mount table. Tests leave both as found. */
final class VmResources {

    private VmResources() {
    }

    static List<String> loopDevices() {
        try {
            Process process = new ProcessBuilder("losetup", "-a").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out.lines().sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Failed to list loop devices with losetup: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing loop devices", e);
        }
    }

    /** Mount points of the VM's own mount namespace. */
    static List<String> mounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(line -> line.split(" ")[1]).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the mount table: " + e.getMessage(), e);
        }
    }
}
