package dev.taos.host.core;

/** Breaks coreIsPure on purpose (ArchitectureTest): a decision that reads a file. */
final class PlantedIo {
    boolean decide() {
        return new java.io.File("/etc/hostname").exists();
    }
}
