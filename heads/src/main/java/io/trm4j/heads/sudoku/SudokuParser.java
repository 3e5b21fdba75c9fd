package io.trm4j.heads.sudoku;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.JsonErrors;

/**
 * Reads a puzzle from its usual forms: 81 characters ({@code .} or {@code 0} for blanks,
 * whitespace ignored), a 9-line grid (box separators {@code | - +} allowed), or JSON
 * ({@code {"puzzle": "..."}}, {@code {"puzzle": [[...9x9]]}} or a bare 9x9 array). Every error
 * names the problem and where it is.
 */
final class SudokuParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SudokuParser() {
    }

    static SudokuPuzzle parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("empty Sudoku: give 81 cells (digits 1-9, '.' or '0' for blanks)");
        }
        String s = text.strip();
        int[] cells = s.startsWith("{") || s.startsWith("[") ? fromJson(s) : fromText(text);
        String repeated = SudokuRules.firstRepeatedGiven(cells);
        if (repeated != null) {
            throw new InvalidInputException("invalid Sudoku: " + repeated);
        }
        return new SudokuPuzzle(cells);
    }

    static int[] fromText(String text) {
        int[] cells = new int[SudokuPuzzle.SIZE];
        int count = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            if (isSeparatorLine(line)) {
                continue;
            }
            for (int col = 0; col < line.length(); col++) {
                char ch = line.charAt(col);
                if (Character.isWhitespace(ch) || ch == '|') {
                    continue;
                }
                int value;
                if (ch == '.' || ch == '0') {
                    value = 0;
                } else if (ch >= '1' && ch <= '9') {
                    value = ch - '0';
                } else {
                    throw new InvalidInputException("unexpected character '" + printable(ch) + "' at "
                            + where(lines.length, ln, col) + ": use digits 1-9 for givens and '.' or '0' for blanks");
                }
                if (count == SudokuPuzzle.SIZE) {
                    throw new InvalidInputException("too many cells: a Sudoku has 81, found a 82nd at "
                            + where(lines.length, ln, col));
                }
                cells[count++] = value;
            }
        }
        if (count != SudokuPuzzle.SIZE) {
            throw new InvalidInputException("expected 81 cells (digits 1-9, '.' or '0' for blanks), got " + count);
        }
        return cells;
    }

    private static int[] fromJson(String s) {
        JsonNode root;
        try {
            root = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid JSON" + JsonErrors.at(e) + ": " + e.getOriginalMessage());
        }
        JsonNode puzzle = root;
        if (root.isObject()) {
            puzzle = root.get("puzzle");
            if (puzzle == null) {
                throw new InvalidInputException("JSON Sudoku: expected a \"puzzle\" field (a string or a 9x9 array)");
            }
        }
        if (puzzle.isTextual()) {
            return fromText(puzzle.asText());
        }
        if (!puzzle.isArray()) {
            throw new InvalidInputException("JSON Sudoku: \"puzzle\" must be a string or a 9x9 array of 0-9");
        }
        return fromArray(puzzle);
    }

    private static int[] fromArray(JsonNode rows) {
        if (rows.size() != 9) {
            throw new InvalidInputException("JSON Sudoku: expected 9 rows, got " + rows.size());
        }
        int[] cells = new int[SudokuPuzzle.SIZE];
        for (int r = 0; r < 9; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != 9) {
                throw new InvalidInputException("JSON Sudoku: row " + (r + 1) + " must be an array of 9 numbers");
            }
            for (int c = 0; c < 9; c++) {
                JsonNode v = row.get(c);
                if (!v.isInt() || v.asInt() < 0 || v.asInt() > 9) {
                    throw new InvalidInputException("JSON Sudoku: row " + (r + 1) + ", column " + (c + 1)
                            + " is " + v + ", expected a number 0-9 (0 = blank)");
                }
                cells[r * 9 + c] = v.asInt();
            }
        }
        return cells;
    }

    private static boolean isSeparatorLine(String line) {
        boolean sawDash = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '-' || ch == '+' || ch == '=') {
                sawDash = true;
            } else if (!Character.isWhitespace(ch) && ch != '|') {
                return false;
            }
        }
        return sawDash;
    }

    private static String where(int lineCount, int line, int col) {
        return lineCount > 1 ? "line " + (line + 1) + ", column " + (col + 1) : "position " + (col + 1);
    }

    private static String printable(char ch) {
        return ch < 0x20 || ch == 0x7f ? String.format("\\u%04x", (int) ch) : String.valueOf(ch);
    }
}
