package dev.taos.host.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The VM's loop devices, which every Incus host container shares: a test must leave them as it found them. */
final class LoopDevices {

    private LoopDevices() {
    }

    static String list() {
        try {
            Process process = new ProcessBuilder("losetup", "-a").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out.lines().sorted().reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("Failed to list loop devices with losetup: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing loop devices", e);
        }
    }
}
