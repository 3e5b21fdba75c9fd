package io.trm4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Where each position of a traced row sits in a picture (the service's trace viewer and
 * {@code trm solve --trace-out}): a grid read from the head's position names, so that no picture
 * code knows a head. Names {@code r{row}c{col}} put a position at that cell (Sudoku, maze, ARC);
 * dotted names {@code PREFIX.SUFFIX} put it in row PREFIX and column SUFFIX, in order of first
 * appearance (a sequence's {@code given12.mod5}); any other names (plain indices) fill rows of
 * ceil(sqrt(L)) positions. Rows and columns at the edges where every step predicts padding are cut:
 * a 15x15 maze on a 21x21 canvas shows as the maze.
 *
 * @param rowLabels one per row: {@code r3}, {@code given12}, or the index that starts the row
 * @param colLabels one per column: {@code c5}, {@code mod7}, or the offset in the row
 * @param positions rows x columns: the position shown at each cell, or -1 for none
 * @param names     the head's name of every position of the row (index = position)
 * @param vocab     token id to label (the model's vocabulary; may be empty)
 */
public record TraceLayout(List<String> rowLabels, List<String> colLabels, int[][] positions, List<String> names,
                          List<String> vocab) {
    private static final Pattern ROW_COL = Pattern.compile("r(\\d{1,4})c(\\d{1,4})");
    private static final String PAD = "<pad>";

    public TraceLayout {
        rowLabels = List.copyOf(requireNonNull(rowLabels, "rowLabels is null"));
        colLabels = List.copyOf(requireNonNull(colLabels, "colLabels is null"));
        requireNonNull(positions, "positions is null");
        names = List.copyOf(requireNonNull(names, "names is null"));
        vocab = List.copyOf(requireNonNull(vocab, "vocab is null"));
        if (positions.length != rowLabels.size()) {
            throw new IllegalArgumentException(positions.length + " rows of positions for " + rowLabels.size()
                    + " row labels");
        }
        for (int[] row : positions) {
            if (row.length != colLabels.size()) {
                throw new IllegalArgumentException("a row of " + row.length + " positions for " + colLabels.size()
                        + " column labels");
            }
        }
    }

    /** The layout of {@code trace} (the positions of its rows, cut to what any step predicts). */
    public static TraceLayout of(TaskHead<?, ?> head, ModelInfo model, List<StepRecord> trace) {
        int length = trace.isEmpty() ? model.seqLen() : trace.get(0).prediction().length;
        List<String> names = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            names.add(head.positionName(i, model));
        }
        TraceLayout full = byRowAndColumn(names, model.vocab())
                .or(() -> byDottedName(names, model.vocab()))
                .orElseGet(() -> inRows(names, model.vocab()));
        return full.cutPadding(trace);
    }

    public int rows() {
        return rowLabels.size();
    }

    public int cols() {
        return colLabels.size();
    }

    /** The position at {@code (row, col)}, or -1. */
    public int position(int row, int col) {
        return positions[row][col];
    }

    /** How the vocabulary spells {@code token} (its id where the vocabulary has none). */
    public String label(int token) {
        return token >= 0 && token < vocab.size() ? vocab.get(token) : Integer.toString(token);
    }

    /** Whether {@code token} is the padding the model predicts around a puzzle. */
    public boolean isPad(int token) {
        return PAD.equals(label(token));
    }

    /** {@code rows}, {@code cols}, {@code row_labels}, {@code col_labels}, {@code positions}, {@code names}, {@code vocab}. */
    public ObjectNode toJson(ObjectNode o) {
        o.put("rows", rows());
        o.put("cols", cols());
        rowLabels.forEach(o.putArray("row_labels")::add);
        colLabels.forEach(o.putArray("col_labels")::add);
        ArrayNode rows = o.putArray("positions");
        ArrayNode cellNames = o.putArray("names");
        for (int[] row : positions) {
            ArrayNode r = rows.addArray();
            ArrayNode n = cellNames.addArray();
            for (int p : row) {
                r.add(p);
                if (p < 0) {
                    n.addNull();
                } else {
                    n.add(names.get(p));
                }
            }
        }
        vocab.forEach(o.putArray("vocab")::add);
        return o;
    }

    private static Optional<TraceLayout> byRowAndColumn(List<String> names, List<String> vocab) {
        int rows = 0;
        int cols = 0;
        int[][] at = new int[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            Matcher m = ROW_COL.matcher(names.get(i));
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
                return Optional.empty();
            }
            at[i] = new int[]{Integer.parseInt(m.group(1)) - 1, Integer.parseInt(m.group(2)) - 1};
            rows = Math.max(rows, at[i][0] + 1);
            cols = Math.max(cols, at[i][1] + 1);
        }
        List<String> rowLabels = new ArrayList<>(rows);
        List<String> colLabels = new ArrayList<>(cols);
        for (int r = 1; r <= rows; r++) {
            rowLabels.add("r" + r);
        }
        for (int c = 1; c <= cols; c++) {
            colLabels.add("c" + c);
        }
        return place(at, rowLabels, colLabels, names, vocab);
    }

    private static Optional<TraceLayout> byDottedName(List<String> names, List<String> vocab) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, Integer> cols = new LinkedHashMap<>();
        int[][] at = new int[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int dot = name.lastIndexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                return Optional.empty();
            }
            int r = rows.computeIfAbsent(name.substring(0, dot), k -> rows.size());
            int c = cols.computeIfAbsent(name.substring(dot + 1), k -> cols.size());
            at[i] = new int[]{r, c};
        }
        return place(at, new ArrayList<>(rows.keySet()), new ArrayList<>(cols.keySet()), names, vocab);
    }

    private static TraceLayout inRows(List<String> names, List<String> vocab) {
        int width = Math.max(1, (int) Math.ceil(Math.sqrt(names.size())));
        int rows = Math.max(1, (names.size() + width - 1) / width);
        List<String> rowLabels = new ArrayList<>(rows);
        List<String> colLabels = new ArrayList<>(width);
        int[][] at = new int[names.size()][];
        for (int r = 0; r < rows; r++) {
            rowLabels.add(Integer.toString(r * width));
        }
        for (int c = 0; c < width; c++) {
            colLabels.add(Integer.toString(c));
        }
        for (int i = 0; i < names.size(); i++) {
            at[i] = new int[]{i / width, i % width};
        }
        return place(at, rowLabels, colLabels, names, vocab).orElseThrow();
    }

    /** The grid with position i at {@code at[i]}; empty when two positions would share a cell. */
    private static Optional<TraceLayout> place(int[][] at, List<String> rowLabels, List<String> colLabels,
                                               List<String> names, List<String> vocab) {
        int[][] grid = new int[rowLabels.size()][colLabels.size()];
        for (int[] row : grid) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < at.length; i++) {
            if (grid[at[i][0]][at[i][1]] >= 0) {
                return Optional.empty();
            }
            grid[at[i][0]][at[i][1]] = i;
        }
        return Optional.of(new TraceLayout(rowLabels, colLabels, grid, names, vocab));
    }

    /** This layout without the edge rows and columns whose positions every step predicts as padding. */
    private TraceLayout cutPadding(List<StepRecord> trace) {
        boolean[] used = new boolean[names.size()];
        boolean any = false;
        for (StepRecord s : trace) {
            int[] p = s.prediction();
            for (int i = 0; i < Math.min(p.length, used.length); i++) {
                if (!isPad(p[i])) {
                    used[i] = true;
                    any = true;
                }
            }
        }
        if (!any) { // nothing but padding (or no trace): the whole grid
            return this;
        }
        int top = rows();
        int bottom = -1;
        int left = cols();
        int right = -1;
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++) {
                int p = positions[r][c];
                if (p >= 0 && used[p]) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        int[][] cut = new int[bottom - top + 1][];
        for (int r = top; r <= bottom; r++) {
            cut[r - top] = Arrays.copyOfRange(positions[r], left, right + 1);
        }
        return new TraceLayout(rowLabels.subList(top, bottom + 1), colLabels.subList(left, right + 1), cut, names,
                vocab);
    }
}
