package io.trm4j.cli;

import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.heads.sudoku.SudokuHead;
import io.trm4j.heads.tokens.TokensHead;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceReportTest {
    private static final ModelInfo TOKENS = model("tokens", List.of("<pad>", ".", "1", "2", "3"), 3, 5);
    private static final ModelInfo SUDOKU = model("sudoku",
            List.of("<pad>", ".", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 81, 11);

    private static ModelInfo model(String head, List<String> vocab, int seqLen, int vocabSize) {
        return new ModelInfo("m", head, "", "mlp_t", 1, vocab, seqLen, seqLen, 8, vocabSize, 16, Map.of(), "test");
    }

    @Test
    void showsTheFirstPredictionThenOnlyWhatChangedByIndexByDefault() {
        List<StepRecord> trace = List.of(
                new StepRecord(1, new int[] {2, 3, 4}, 0.1f),
                new StepRecord(2, new int[] {2, 4, 3}, 0.5f),
                new StepRecord(3, new int[] {2, 4, 3}, 0.9f));
        List<String> lines = TraceReport.lines(trace, new TokensHead(), TOKENS);
        assertEquals("  step   1  confidence 0.100  prediction 123", lines.get(0));
        assertEquals("  step   2  confidence 0.500  changed 2: 1=3 2=2", lines.get(1));
        assertEquals("  step   3  confidence 0.900  unchanged", lines.get(2));
    }

    @Test
    void sudokuNamesCellsByRowAndColumnAndShowsTheDigit() {
        int[] first = new int[81];
        Arrays.fill(first, 2);           // every cell "1"
        int[] second = first.clone();
        second[2] = 8;                   // r1c3 becomes 7 (token 8)
        second[80] = 10;                 // r9c9 becomes 9 (token 10)
        List<StepRecord> trace = List.of(new StepRecord(1, first, 0.1f), new StepRecord(2, second, 0.2f));
        List<String> lines = TraceReport.lines(trace, new SudokuHead(), SUDOKU);
        assertEquals("  step   1  confidence 0.100  prediction " + "1".repeat(81), lines.get(0));
        assertEquals("  step   2  confidence 0.200  changed 2: r1c3=7 r9c9=9", lines.get(1));
        assertEquals(Map.of("r1c3", "7", "r9c9", "9"), TraceReport.changes(first, second, new SudokuHead(), SUDOKU));
    }

    @Test
    void listsAtMostMaxListedChanges() {
        int[] first = new int[81];
        int[] second = new int[81];
        Arrays.fill(first, 2);
        Arrays.fill(second, 3);
        List<String> lines = TraceReport.lines(List.of(new StepRecord(1, first, 0.1f),
                new StepRecord(2, second, 0.2f)), new SudokuHead(), SUDOKU);
        String line = lines.get(1);
        assertEquals(true, line.startsWith("  step   2  confidence 0.200  changed 81: r1c1=2 r1c2=2"), line);
        assertEquals(TraceReport.MAX_LISTED, line.split("=").length - 1, line);
        assertEquals(true, line.endsWith("r3c6=2 ..."), line);
    }
}
