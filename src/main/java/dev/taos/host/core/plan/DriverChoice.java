package dev.taos.host.core.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code --driver} asks for. AUTO lets the planner pick the best copy-on-write backend the host supports. */
public enum DriverChoice {
    AUTO,
    BTRFS,
    ZFS,
    LVM;

    /** The drivers this choice lets the planner try, in order. */
    public List<CowDriver> drivers() {
        return this == AUTO ? List.of(CowDriver.values()) : List.of(CowDriver.valueOf(name()));
    }

    public String incusName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriverChoice parse(String text) {
        for (DriverChoice choice : values()) {
            if (choice.incusName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return choice;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a driver; choose one of " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(DriverChoice::incusName).collect(Collectors.joining(", "));
    }
}
