package io.trm4j.heads.arc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.JsonErrors;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads ARC task JSON: {@code {"train": [{"input": G, "output": G}, ...], "test": [{"input": G}, ...]}}
 * (a test pair may have its {@code "output"}), where a grid G is an array of rows of colors 0-9,
 * 1x1..30x30 and rectangular. Also reads the same with an {@code "id"} field, and the ARC Prize
 * challenges form holding one task, {@code {"007bbfb7": {"train": ..., "test": ...}}}, whose key is the
 * task's id. Every error names where it is, e.g. {@code test[0].input row 3 has 5 cells, row 1 has 6}
 * (pairs count from 0 as in the JSON, rows and columns from 1).
 */
public final class ArcParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "expected ARC task JSON {\"train\": [{\"input\": grid, \"output\": grid}, ...], "
            + "\"test\": [{\"input\": grid}, ...]}";

    private ArcParser() {
    }

    public static ArcTask parse(String text) {
        JsonNode root = readJson(text, "ARC task");
        if (!root.isObject()) {
            throw new InvalidInputException(FORM + ", got " + kind(root));
        }
        String id = null;
        JsonNode task = root;
        if (!root.has("train") && !root.has("test") && root.size() >= 1) {
            Map.Entry<String, JsonNode> only = root.fields().next();
            if (root.size() > 1) {
                throw new InvalidInputException("the JSON holds " + root.size() + " tasks ("
                        + String.join(", ", names(root)) + "); give one task");
            }
            id = only.getKey();
            task = only.getValue();
            if (!task.isObject()) {
                throw new InvalidInputException("task '" + id + "': " + FORM + ", got " + kind(task));
            }
        }
        JsonNode idNode = task.get("id");
        if (idNode != null && id == null) {
            if (!idNode.isTextual()) {
                throw new InvalidInputException("\"id\" must be a string, got " + kind(idNode));
            }
            id = idNode.asText();
        }
        if (!task.has("test")) {
            throw new InvalidInputException("no \"test\" field: " + FORM);
        }
        List<ArcPair> train = task.has("train") ? pairs(task.get("train"), "train", true) : List.of();
        List<ArcPair> test = pairs(task.get("test"), "test", false);
        if (test.isEmpty()) {
            throw new InvalidInputException("\"test\" is empty: a task needs at least one test input");
        }
        return new ArcTask(id, train, test);
    }

    /** Reads one grid ({@code [[...], ...]}); {@code where} names it in errors. */
    public static ArcGrid grid(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            throw new InvalidInputException(where + ": missing");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(where + ": a grid is a non-empty array of rows, got " + kind(node));
        }
        int rows = node.size();
        int cols = -1;
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray()) {
                throw new InvalidInputException(where + " row " + (r + 1) + ": expected an array of colors, got "
                        + kind(row));
            }
            if (row.isEmpty()) {
                throw new InvalidInputException(where + " row " + (r + 1) + " is empty");
            }
            if (cols < 0) {
                cols = row.size();
            } else if (row.size() != cols) {
                throw new InvalidInputException(where + " row " + (r + 1) + " has " + row.size() + " cells, row 1 has "
                        + cols);
            }
        }
        if (rows > ArcGrid.MAX_SIDE || cols > ArcGrid.MAX_SIDE) {
            throw new InvalidInputException(where + ": grid " + rows + "x" + cols + " is larger than "
                    + ArcGrid.MAX_SIDE + "x" + ArcGrid.MAX_SIDE);
        }
        int[] cells = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                JsonNode v = node.get(r).get(c);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() >= ArcGrid.COLORS) {
                    throw new InvalidInputException(where + ": color " + v + " at row " + (r + 1) + ", column "
                            + (c + 1) + " is not 0-9");
                }
                cells[r * cols + c] = v.asInt();
            }
        }
        return ArcGrid.of(rows, cols, cells);
    }

    /**
     * Expected test outputs as text: one grid {@code [[...]]} (a task with one test input) or an
     * array of grids, one per test input.
     */
    public static List<ArcGrid> expectedOutputs(String text) {
        JsonNode root = readJson(text, "expected output");
        boolean many = root.isArray() && !root.isEmpty() && root.get(0).isArray() && !root.get(0).isEmpty()
                && root.get(0).get(0).isArray();
        if (!many) {
            return List.of(grid(root, "expected output"));
        }
        List<ArcGrid> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(grid(root.get(i), "expected output[" + i + "]"));
        }
        return out;
    }

    private static List<ArcPair> pairs(JsonNode node, String name, boolean outputRequired) {
        if (!node.isArray()) {
            throw new InvalidInputException("\"" + name + "\" must be an array of {\"input\", \"output\"} pairs, got "
                    + kind(node));
        }
        List<ArcPair> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String where = name + "[" + i + "]";
            JsonNode pair = node.get(i);
            if (!pair.isObject()) {
                throw new InvalidInputException(where + ": expected {\"input\": grid, \"output\": grid}, got "
                        + kind(pair));
            }
            if (!pair.has("input")) {
                throw new InvalidInputException(where + ": no \"input\" grid");
            }
            ArcGrid input = grid(pair.get("input"), where + ".input");
            JsonNode outNode = pair.get("output");
            if (outNode == null && outputRequired) {
                throw new InvalidInputException(where + ": no \"output\" grid (a demonstration pair needs one)");
            }
            ArcGrid output = outNode == null || (outNode.isNull() && !outputRequired) ? null
                    : grid(outNode, where + ".output");
            out.add(new ArcPair(input, output));
        }
        return out;
    }

    private static JsonNode readJson(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("empty " + what + ": " + FORM);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException("empty " + what + ": " + FORM);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid JSON" + JsonErrors.at(e) + ": " + e.getOriginalMessage());
        }
    }

    private static List<String> names(JsonNode obj) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = obj.fieldNames();
        while (it.hasNext() && names.size() < 3) {
            names.add(it.next());
        }
        if (obj.size() > 3) {
            names.add("...");
        }
        return names;
    }

    private static String kind(JsonNode node) {
        String s = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
