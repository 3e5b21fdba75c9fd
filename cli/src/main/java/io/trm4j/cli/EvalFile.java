package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.JsonLinesEvalCases;
import io.trm4j.core.head.TaskHead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads labelled puzzles from
 * <ul>
 *   <li>a CSV with a header: {@code question} and {@code answer} columns (extra columns allowed);</li>
 *   <li>JSON lines ({@code .jsonl}, {@code .json-lines}, {@code .ndjson}, or content starting with
 *       {@code {}): one object per line, which the head turns into a case
 *       ({@link JsonLinesEvalCases#evalCase}); a line that is not JSON or not a valid case is counted as
 *       invalid input with its line number, blank lines are skipped.</li>
 * </ul>
 * The first of {@code difficulty_class}, {@code source}, {@code family} present (a column, or a
 * field of the first JSON line) names the group each case is reported under, unless it has a
 * distinct value on (nearly) every case (e.g. the maze CSVs' per-row {@code source}): then
 * nothing is grouped. {@code --by} names any column or field and is always followed.
 */
final class EvalFile {
    static final List<String> GROUP_COLUMNS = List.of("difficulty_class", "source", "family");
    /** A default grouping with distinct values on at least this share of the cases is dropped... */
    static final double UNIQUE_SHARE = 0.9;
    /** ...when there are at least this many cases (a small file's table stays readable anyway). */
    static final int UNIQUE_MIN_CASES = 20;
    /** The group of every case of a file without a group column. */
    static final String NO_GROUP = EvalCase.NO_GROUP;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalFile() {
    }

    /** CSV or JSON lines (see the class comment); {@code head} reads the JSON lines. */
    static List<EvalCase> read(Path file, int limit, String groupBy, TaskHead<?, ?> head) {
        requireFile(file);
        return isJsonLines(file) ? readJsonLines(file, limit, groupBy, head) : readCsv(file, limit, groupBy);
    }

    /** @param groupBy the column to report by, or null for the first of {@link #GROUP_COLUMNS} present */
    static List<EvalCase> readCsv(Path file, int limit, String groupBy) {
        requireFile(file);
        if (isJsonLines(file)) {
            throw new TrmException(file + ": JSON lines, but only CSV (question,answer columns) is read here");
        }
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<EvalCase> cases = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class).with(schema).readValues(in)) {
            String groupColumn = null;
            int line = 1;
            while (rows.hasNextValue() && (limit <= 0 || cases.size() < limit)) {
                Map<String, String> row = rows.nextValue();
                line++;
                if (line == 2) {
                    requireColumns(file, row);
                    groupColumn = groupBy != null ? requireGroupColumn(file, row.keySet(), groupBy, "column")
                            : GROUP_COLUMNS.stream().filter(row::containsKey).findFirst().orElse(null);
                }
                String group = groupColumn == null ? NO_GROUP : orEmpty(row.get(groupColumn));
                cases.add(new EvalCase(file.getFileName() + ":" + line, orEmpty(row.get("question")),
                        orEmpty(row.get("answer")), group.isEmpty() ? "(none)" : group));
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            throw new TrmException(file + ": not a readable CSV: " + e.getMessage(), e);
        }
        requireCases(file, cases);
        return groupBy == null ? ungroupIfUnique(cases) : cases;
    }

    static List<EvalCase> readJsonLines(Path file, int limit, String groupBy, TaskHead<?, ?> head) {
        requireFile(file);
        List<EvalCase> cases = new ArrayList<>();
        Set<String> fieldsSeen = new LinkedHashSet<>();
        boolean groupFieldSeen = false;
        String groupField = groupBy;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null && (limit <= 0 || cases.size() < limit); line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file.getFileName() + ":" + lineNo;
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    cases.add(EvalCase.rejected(where, "not valid JSON: " + e.getOriginalMessage()));
                    continue;
                }
                if (record == null || !record.isObject()) {
                    cases.add(EvalCase.rejected(where, "not a JSON object"));
                    continue;
                }
                record.fieldNames().forEachRemaining(fieldsSeen::add);
                if (groupField == null) {
                    groupField = GROUP_COLUMNS.stream().filter(record::has).findFirst().orElse("");
                }
                groupFieldSeen |= record.has(groupField);
                String group = groupField.isEmpty() ? NO_GROUP : groupValue(record.get(groupField));
                try {
                    cases.add(JsonLinesEvalCases.of(head).evalCase(record, where, group));
                } catch (InvalidInputException e) {
                    cases.add(EvalCase.rejected(where, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new TrmException(file + ": not readable: " + e.getMessage(), e);
        }
        requireCases(file, cases);
        if (groupBy != null && !groupFieldSeen) {
            requireGroupColumn(file, fieldsSeen, groupBy, "field");
        }
        return groupBy == null ? ungroupIfUnique(cases) : cases;
    }

    /** By extension ({@code .jsonl}, {@code .json-lines}, {@code .ndjson}), else when the first non-blank character is {@code {}. */
    static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json-lines") || name.endsWith(".ndjson")) {
            return true;
        }
        if (name.endsWith(".csv")) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{';
            }
            return false;
        } catch (IOException e) {
            return false; // the CSV reader reports it
        }
    }

    /**
     * Drops a default grouping that puts (nearly) every case in a class of its own: at least
     * {@link #UNIQUE_MIN_CASES} cases with distinct groups on {@link #UNIQUE_SHARE} of them.
     */
    static List<EvalCase> ungroupIfUnique(List<EvalCase> cases) {
        Set<String> groups = new HashSet<>();
        int counted = 0;
        for (EvalCase c : cases) {
            if (!c.isRejected()) {
                groups.add(c.group());
                counted++;
            }
        }
        if (counted < UNIQUE_MIN_CASES || groups.size() < UNIQUE_SHARE * counted) {
            return cases;
        }
        List<EvalCase> out = new ArrayList<>(cases.size());
        for (EvalCase c : cases) {
            out.add(c.isRejected() ? c : new EvalCase(c.where(), c.input(), c.expected(), NO_GROUP));
        }
        return out;
    }

    /**
     * The first {@code perGroup} cases of each group, in file order ({@code perGroup <= 0}: all).
     * Rejected cases are kept: they are counted as invalid, never run.
     */
    static List<EvalCase> firstOfEachGroup(List<EvalCase> cases, int perGroup) {
        if (perGroup <= 0) {
            return cases;
        }
        Map<String, Integer> taken = new java.util.HashMap<>();
        List<EvalCase> out = new ArrayList<>();
        for (EvalCase c : cases) {
            if (c.isRejected() || taken.merge(c.group(), 1, Integer::sum) <= perGroup) {
                out.add(c);
            }
        }
        return out;
    }

    private static String groupValue(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "(none)";
        }
        String s = v.isValueNode() ? v.asText() : v.toString();
        return s.isEmpty() ? "(none)" : s;
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TrmException(file + ": no such file");
        }
    }

    private static void requireCases(Path file, List<EvalCase> cases) {
        if (cases.isEmpty()) {
            throw new TrmException(file + ": no rows to evaluate");
        }
    }

    private static void requireColumns(Path file, Map<String, String> row) {
        for (String col : List.of("question", "answer")) {
            if (!row.containsKey(col)) {
                throw new TrmException(file + ": missing column '" + col + "' (found: "
                        + String.join(", ", row.keySet()) + ")");
            }
        }
    }

    private static String requireGroupColumn(Path file, Set<String> found, String column, String kind) {
        if (!found.contains(column)) {
            throw new TrmException(file + ": no " + kind + " '" + column + "' to group by (found: "
                    + String.join(", ", found) + ")");
        }
        return column;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
