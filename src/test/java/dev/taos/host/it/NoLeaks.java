package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails an IT class whose Incus hosts leave something behind on the VM: a host container, a loop device backed by a
 * file inside a host, or a mount beneath a host's filesystem. Only what the class's own hosts own is compared, so other
 * containers started or stopped on the machine meanwhile (another IT class in parallel, a benchmark) change nothing.
 */
final class NoLeaks implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace SPACE = ExtensionContext.Namespace.create(NoLeaks.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(SPACE).put("earlier", Set.copyOf(IncusHost.STARTED.keySet()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Set<?> earlier = context.getStore(SPACE).get("earlier", Set.class);
        Map<String, VmResources.Footprint> ours = new TreeMap<>(IncusHost.STARTED);
        ours.keySet().removeAll(earlier);
        Set<String> existing = new HashSet<>(IncusHost.containersOfImage());
        assertEquals(
                List.of(),
                ours.keySet().stream().filter(existing::contains).toList(),
                "Incus host containers left behind");
        assertEquals(
                List.of(),
                VmResources.loopDevices().stream()
                        .filter(loop -> ours.values().stream().anyMatch(f -> f.backs(loop)))
                        .toList(),
                "loop devices leaked by the Incus hosts (backed by a file inside one)");
        assertEquals(
                List.of(),
                VmResources.mounts().stream()
                        .filter(mount -> ours.values().stream().anyMatch(f -> mount.startsWith(f.layers())))
                        .toList(),
                "mounts left behind by the Incus hosts");
    }
}
