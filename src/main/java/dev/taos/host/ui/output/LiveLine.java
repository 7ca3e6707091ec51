package dev.taos.host.ui.output;

/**
 * One terminal line redrawn in place (a progress bar, a step's elapsed time): each redraw returns to the line's start
 * and pads over what a longer earlier text left, with spaces rather than an erase code, which some terminals and every
 * recording ignore ("2.4 MiB of 2.4 MiBiB").
 */
final class LiveLine {

    private int shown;

    /** The characters that put {@code text} on the line in place of what was there. */
    String redraw(String text) {
        String padded = text + " ".repeat(Math.max(0, shown - text.length()));
        shown = text.length();
        return "\r" + padded;
    }

    /** Once the line is left (a newline printed), the next redraw starts on a fresh one. */
    void leave() {
        shown = 0;
    }
}
