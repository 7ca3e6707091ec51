package dev.taos.host.core.units;

/** A file setup keeps in a wanted state, and what systemd should do with it once written. */
public record ManagedFile(String path, String mode, String content, Activation activation) {

    public enum Activation {
        /** Not a unit, or a unit another unit starts (a timer's service). */
        NONE,
        /** Enabled for the next boot only: starting it now could fail or disturb (the app itself). */
        ENABLE,
        /** Enabled and started now (timers and path units). */
        ENABLE_NOW,
        /** Enabled, and started now without waiting for it (a long one-shot job such as a download). */
        ENABLE_START_IN_BACKGROUND
    }

    public String unitName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
