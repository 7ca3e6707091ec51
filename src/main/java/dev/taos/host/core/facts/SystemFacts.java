package dev.taos.host.core.facts;

/** The machine itself. {@code arch} uses Incus's names (x86_64, aarch64). */
public record SystemFacts(
        String arch, Distro distro, String kernel, long memoryBytes, int cpuCount, boolean systemdPid1) {}
