package io.trm4j.heads.maze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.JsonErrors;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a maze in HRM's character format ({@code '#'} wall, {@code ' '} open, {@code 'S'} start,
 * {@code 'G'} goal, row-major) from its usual forms:
 * <ul>
 *   <li>one line per row (lines may end with {@code \r}; empty lines before and after are ignored);</li>
 *   <li>one line of R*R characters, read as a square R x R maze (169 = 13x13, 441 = 21x21: the
 *       evaluation CSVs' form);</li>
 *   <li>JSON: {@code {"maze": "...", "width": 13}} (a one-line string cut into rows of that width,
 *       or a multi-line string), {@code {"maze": ["#####", "#S G#", ...]}}, the same with
 *       {@code "grid"}, or a bare array of row strings.</li>
 * </ul>
 * Cells marked {@code 'o'} (a solved maze) are read as open, so an answer can be fed back in.
 * Spaces are cells, so nothing is trimmed inside a line. Every error names the problem and where it
 * is (rows and columns count from 1).
 */
final class MazeParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMS = "give one line per row ('#' wall, ' ' open, 'S' start, 'G' goal), "
            + "one line of R*R characters for a square maze, or JSON {\"maze\": ..., \"width\": W}";

    private MazeParser() {
    }

    static Maze parse(String text) {
        MazeGrid grid = readGrid(text);
        String cells = grid.cells();
        checkOne(grid, Maze.START, "start");
        checkOne(grid, Maze.GOAL, "goal");
        return new Maze(grid.rows(), grid.cols(), cells.replace(Maze.PATH, Maze.OPEN));
    }

    /** Any of the forms, {@code 'o'} allowed; checks the shape, size and characters, not S and G. */
    static MazeGrid readGrid(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("empty maze: " + FORMS);
        }
        String s = text.strip();
        return s.startsWith("{") || s.startsWith("[") ? fromJson(s) : fromText(text, 0, "");
    }

    /** @param width the row width when known (JSON), else 0 */
    private static MazeGrid fromText(String text, int width, String context) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            throw new InvalidInputException(context + "empty maze: " + FORMS);
        }
        if (lines.size() > 1) {
            return fromRows(lines, width, false, context);
        }
        String line = lines.get(0);
        int w = width > 0 ? width : squareSide(line.length());
        if (w <= 0) {
            throw new InvalidInputException(context + "a one-line maze must be square, but " + line.length()
                    + " characters is not a square number (169 = 13x13, 441 = 21x21); give one line per row, "
                    + "or JSON with a \"width\"");
        }
        if (line.length() % w != 0) {
            throw new InvalidInputException(context + line.length() + " characters do not split into rows of "
                    + "width " + w);
        }
        List<String> rows = new ArrayList<>(line.length() / w);
        for (int from = 0; from < line.length(); from += w) {
            rows.add(line.substring(from, from + w));
        }
        return fromRows(rows, w, true, context);
    }

    private static MazeGrid fromRows(List<String> rows, int width, boolean oneLine, String context) {
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new InvalidInputException(context + "empty maze: " + FORMS);
        }
        int cols = rows.get(0).length();
        if (width > 0 && cols != width) {
            throw new InvalidInputException(context + "\"width\" is " + width + " but row 1 has " + cols + " cells");
        }
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).length() != cols) {
                throw new InvalidInputException(context + "ragged rows: row " + (r + 1) + " has "
                        + rows.get(r).length() + " cells, row 1 has " + cols);
            }
        }
        if (rows.size() > Maze.MAX_SIDE || cols > Maze.MAX_SIDE) {
            throw new InvalidInputException(context + "maze too large: " + rows.size() + " rows x " + cols
                    + " columns, at most " + Maze.MAX_SIDE + "x" + Maze.MAX_SIDE);
        }
        String cells = String.join("", rows);
        for (int i = 0; i < cells.length(); i++) {
            char ch = cells.charAt(i);
            if (MazeHead.CHARSET.indexOf(ch) < 0) {
                throw new InvalidInputException(context + "unknown character '" + printable(ch) + "' at "
                        + Maze.position(cols, i) + (oneLine ? " (character " + (i + 1) + ")" : "")
                        + ": use '#' wall, ' ' open, 'S' start, 'G' goal ('o' path cells are read as open)");
            }
        }
        return new MazeGrid(rows.size(), cols, cells);
    }

    private static MazeGrid fromJson(String s) {
        JsonNode root;
        try {
            root = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid JSON" + JsonErrors.at(e) + ": " + e.getOriginalMessage());
        }
        String context = "JSON maze: ";
        JsonNode maze = root;
        int width = 0;
        if (root.isObject()) {
            maze = root.has("maze") ? root.get("maze") : root.get("grid");
            if (maze == null) {
                throw new InvalidInputException(context + "expected a \"maze\" or \"grid\" field "
                        + "(a string, or an array of row strings)");
            }
            JsonNode w = root.get("width");
            if (w != null) {
                if (!w.isInt() || w.asInt() < 1) {
                    throw new InvalidInputException(context + "\"width\" must be a positive integer, got " + w);
                }
                width = w.asInt();
            }
        }
        if (maze.isTextual()) {
            return fromText(maze.asText(), width, context);
        }
        if (!maze.isArray()) {
            throw new InvalidInputException(context + "expected a string or an array of row strings, got " + maze);
        }
        List<String> rows = new ArrayList<>(maze.size());
        for (int r = 0; r < maze.size(); r++) {
            if (!maze.get(r).isTextual()) {
                throw new InvalidInputException(context + "row " + (r + 1) + " must be a string, got " + maze.get(r));
            }
            rows.add(maze.get(r).asText());
        }
        return fromRows(rows, width, false, context);
    }

    /** The lines of {@code text} without their {@code \r}, leading and trailing empty lines dropped. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        int from = 0;
        int to = lines.size();
        while (to > from && lines.get(to - 1).isEmpty()) {
            to--;
        }
        while (from < to && lines.get(from).isEmpty()) {
            from++; // not lines.remove(0): quadratic for a text of a million leading newlines
        }
        return lines.subList(from, to);
    }

    private static void checkOne(MazeGrid grid, char ch, String name) {
        String cells = grid.cells();
        int first = cells.indexOf(ch);
        if (first < 0) {
            throw new InvalidInputException("no " + name + " '" + ch + "' in the maze: it needs exactly one");
        }
        int second = cells.indexOf(ch, first + 1);
        if (second >= 0) {
            throw new InvalidInputException("more than one " + name + " '" + ch + "': at "
                    + Maze.position(grid.cols(), first) + " and at " + Maze.position(grid.cols(), second));
        }
    }

    /** The side of a square with {@code n} cells, or 0 when {@code n} is not a square number. */
    static int squareSide(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? side : 0;
    }

    private static String printable(char ch) {
        return ch < 0x20 || ch == 0x7f ? String.format("\\u%04x", (int) ch) : String.valueOf(ch);
    }
}
