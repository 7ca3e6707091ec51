package dev.taos.host.cli;

import dev.taos.host.core.ByteSize;
import dev.taos.host.core.migrate.Lanes;
import dev.taos.host.core.plan.AppChoice;
import dev.taos.host.core.plan.DriverChoice;
import dev.taos.host.core.plan.MigrateSelection;
import dev.taos.host.core.plan.Names;
import dev.taos.host.core.plan.StopPolicy;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli's converters for taos-host's flags, each the same parser the answers file uses, so a value is read alike
 * wherever it is given. A refused value is a {@link TypeConversionException} with the parser's words; Main names the
 * flag.
 */
final class Converters {

    private Converters() {}

    /** Parses with {@code parse}; its IllegalArgumentException becomes picocli's refusal. */
    abstract static class Parsing<T> implements ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsing(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String text) {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Size extends Parsing<ByteSize> {
        Size() {
            super(ByteSize::parse);
        }
    }

    static final class Driver extends Parsing<DriverChoice> {
        Driver() {
            super(DriverChoice::parse);
        }
    }

    static final class Selection extends Parsing<MigrateSelection> {
        Selection() {
            super(MigrateSelection::parse);
        }
    }

    /** migrate --instances: names only; "all" and "none" have flags of their own. */
    static final class InstanceNames extends Parsing<MigrateSelection> {
        InstanceNames() {
            super(text -> {
                if (text.isBlank()
                        || text.strip().equals("none")
                        || text.strip().equals("all")) {
                    throw new IllegalArgumentException(
                            "give instance names separated by commas (use --all for every candidate)");
                }
                return MigrateSelection.parse(text);
            });
        }
    }

    static final class PoolName extends Parsing<String> {
        PoolName() {
            super(Names::poolName);
        }
    }

    static final class ProjectName extends Parsing<String> {
        ProjectName() {
            super(Names::projectName);
        }
    }

    static final class AppUser extends Parsing<String> {
        AppUser() {
            super(AppChoice::parseUser);
        }
    }

    static final class Source extends Parsing<String> {
        Source() {
            super(Names::source);
        }
    }

    static final class LaneCount extends Parsing<Lanes> {
        LaneCount() {
            super(Lanes::parse);
        }
    }

    static final class Seconds extends Parsing<Long> {
        Seconds() {
            super(StopPolicy::parseSeconds);
        }
    }
}
