package dev.taos.host.core.units;

import java.util.Map;
import java.util.Optional;

/**
 * The operator's opt-ins besides storage. Empty means "as now": what the installed config says, else off. So a second
 * setup without the flags keeps what the first one turned on, and verify checks against the same choice.
 */
public record UnitChoices(
        Optional<Boolean> fetchBaseImage, Optional<Boolean> poolAutoGrow, Optional<Boolean> imageBuild) {

    /** What the host ends up with. */
    public record Resolved(boolean fetchBaseImage, boolean poolAutoGrow, boolean imageBuild) {}

    public static UnitChoices asInstalled() {
        return new UnitChoices(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Resolved resolve(Map<String, String> installedConfig) {
        return new Resolved(
                fetchBaseImage.orElse(HostConfig.on(installedConfig, HostConfig.FETCH)),
                poolAutoGrow.orElse(HostConfig.on(installedConfig, HostConfig.AUTOGROW)),
                imageBuild.orElse(HostConfig.on(installedConfig, HostConfig.IMAGE_BUILD)));
    }
}
