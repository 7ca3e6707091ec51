package dev.taos.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails an IT class that leaves a loop device or a mount (shared with the VM) or an Incus host container behind. */
final class NoLeaks implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace SPACE = ExtensionContext.Namespace.create(NoLeaks.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(SPACE).put("loops", VmResources.loopDevices());
        context.getStore(SPACE).put("mounts", VmResources.mounts());
        context.getStore(SPACE).put("hosts", IncusHost.containersOfImage());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertEquals(context.getStore(SPACE).get("loops", List.class), VmResources.loopDevices(), "loop devices leaked by the Incus hosts");
        assertEquals(context.getStore(SPACE).get("mounts", List.class), VmResources.mounts(), "mounts left behind by the Incus hosts");
        assertEquals(context.getStore(SPACE).get("hosts", List.class), IncusHost.containersOfImage(), "Incus host containers left behind");
    }
}
