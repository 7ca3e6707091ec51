package dev.taos.host.it;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.util.List;
import java.util.Map;

/**
 * docker-java's HostConfig has no field for masked and read-only paths, which {@code --security-opt
 * systempaths=unconfined} clears in the Engine API. Without that, containers nested by Incus cannot mount /proc.
 * {@code --privileged} is not used: it fails on machines without CAP_SYS_RESOURCE (docs/ARCHITECTURE.md, "Test hosts").
 * The host keeps its own /sys (the VM's, bound in, makes bridged NICs fail with "Parent device doesn't exist"), which
 * its image remounts read-write before incusd starts; the VM's cgroups are bound in for the instances' limits.
 */
final class UnmaskedHostConfig extends HostConfig {

    private static final long serialVersionUID = 1L;

    @JsonProperty("MaskedPaths")
    private final List<String> maskedPaths = List.of();

    @JsonProperty("ReadonlyPaths")
    private final List<String> readonlyPaths = List.of();

    static HostConfig forIncus() {
        return new UnmaskedHostConfig()
                .withCapAdd(Capability.ALL)
                .withCapDrop(Capability.SYS_RESOURCE)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                .withDeviceCgroupRules(List.of("a *:* rwm"))
                .withBinds(
                        new Bind("/dev", new Volume("/dev")), new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup")))
                .withTmpFs(Map.of("/run", "rw"));
    }
}
