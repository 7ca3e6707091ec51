package dev.taos.host.probe;

import oshi.SystemInfo;

/**
 * Starts, on a spare core, the libraries a host probe needs first (Jackson with Incus's answer types, OSHI), while the
 * main thread parses the command line: each takes about a tenth of a second to start. Reads nothing from the host.
 */
public final class Warmup {

    private Warmup() {}

    public static void begin() {
        Thread thread = new Thread(Warmup::warm, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warm() {
        try {
            IncusObjects.warm();
            SocketIncusApi.warm();
            new SystemInfo().getHardware();
        } catch (IncusApi.IncusUnavailable | RuntimeException | LinkageError e) {
            // Only a head start: the probe itself reads and reports whatever fails here.
        }
    }
}
