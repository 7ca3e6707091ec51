package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UnitCatalogTest {

    private static List<String> files(String dir) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(dir))) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void catalogListsExactlyTheFilesInUnitsAndTemplates() throws IOException {
        assertEquals(files("units"), UnitCatalog.PLAIN.stream().sorted().toList());
        assertEquals(files("templates"), UnitCatalog.TEMPLATED.stream().sorted().toList());
    }
}
