package io.trm4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A one-line progress bar on stderr, redrawn at most every 200 ms with {@code \r}. Drawn only when
 * stderr is a terminal: in a file or pipe each redraw would stay as one more line of noise.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private final boolean shown;
    private final long start = System.nanoTime();
    private long lastDraw;

    /** @param shown whether stderr is a terminal (else the bar draws nothing) */
    ProgressBar(PrintWriter err, int total, boolean shown) {
        this.err = requireNonNull(err, "err is null");
        this.total = Math.max(1, total);
        this.shown = shown;
    }

    void update(int done) {
        if (!shown) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * done / total);
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.1f/s  ", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                rate);
        err.flush();
    }

    void finish() {
        if (!shown) {
            return;
        }
        update(total);
        err.println();
        err.flush();
    }
}
