package io.trm4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn at most every 200 ms. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = Math.max(1, total);
    }

    void update(int done) {
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
        update(total);
        err.println();
        err.flush();
    }
}
