package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.head.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job: the bundled Sudoku model really solves puzzles, and never fakes it. */
class BundledSudokuTest {
    /** The README's example (radcliffe Beginner, row 2 of sudoku_eval_mix.csv) and its solution. */
    static final String README_PUZZLE = "......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....";
    static final String README_SOLUTION = "471382956985641273263597418638915742592874361147263895724158639856739124319426587";
    /**
     * radcliffe Beginner rows 3-5 and 8 of the eval mix with their unique solutions: the bundled
     * model solves some and fails others (see its CARD.md); either way the verdict must be honest.
     */
    static final String[][] PUZZLES = {
        {"...4...5...9.....2...5.3.8.1.....83.....75....6....1.....78.5.6......9...24.6....",
         "618427359359618472247593681172946835893175264465832197931784526786251943524369718"},
        {".2...8...1.8.79...6.....49...2......8.4..3..7.1...2...7..9.........1.64.5..8..2..",
         "429368715158479362637251498972685134864193527315742986741926853283517649596834271"},
        {"28.9..47.9...215...3.7.....5...3.26..4....7.....2...41.145.......9...1...2.......",
         "281953476967421583435786912578134269142698735396275841814562397659347128723819654"},
        {"..1..3.........8.52..8941....82..4...1.....5..425..7.1......2..9.7.....4...7.6..3",
         "481653927396127845275894136538271469719468352642539781163945278957382614824716593"},
    };

    @Test
    void theCliSolvesTheReadmePuzzle() {
        CliRun r = CliRun.of("solve", "sudoku", "--json", README_PUZZLE);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"answer\":\"" + README_SOLUTION + "\""), r.out());
        assertTrue(r.out().contains("\"status\":\"SOLVED\""), r.out());
    }

    /** --trace names changed cells r{row}c{col} with their new digit, in the pretty and the JSON form. */
    @Test
    void theTraceNamesChangedCellsWithTheirNewDigit() throws Exception {
        CliRun pretty = CliRun.of("solve", "sudoku", "--trace", "--threads", "1", README_PUZZLE);
        assertEquals(0, pretty.code(), pretty.err());
        List<String> changedLines = pretty.out().lines().filter(l -> l.contains(" changed ")).toList();
        assertFalse(changedLines.isEmpty(), pretty.out());
        for (String line : changedLines) {
            assertTrue(line.matches("  step +\\d+  confidence \\d\\.\\d{3}  changed \\d+:( r[1-9]c[1-9]=[1-9])+( \\.\\.\\.)?"),
                    line);
        }

        CliRun json = CliRun.of("solve", "sudoku", "--json", "--trace", "--threads", "1", README_PUZZLE);
        assertEquals(0, json.code(), json.err());
        JsonNode trace = new ObjectMapper().readTree(json.out()).get("trace");
        assertFalse(trace.get(0).has("changed"), "the first step has the whole prediction, no 'changed'");
        int changes = 0;
        for (int s = 1; s < trace.size(); s++) {
            JsonNode before = trace.get(s - 1).get("prediction");
            JsonNode now = trace.get(s).get("prediction");
            Map<String, String> expected = new LinkedHashMap<>();
            for (int c = 0; c < 81; c++) {
                if (now.get(c).asInt() != before.get(c).asInt()) { // token d+1 is digit d
                    expected.put("r" + (c / 9 + 1) + "c" + (c % 9 + 1), Integer.toString(now.get(c).asInt() - 1));
                }
            }
            Map<String, String> actual = new LinkedHashMap<>();
            trace.get(s).get("changed").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
            assertEquals(expected, actual, "step " + (s + 1));
            changes += actual.size();
        }
        assertTrue(changes > 0, json.out());
    }

    @Test
    void aVerifiedAnswerIsAlwaysTheSolutionAndAWrongOneIsNeverSolved() {
        try (Reasoner<Object, Object> r = Trm.load("sudoku", LoadOptions.builder().threads(1).build(), Trm.heads())) {
            List<Object> inputs = new ArrayList<>();
            for (String[] p : PUZZLES) {
                inputs.add(r.head().parse(p[0]));
            }
            List<Reasoning<Object>> results = r.reasonAll(inputs, r.loadOptions().reasonDefaults());
            for (int i = 0; i < PUZZLES.length; i++) {
                String answer = r.head().render(results.get(i).answer(), io.trm4j.core.head.RenderStyle.COMPACT);
                boolean right = answer.equals(PUZZLES[i][1]);
                assertEquals(right, results.get(i).verdict().status() == Verdict.Status.SOLVED,
                        "puzzle " + i + ": answer " + answer + " verdict " + results.get(i).verdict());
                for (int c = 0; c < 81; c++) {  // givens are always kept
                    char given = PUZZLES[i][0].charAt(c);
                    assertTrue(given == '.' || given == answer.charAt(c), "given changed at cell " + c);
                }
            }
        }
    }
}
