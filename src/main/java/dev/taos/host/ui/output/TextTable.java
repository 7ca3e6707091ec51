package dev.taos.host.ui.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells padded into aligned columns (the first row is usually the header), fitted to a width when one is
 * given.
 */
public final class TextTable {

    public static final int UNLIMITED = 0;
    private static final int GAP = 2;
    private static final int NARROWEST = 6;

    private TextTable() {}

    public static List<String> lines(List<List<String>> rows) {
        return lines(rows, UNLIMITED);
    }

    /**
     * Lines no wider than {@code width} (when positive): the widest columns are narrowed and their long cells cut with
     * "...".
     */
    public static List<String> lines(List<List<String>> rows, int width) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        rows.forEach(r -> {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        });
        fit(widths, width);
        List<String> lines = new ArrayList<>();
        for (List<String> cells : rows) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = cut(cells.get(c), widths[c]);
                row.append(c == columns - 1 ? cell : String.format("%-" + (widths[c] + GAP) + "s", cell));
            }
            lines.add(row.toString().stripTrailing());
        }
        return lines;
    }

    private static void fit(int[] widths, int width) {
        if (width <= 0) {
            return;
        }
        while (total(widths) > width) {
            int widest = 0;
            for (int c = 1; c < widths.length; c++) {
                widest = widths[c] > widths[widest] ? c : widest;
            }
            if (widths[widest] <= NARROWEST) {
                return;
            }
            widths[widest]--;
        }
    }

    private static int total(int[] widths) {
        int sum = GAP * (widths.length - 1);
        for (int w : widths) {
            sum += w;
        }
        return sum;
    }

    private static String cut(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, width - 3) + "...";
    }
}
