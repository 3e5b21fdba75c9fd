package io.trm4j.cli;

import io.trm4j.core.loop.StepRecord;

import java.util.List;

import static io.trm4j.cli.TracePicture.CHART_HEIGHT;
import static io.trm4j.cli.TracePicture.GAP;
import static io.trm4j.cli.TracePicture.MARGIN;
import static io.trm4j.cli.TracePicture.MAX_WIDTH;
import static io.trm4j.cli.TracePicture.PANEL_WIDTH;
import static io.trm4j.cli.TracePicture.TITLE;

/**
 * The sizes of a {@link TracePicture}: cells fit a panel about {@value TracePicture#PANEL_WIDTH} px
 * wide (wider where the labels are long, as a sequence's {@code 10%13}), panels fill lines of at most
 * {@value TracePicture#MAX_WIDTH} px, and cells too small for text get a colour per token instead.
 */
final class TraceGeometry {
    final int cellWidth;
    final int cellHeight;
    final boolean text;
    final int fontSize;
    final int mark;
    final int panelWidth;
    final int panelHeight;
    final int perLine;
    final int chartTop;
    final int panelsTop;
    final int width;
    final int height;

    TraceGeometry(TraceLayout layout, List<StepRecord> trace, int subtitleLines) {
        int steps = trace.size();
        int longest = 1; // of the labels drawn as text: padding and walls are drawn as fills
        for (StepRecord s : trace) {
            for (int token : s.prediction()) {
                if (!TracePicture.special(layout.label(token))) {
                    longest = Math.max(longest, layout.label(token).length());
                }
            }
        }
        int side = Math.max(5, Math.min(26, PANEL_WIDTH / Math.max(layout.cols(), 1)));
        text = side >= 12;
        fontSize = Math.max(8, Math.min(14, side * 3 / 5));
        cellHeight = side;
        cellWidth = text ? Math.max(side, (int) Math.ceil(Math.min(longest, 6) * fontSize * 0.62) + 4) : side;
        mark = Math.max(4, side / 3);
        panelWidth = Math.max(layout.cols() * cellWidth, 150);
        panelHeight = TITLE + layout.rows() * cellHeight;
        perLine = Math.max(1, Math.min(Math.max(steps, 1), (MAX_WIDTH - 2 * MARGIN + GAP) / (panelWidth + GAP)));
        chartTop = 42 + 16 * (subtitleLines - 1) + 32;
        panelsTop = chartTop + CHART_HEIGHT + 8;
        int lines = Math.max(1, (steps + perLine - 1) / perLine);
        width = Math.max(520, 2 * MARGIN + perLine * (panelWidth + GAP) - GAP);
        height = panelsTop + lines * (panelHeight + GAP) + 16;
    }
}
