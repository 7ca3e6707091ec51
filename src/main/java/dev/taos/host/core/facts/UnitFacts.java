package dev.taos.host.core.facts;

/**
 * One taOS unit file: whether it is in /etc/systemd/system, and systemctl's is-enabled / is-active words ("" when
 * unknown).
 */
public record UnitFacts(String name, boolean installed, String enabled, String active) {}
