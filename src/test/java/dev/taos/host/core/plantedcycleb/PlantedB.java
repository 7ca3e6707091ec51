package dev.taos.host.core.plantedcycleb;

/** Breaks noPackageCycles on purpose (ArchitectureTest), with PlantedA. */
public final class PlantedB {
    public static int a() {
        return dev.taos.host.core.plantedcyclea.PlantedA.class.getName().length();
    }
}
