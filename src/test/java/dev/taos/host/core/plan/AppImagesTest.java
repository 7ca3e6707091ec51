package dev.taos.host.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taos.host.core.door.AppHostsFacts;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.Instance;
import dev.taos.host.core.facts.StoragePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The app's images where it launches them, on the captured Pi (its project user-990 holds taos-openclaw-base, which its
 * user imported; the default project holds what root imported) with a btrfs pool beside its dir pool.
 */
class AppImagesTest {

    private static final String OPENCLAW = "0".repeat(64);
    private static final String HERMES = "a".repeat(64);

    /** The btrfs pool setup made, holding the images {@code unpacked} (their fingerprints). */
    private static StoragePool btrfs(List<String> unpacked) {
        return new StoragePool(
                "taos-btrfs",
                "btrfs",
                "/var/lib/incus/disks/taos-btrfs.img",
                true,
                "Created",
                1,
                1,
                0,
                List.of(),
                List.of(),
                unpacked);
    }

    /** The Pi with {@code taos-hermes-base} in the default project, a btrfs pool holding {@code unpacked}. */
    private static HostFacts pi(List<String> unpacked, List<CachedImage> more, List<Instance> extra) {
        HostFacts pi = AppHostsFacts.pi();
        IncusFacts i = pi.incus();
        List<StoragePool> pools = new ArrayList<>(i.pools());
        pools.add(btrfs(unpacked));
        List<CachedImage> images = new ArrayList<>(i.images());
        images.add(new CachedImage(HERMES, List.of("taos-hermes-base"), "x86_64", 1, Map.of(), "", ""));
        images.add(new CachedImage(OPENCLAW + "", List.of("taos-openclaw-base"), "x86_64", 1, Map.of(), "", ""));
        images.addAll(more);
        List<Instance> instances = new ArrayList<>(i.instances());
        instances.addAll(extra);
        return pi.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                pools,
                i.defaultProfile(),
                instances,
                i.managedNetworks(),
                images,
                i.cluster(),
                i.projects()));
    }

    private static List<String> commands(Step step) {
        return step.actions().stream().map(Action::display).toList();
    }

    private static List<Step> baseImages(HostFacts facts) {
        return AppImages.steps(
                facts,
                AppImages.Share.baseImages(List.of("taos-hermes-base", "taos-openclaw-base")),
                "user-990",
                "taos-btrfs");
    }

    /**
     * The app sees only its own project's images: the one it lacks is copied there under its alias (the other it has),
     * and each is unpacked once on its pool by an instance made and deleted.
     */
    @Test
    void anImageTheAppsProjectLacksIsCopiedThereAndEachIsUnpackedOnItsPool() {
        List<Step> steps = baseImages(pi(List.of(), List.of(), List.of()));
        assertEquals(
                List.of(Step.Kind.SHARE_APP_IMAGES, Step.Kind.WARM_APP_IMAGES),
                steps.stream().map(Step::kind).toList());
        assertEquals(
                List.of(
                        "incus image copy local:" + HERMES + " local: --project default --target-project user-990"
                                + " --mode relay",
                        "incus image alias create taos-hermes-base " + HERMES + " --project user-990"),
                commands(steps.get(0)));
        assertEquals(
                List.of(
                        "incus image alias delete taos-hermes-base --project user-990",
                        "incus image delete " + HERMES + " --project user-990"),
                steps.get(0).revert().stream().map(Action::display).toList());
        assertEquals(
                List.of(
                        "incus init " + HERMES + " taos-host-warm-aaaaaaaaaaaa --no-profiles --storage taos-btrfs",
                        "incus delete --force taos-host-warm-aaaaaaaaaaaa",
                        "incus init " + OPENCLAW + " taos-host-warm-000000000000 --no-profiles --storage taos-btrfs",
                        "incus delete --force taos-host-warm-000000000000"),
                commands(steps.get(1)));
    }

    /** The app imported its base image itself, into its own project: it is unpacked from there. */
    @Test
    void anImageTheAppImportedItselfIsUnpackedFromItsProject() {
        HostFacts pi = AppHostsFacts.pi();
        IncusFacts i = pi.incus();
        List<StoragePool> pools = new ArrayList<>(i.pools());
        pools.add(btrfs(List.of()));
        HostFacts facts = pi.withIncus(new IncusFacts(
                i.status(),
                i.detail(),
                i.serverVersion(),
                i.supportedDrivers(),
                pools,
                i.defaultProfile(),
                i.instances(),
                i.managedNetworks(),
                i.images(),
                i.cluster(),
                i.projects()));
        assertEquals(
                List.of(
                        "incus init " + OPENCLAW + " taos-host-warm-000000000000 --no-profiles --storage taos-btrfs"
                                + " --project user-990",
                        "incus delete --force taos-host-warm-000000000000 --project user-990"),
                commands(baseImages(facts).get(0)));
    }

    /** Setup plans the unpacking on the pool it is about to make, so the app's first deploy after it pays none. */
    @Test
    void theImagesAreUnpackedOnThePoolSetupMakesAndNotOnADirPool() {
        HostFacts pi = AppHostsFacts.pi();
        assertEquals(
                List.of(
                        "incus init " + OPENCLAW + " taos-host-warm-000000000000 --no-profiles --storage new-pool"
                                + " --project user-990",
                        "incus delete --force taos-host-warm-000000000000 --project user-990"),
                commands(AppImages.steps(
                                pi, AppImages.Share.baseImages(List.of("taos-openclaw-base")), "user-990", "new-pool")
                        .get(0)));
        assertEquals(
                List.of(),
                AppImages.steps(pi, AppImages.Share.baseImages(List.of("taos-openclaw-base")), "user-990", "default"),
                "the dir pool the app roots on now unpacks nothing ahead");
    }

    /** Once copied and unpacked, a second setup plans nothing; a leftover throwaway instance goes first. */
    @Test
    void nothingIsPlannedForWhatIsThereAndALeftoverUnpackerIsDeletedFirst() {
        CachedImage copied =
                new CachedImage(HERMES, "user-990", List.of("taos-hermes-base"), "x86_64", 1, Map.of(), "", "");
        assertEquals(List.of(), baseImages(pi(List.of(HERMES, OPENCLAW), List.of(copied), List.of())));
        Instance leftover = new Instance(
                "taos-host-warm-aaaaaaaaaaaa",
                "default",
                "container",
                "Stopped",
                "taos-btrfs",
                true,
                false,
                0,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                "",
                "");
        assertEquals(
                List.of(
                        "incus delete --force taos-host-warm-aaaaaaaaaaaa",
                        "incus init " + HERMES + " taos-host-warm-aaaaaaaaaaaa --no-profiles --storage taos-btrfs",
                        "incus delete --force taos-host-warm-aaaaaaaaaaaa"),
                commands(baseImages(pi(List.of(OPENCLAW), List.of(copied), List.of(leftover)))
                        .get(0)));
    }

    /**
     * A base image never takes an alias the app's project has given another image (a layer published under it); a layer
     * built anew moves it, in one request.
     */
    @Test
    void aBaseImageLeavesAnAliasHeldByAnotherImageAndALayerMovesIt() {
        CachedImage layerThere =
                new CachedImage("b".repeat(64), "user-990", List.of("taos-hermes-base"), "x86_64", 1, Map.of(), "", "");
        HostFacts facts = pi(List.of(HERMES, OPENCLAW), List.of(layerThere), List.of());
        assertEquals(List.of(), baseImages(facts));
        List<Step> layer = AppImages.steps(
                facts,
                List.of(new AppImages.Share("taos-hermes-base", "taos-hermes-base", true)),
                "user-990",
                "taos-btrfs");
        assertEquals(
                List.of(
                        "incus image copy local:" + HERMES + " local: --project default --target-project user-990"
                                + " --mode relay",
                        "incus query -X PATCH '/1.0/images/aliases/taos-hermes-base?project=user-990' --data"
                                + " '{\"target\": \"" + HERMES + "\"}'"),
                commands(layer.get(0)));
    }
}
