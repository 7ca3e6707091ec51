package dev.taos.host.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.taos.host.apply.AtomicFiles;
import dev.taos.host.core.ByteSize;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.InstallRequest;
import dev.taos.host.core.plan.MemberStorage;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.StopPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answers file: the flags of {@code plan} and {@code setup} as YAML or JSON, versioned, bound strictly by Jackson.
 * Unknown keys, wrong types and bad values are refused with the key and line; the wizard writes exactly this format.
 */
public final class AnswersFile {

    public static final int VERSION = 1;

    /** The file's values, typed and checked by the flags' own rules; null where the file leaves a key out. */
    @JsonPropertyOrder({
        "version",
        "driver",
        "pool",
        "size",
        "source",
        "members",
        "migrate",
        "stop-timeout",
        "force-stop",
        "pre-copy",
        "fetch-base-image",
        "pool-autogrow",
        "image-build",
        "app-user",
        "prepare-app",
        "app-proxies"
    })
    public record Answers(
            @JsonProperty("version") @JsonDeserialize(using = AnswerValues.Version.class)
            Integer version,

            @JsonProperty("driver")
            @JsonDeserialize(using = AnswerValues.Driver.class)
            @JsonSerialize(using = AnswerValues.DriverText.class)
            DriverChoice driver,

            @JsonProperty("pool") @JsonDeserialize(using = AnswerValues.Pool.class)
            String pool,

            @JsonProperty("size")
            @JsonDeserialize(using = AnswerValues.Size.class)
            @JsonSerialize(using = AnswerValues.SizeText.class)
            ByteSize size,

            @JsonProperty("source") @JsonDeserialize(using = AnswerValues.Source.class)
            String source,

            @JsonProperty("members") Map<String, Member> members,

            @JsonProperty("migrate")
            @JsonDeserialize(using = AnswerValues.Migrate.class)
            @JsonSerialize(using = AnswerValues.MigrateText.class)
            MigrateSelection migrate,

            @JsonProperty("stop-timeout") @JsonDeserialize(using = AnswerValues.StopTimeout.class)
            Long stopTimeoutSeconds,

            @JsonProperty("force-stop") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean forceStop,

            @JsonProperty("pre-copy") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean preCopy,

            @JsonProperty("fetch-base-image") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean fetchBaseImage,

            @JsonProperty("pool-autogrow") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean poolAutoGrow,

            @JsonProperty("image-build") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean imageBuild,

            @JsonProperty("app-user") @JsonDeserialize(using = AnswerValues.AppUser.class)
            String appUser,

            @JsonProperty("prepare-app") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean prepareApp,

            @JsonProperty("app-proxies") @JsonDeserialize(using = AnswerValues.Flag.class)
            Boolean appProxies) {

        public static Answers none() {
            return new Answers(
                    VERSION, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** How to stop containers chosen for migration: the file's keys, the defaults where it has none. */
        public StopPolicy stopPolicy() {
            StopPolicy defaults = StopPolicy.defaults();
            return new StopPolicy(
                    stopTimeoutSeconds == null ? defaults.timeoutSeconds() : stopTimeoutSeconds,
                    forceStop == null ? defaults.force() : forceStop,
                    preCopy == null ? defaults.preCopy() : preCopy);
        }

        /** The storage of the named cluster members (the others follow size); none where the file gives no members. */
        public Map<String, MemberStorage> memberStorage(Path file) {
            Map<String, MemberStorage> storage = new TreeMap<>();
            (members == null ? Map.<String, Member>of() : members).forEach((name, member) -> {
                try {
                    storage.put(
                            name,
                            new MemberStorage(
                                    Optional.ofNullable(member == null ? null : member.size()),
                                    Optional.ofNullable(member == null ? null : member.source())));
                } catch (IllegalArgumentException e) {
                    throw problem(file, "member \"" + name + "\": " + e.getMessage());
                }
            });
            return storage;
        }

        /**
         * The answers that make {@code request}: how to stop is written only when instances are migrated and it is not
         * the default.
         */
        static Answers of(InstallRequest request) {
            boolean stopAsked = !(request.migrate() instanceof MigrateSelection.None)
                    && !request.stop().equals(StopPolicy.defaults());
            Map<String, Member> members = new TreeMap<>();
            request.members()
                    .forEach((name, m) -> members.put(
                            name, new Member(m.size().orElse(null), m.source().orElse(null))));
            return new Answers(
                    VERSION,
                    request.driver(),
                    request.pool().orElse(null),
                    request.size().orElse(null),
                    request.source().orElse(null),
                    members.isEmpty() ? null : members,
                    request.migrate(),
                    stopAsked ? request.stop().timeoutSeconds() : null,
                    stopAsked ? request.stop().force() : null,
                    stopAsked ? request.stop().preCopy() : null,
                    request.units().fetchBaseImage().orElse(null),
                    request.units().poolAutoGrow().orElse(null),
                    request.units().imageBuild().orElse(null),
                    request.app().user().orElse(null),
                    request.app().prepare() ? null : false,
                    request.app().proxies() ? null : false);
        }
    }

    /** One cluster member's storage: the size of its loop file, or its existing storage. */
    @JsonPropertyOrder({"size", "source"})
    public record Member(
            @JsonProperty("size")
            @JsonDeserialize(using = AnswerValues.Size.class)
            @JsonSerialize(using = AnswerValues.SizeText.class)
            ByteSize size,

            @JsonProperty("source") @JsonDeserialize(using = AnswerValues.Source.class)
            String source) {}

    private AnswersFile() {}

    public static Answers read(Path file) {
        return checked(
                file,
                StrictYaml.read(
                        file,
                        Answers.class,
                        "the answers file",
                        "Give the path of a file the wizard saved, or write one as docs/answers.md shows"));
    }

    private static Answers checked(Path file, Answers answers) {
        if (answers == null) {
            throw problem(file, "it is empty. Start it with: version: " + VERSION);
        }
        if (answers.version() == null) {
            throw problem(file, "\"version\" is missing. Add version: " + VERSION + " at the top");
        }
        if (answers.version() != VERSION) {
            throw problem(
                    file,
                    "version " + answers.version() + " is not one this taos-host reads (it reads version " + VERSION
                            + "). Write it again with this taos-host's wizard");
        }
        if (answers.size() != null && answers.source() != null) {
            throw problem(
                    file,
                    "\"size\" and \"source\" cannot both be given: a size is for a new loop file, a source is existing "
                            + "storage. Keep one");
        }
        return answers;
    }

    /** The answers that make {@code request}, as YAML, with a comment saying how to replay them. */
    public static String render(InstallRequest request) {
        YAMLMapper yaml = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        try {
            return "# taos-host answers. Replay on another host: sudo ./install.sh --unattended --answers FILE\n"
                    + yaml.writeValueAsString(Answers.of(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write the answers: " + e.getOriginalMessage(), e);
        }
    }

    public static void write(Path file, InstallRequest request) throws IOException {
        AtomicFiles.write(file.toAbsolutePath(), "0644", render(request));
    }

    private static InvalidInput problem(Path file, String what) {
        return StrictYaml.problem("the answers file", file, what);
    }
}
