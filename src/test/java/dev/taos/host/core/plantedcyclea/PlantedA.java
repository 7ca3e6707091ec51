package dev.taos.host.core.plantedcyclea;

/** Breaks noPackageCycles on purpose (ArchitectureTest), with PlantedB. */
public final class PlantedA {
    public static int b() {
        return dev.taos.host.core.plantedcycleb.PlantedB.a();
    }
}
