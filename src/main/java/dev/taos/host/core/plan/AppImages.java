package dev.taos.host.core.plan;

import dev.taos.host.core.command.Incus;
import dev.taos.host.core.door.AppDoor;
import dev.taos.host.core.door.AppDoorState;
import dev.taos.host.core.facts.HostFacts;
import dev.taos.host.core.facts.IncusFacts.CachedImage;
import dev.taos.host.core.facts.Project;
import dev.taos.host.core.facts.StoragePool;
import dev.taos.host.core.plan.Step.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images the taOS app launches, where it launches them (docs/ARCHITECTURE.md, "The app's door"). The app looks its
 * images up in its own project, which incus-user makes with its own images ({@code features.images}), so an image
 * imported into the default project is invisible to it: each base image, and each layer published for the app, is
 * copied there under the alias the app looks up. And on a copy-on-write pool the first launch from an image unpacks it:
 * each is unpacked once on the pool the app's launches root on (a throwaway instance made and deleted), so the app's
 * first deploy is as fast as the next. Each step is planned only for what is missing.
 */
public final class AppImages {

    /** The throwaway instance that unpacks an image on a pool: named after the image, in the default project. */
    static final String WARM_PREFIX = "taos-host-warm-";

    private AppImages() {}

    /**
     * The default project's image called {@code source}, wanted under {@code alias} in the target project;
     * {@code replace}: move the alias when it points at another image there (a layer built anew), rather than leave it
     * (a base image, which a layer published under its alias may have replaced on purpose).
     */
    public record Share(String source, String alias, boolean replace) {
        /** Base images: the same alias on both sides, never taken from an image that holds it already. */
        public static List<Share> baseImages(List<String> aliases) {
            return aliases.stream().map(a -> new Share(a, a, false)).toList();
        }
    }

    /**
     * The steps that put each share's image in {@code project} under its alias (copied when the project lacks it, the
     * alias moved when it points at another image) and unpack it on {@code pool}, where that project's launches root;
     * none when nothing is missing. A share whose source is not in the default project is passed over.
     */
    public static List<Step> steps(HostFacts facts, List<Share> shares, String project, String pool) {
        List<Change> copies = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        List<Change> warms = new ArrayList<>();
        for (Share share : shares) {
            Optional<CachedImage> image = facts.incus().image(Project.DEFAULT, share.source());
            if (image.isEmpty()) {
                // One the app imported itself is unpacked where it is.
                facts.incus().image(project, share.alias()).ifPresent(own -> warms.addAll(warm(facts, own, pool)));
                continue;
            }
            List<Change> changes = share(facts, image.get(), share, project);
            if (!changes.isEmpty()) {
                copies.addAll(changes);
                shared.add(share.alias());
            }
            warms.addAll(warm(facts, image.get(), pool));
        }
        List<Step> steps = new ArrayList<>();
        if (!copies.isEmpty()) {
            steps.add(new Step(
                    Step.Kind.SHARE_APP_IMAGES,
                    "Putting the images the app launches in its project " + project + " (it sees no others): "
                            + String.join(", ", shared),
                    copies,
                    0));
        }
        if (!warms.isEmpty()) {
            steps.add(new Step(
                    Step.Kind.WARM_APP_IMAGES,
                    "Unpacking the app's images on pool \"" + pool + "\" once, so its first deploy pays no unpack",
                    warms,
                    0));
        }
        return steps;
    }

    /**
     * The same for the app as the host shows it now (after setup: its project exists and roots on its pool); none when
     * it has no door or its project is not made yet.
     */
    public static List<Step> forTheApp(HostFacts facts, List<Share> shares) {
        AppDoorState state = AppDoorState.of(facts);
        if (state.project().isEmpty() || !state.projectExists() || state.door() instanceof AppDoor.NoApp) {
            return List.of();
        }
        return steps(facts, shares, state.project().get().name(), state.launchPool());
    }

    /**
     * {@code image} under {@code alias} in {@code project}: a copy (relayed by the client: Incus copies between
     * projects of one server only through a remote), then the alias made, or moved in one request so it never points at
     * nothing.
     */
    private static List<Change> share(HostFacts facts, CachedImage image, Share share, String project) {
        String alias = share.alias();
        Optional<CachedImage> there = facts.incus().image(project, alias);
        if (there.isPresent() && (!share.replace() || there.get().fingerprint().equals(image.fingerprint()))) {
            return List.of();
        }
        String fingerprint = image.fingerprint();
        List<Change> changes = new ArrayList<>();
        boolean copied = facts.incus().images().stream()
                .anyMatch(i -> i.in(project) && i.fingerprint().equals(fingerprint));
        if (!copied) {
            changes.add(Change.undone(
                    new Action.Run(Incus.imageCopy(fingerprint, project)),
                    new Action.Run(Incus.imageDelete(fingerprint).inProject(project))));
        }
        if (there.isEmpty()) {
            changes.add(Change.undone(
                    new Action.Run(Incus.aliasCreate(alias, fingerprint).inProject(project)),
                    new Action.Run(Incus.aliasDelete(alias).inProject(project))));
        } else {
            changes.add(Change.undone(
                    new Action.Run(Incus.pointAlias(alias, fingerprint, project)),
                    new Action.Run(Incus.pointAlias(alias, there.get().fingerprint(), project))));
        }
        return changes;
    }

    /**
     * Unpacking {@code image} on {@code pool}: a stopped instance made from it (in the image's project, without
     * profiles) and deleted; nothing when it is there already. The unpacked image is the pool's, whichever project
     * asked.
     */
    private static List<Change> warm(HostFacts facts, CachedImage image, String pool) {
        // A pool the host does not have yet is the copy-on-write pool setup makes before this step.
        Optional<StoragePool> target = facts.incus().pool(pool);
        if (target.isPresent() && (!target.get().copyOnWrite() || target.get().holdsImage(image.fingerprint()))) {
            return List.of();
        }
        String name = WARM_PREFIX + image.fingerprint().substring(0, 12);
        List<Change> changes = new ArrayList<>();
        Action delete = new Action.Run(Incus.deleteForced(name).inProject(image.project()));
        if (facts.incus().instances().stream()
                .anyMatch(i -> i.project().equals(image.project()) && i.name().equals(name))) {
            changes.add(Change.of(delete));
        }
        changes.add(Change.undoneIfItFails(
                new Action.Run(Incus.init(image.fingerprint(), name, "--no-profiles", "--storage", pool)
                        .inProject(image.project())),
                delete));
        changes.add(Change.of(delete));
        return changes;
    }
}
