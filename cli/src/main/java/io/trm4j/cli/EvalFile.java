package io.trm4j.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled puzzles from a CSV with a header: {@code question} and {@code answer} columns
 * (extra columns allowed); the first of {@code difficulty_class}, {@code source}, {@code family}
 * present names the group each row is reported under.
 */
final class EvalFile {
    static final List<String> GROUP_COLUMNS = List.of("difficulty_class", "source", "family");

    private EvalFile() {
    }

    /** @param groupBy the column to report by, or null for the first of {@link #GROUP_COLUMNS} present */
    static List<EvalCase> readCsv(Path file, int limit, String groupBy) {
        if (!Files.isRegularFile(file)) {
            throw new TrmException(file + ": no such file");
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
                    groupColumn = groupBy != null ? requireGroupColumn(file, row, groupBy)
                            : GROUP_COLUMNS.stream().filter(row::containsKey).findFirst().orElse(null);
                }
                String group = groupColumn == null ? "all" : orEmpty(row.get(groupColumn));
                cases.add(new EvalCase(file.getFileName() + ":" + line, orEmpty(row.get("question")),
                        orEmpty(row.get("answer")), group.isEmpty() ? "(none)" : group));
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            throw new TrmException(file + ": not a readable CSV: " + e.getMessage(), e);
        }
        if (cases.isEmpty()) {
            throw new TrmException(file + ": no rows to evaluate");
        }
        return cases;
    }

    private static void requireColumns(Path file, Map<String, String> row) {
        for (String col : List.of("question", "answer")) {
            if (!row.containsKey(col)) {
                throw new TrmException(file + ": missing column '" + col + "' (found: "
                        + String.join(", ", row.keySet()) + ")");
            }
        }
    }

    private static String requireGroupColumn(Path file, Map<String, String> row, String column) {
        if (!row.containsKey(column)) {
            throw new TrmException(file + ": no column '" + column + "' to group by (found: "
                    + String.join(", ", row.keySet()) + ")");
        }
        return column;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
