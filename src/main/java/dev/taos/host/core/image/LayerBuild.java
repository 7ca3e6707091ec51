package dev.taos.host.core.image;

import dev.taos.host.core.command.Command;
import dev.taos.host.core.command.Incus;
import dev.taos.host.core.command.Patience;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of one layer's build, in the order they run: the parent launched as a builder, the files copied in, the
 * cached script, each trim rule, a stop (forced only if the clean one fails), publish with the key as properties, the
 * alias pointed at the new image, the image unpacked on the pool, and the builder deleted. {@link #preview} lists them
 * as {@code image build --dry-run} prints them.
 */
public record LayerBuild(Layer layer, LayerKey key, String from, Patience scripts) {

    /**
     * Local layers are never downloaded, so they are stored uncompressed: publishing and unpacking skip the compressor.
     */
    public static final String COMPRESSION = "none";

    /** How the new image is named in a preview, before publish prints its fingerprint. */
    public static final String NEW_IMAGE = "NEW-IMAGE";

    public String builder() {
        return ImageCache.builderName(layer);
    }

    public Command create() {
        return create(from, builder());
    }

    /** {@code instance} made from {@code image}, not started (a builder, or an agent launched by the build path). */
    public static Command create(String image, String instance) {
        return Incus.init(image, instance, "--quiet");
    }

    /** Deletes an instance a build made; its failure is looked into, not thrown. */
    public static Command delete(String instance) {
        return Incus.deleteForced(instance).withPatience(Patience.IMAGE);
    }

    public static Command start(String instance) {
        return Incus.start(instance).withPatience(Patience.IMAGE);
    }

    /** Whether {@code instance} exists (a builder a killed build left behind). */
    public static Command exists(String instance) {
        return Incus.query("/1.0/instances/" + instance);
    }

    /** Whether the daemon answers at all. */
    public static Command daemon() {
        return Incus.query("/1.0");
    }

    /** A systemd image finishes booting (network up) before a script runs; other inits have nothing to wait for. */
    public static Command awaitBoot(String instance) {
        return Incus.exec(
                instance,
                Patience.IMAGE,
                "sh",
                "-c",
                "command -v systemctl >/dev/null 2>&1 && timeout 120 systemctl is-system-running --wait "
                        + ">/dev/null 2>&1; true");
    }

    /** Each of {@code layer}'s files copied into {@code instance}. */
    public static List<Command> files(Layer layer, String instance) {
        return layer.files().entrySet().stream()
                .map(file -> Incus.filePush(file.getValue(), instance, file.getKey()))
                .toList();
    }

    /** {@code script} run with sh -e in {@code instance}, for as long as the operator allows scripts. */
    public static Command script(String instance, String what, String script, Patience scripts) {
        return Incus.exec(instance, scripts, "sh", "-e", "-c", script).described(what + " in " + instance);
    }

    public List<Command> trims() {
        return layer.trim().rules().stream().map(this::trim).toList();
    }

    /** One trim rule in the builder; it prints the bytes it removed on its first line. */
    public Command trim(TrimRule rule) {
        return Incus.exec(builder(), scripts, "sh", "-c", rule.script(layer.trim()))
                .described("the trim rule " + rule.id() + " in " + layer.name() + "'s builder");
    }

    public Command stop() {
        return Incus.stop(builder(), 60).withPatience(Patience.IMAGE);
    }

    public Command stopForced() {
        return Incus.stopForced(builder()).withPatience(Patience.IMAGE);
    }

    public Command publish() {
        return Incus.publish(builder(), COMPRESSION, ImageCache.properties(layer, key));
    }

    /** The layer's alias moved to {@code fingerprint} in one request, or made the first time. */
    public static Command pointAlias(Layer layer, String fingerprint, boolean exists) {
        return exists
                ? Incus.pointAlias(layer.alias(), fingerprint, "default")
                : Incus.aliasCreate(layer.alias(), fingerprint);
    }

    /** The new image unpacked on the pool under the builder's name (deleted again with the builder). */
    public Command unpack(String fingerprint) {
        return create(fingerprint, builder()).withPatience(Patience.IMAGE);
    }

    /** Every command of the build, in order, the new image named {@value #NEW_IMAGE}. */
    public List<Command> preview(boolean aliasExists) {
        List<Command> all = new ArrayList<>(List.of(create(), start(builder()), awaitBoot(builder())));
        all.addAll(files(layer, builder()));
        if (!layer.cached().isBlank()) {
            all.add(script(builder(), layer.name() + "'s cached script", layer.cached(), scripts));
        }
        all.addAll(trims());
        all.addAll(List.of(
                stop(),
                publish(),
                pointAlias(layer, NEW_IMAGE, aliasExists),
                delete(builder()),
                unpack(NEW_IMAGE),
                delete(builder())));
        return all;
    }
}
