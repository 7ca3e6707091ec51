package dev.taos.host.core.facts;

/**
 * From /etc/os-release: {@code id} is ID (debian, ubuntu), {@code versionId} VERSION_ID, {@code codename}
 * VERSION_CODENAME.
 */
public record Distro(String id, String versionId, String codename, String prettyName) {

    public static Distro unknown() {
        return new Distro("unknown", "", "", "unknown Linux");
    }
}
