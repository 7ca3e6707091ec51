package dev.taos.host.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells padded into aligned columns (the first row is usually the header). */
final class TextTable {

    private TextTable() {
    }

    static List<String> lines(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        rows.forEach(r -> {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> cells : rows) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                row.append(c == columns - 1 ? cells.get(c) : String.format("%-" + (widths[c] + 2) + "s", cells.get(c)));
            }
            lines.add(row.toString().stripTrailing());
        }
        return lines;
    }
}
