package io.trm4j.heads.arc;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head's encode/decode/vote/verify/render on synthetic row results (no ARC model is bundled). */
class ArcHeadTest {
    private static final ArcHead HEAD = new ArcHead();
    private static final String T2 = "6150a2bd|||t2|||0123456789";
    private static final String T4 = "6150a2bd|||t4|||0213456789";
    private static final ModelInfo MODEL = model(Map.of("<blank>", 0L, "6150a2bd", 1L, T2, 2L, T4, 3L,
            "27a28665", 4L, "27a28665|||t1|||0987654321", 5L));

    static ModelInfo model(Map<String, Long> ids) {
        return new ModelInfo("arc-test", "arc", "", "attention", 1, List.of(), 900, 916, 16, 12, 16, ids, "test");
    }

    /** A row whose prediction is {@code grid} encoded (what a perfect model would write). */
    private static RowResult row(ArcGrid grid, float confidence) {
        int[] argmax = grid == null ? new int[900] : ArcCodecTest.toInt(ArcCodec.encode(grid));
        return new RowResult(new float[0], argmax, confidence, 3, HaltReason.ACT, List.of());
    }

    @Test
    void encodesOneRowPerLearnedAugmentationWithItsPuzzleId() {
        ArcTask task = ArcParserTest.task("6150a2bd");
        EncodedBatch b = HEAD.encode(task, MODEL);
        assertArrayEquals(new long[] {1, 2, 3}, b.puzzleIds());
        ArcGrid in = task.test().get(0).input();
        assertArrayEquals(ArcCodec.encode(in), b.tokens()[0]);
        assertArrayEquals(ArcCodec.encode(Dihedral.apply(in, 2)), b.tokens()[1]);
        assertArrayEquals(ArcCodec.encode(Augmentation.fromPuzzleName(T4).apply(in)), b.tokens()[2]);
    }

    @Test
    void rowsAreTestInputsTimesAugmentations() {
        ArcTask task = ArcParserTest.task("27a28665");
        EncodedBatch b = HEAD.encode(task, MODEL);
        assertArrayEquals(new long[] {4, 5, 4, 5, 4, 5}, b.puzzleIds());
        assertArrayEquals(ArcCodec.encode(task.test().get(2).input()), b.tokens()[4]);
    }

    @Test
    void perfectPredictionsInEveryFrameMapBackAndSolve() {
        ArcTask task = ArcParserTest.task("6150a2bd");
        ArcGrid expected = task.test().get(0).output();
        List<RowResult> rows = List.of(row(expected, 0.9f), row(Dihedral.apply(expected, 2), 0.8f),
                row(Augmentation.fromPuzzleName(T4).apply(expected), 0.7f));
        ArcAnswer a = HEAD.decode(task, HEAD.encode(task, MODEL), rows, MODEL);
        ArcPrediction p = a.predictions().get(0);
        assertEquals(expected, p.attempt1());
        assertEquals(expected, p.attempt2());
        assertEquals(3, p.candidates().get(0).votes());
        assertEquals(Verdict.solved(), HEAD.verify(task, a));
        assertEquals("[{\"attempt_1\":[[0,0,4],[0,8,6],[5,3,6]],\"attempt_2\":[[0,0,4],[0,8,6],[5,3,6]]}]",
                HEAD.render(a, RenderStyle.COMPACT));
        assertTrue(HEAD.matchesExpected(task, a, "[[0,0,4],[0,8,6],[5,3,6]]"));
        assertFalse(HEAD.matchesExpected(task, a, "[[0]]"));
    }

    @Test
    void theVoteMakesTheSecondAttemptAndInvalidRowsDoNotVote() {
        ArcTask task = ArcParserTest.task("6150a2bd");
        ArcGrid expected = task.test().get(0).output();
        ArcGrid wrong = ArcGrid.of(1, 1, 5);
        List<RowResult> rows = List.of(row(wrong, 0.99f), row(null, 1f), row(wrong, 0.5f));
        ArcPrediction p = HEAD.decode(task, HEAD.encode(task, MODEL), rows, MODEL).predictions().get(0);
        assertEquals(wrong, p.attempt1());
        assertEquals(1, p.invalid());
        assertEquals(1, p.candidates().size());

        rows = List.of(row(wrong, 0.99f), row(Dihedral.apply(expected, 2), 0.1f), row(ArcGrid.of(1, 1, 6), 0.2f));
        ArcAnswer a = HEAD.decode(task, HEAD.encode(task, MODEL), rows, MODEL);
        // one vote each: confidence orders them; the right grid (0.1) is third, so pass@2 fails
        assertEquals(List.of(wrong, ArcGrid.of(1, 1, 6)), List.of(a.predictions().get(0).attempt1(),
                a.predictions().get(0).attempt2()));
        Verdict v = HEAD.verify(task, a);
        assertEquals(Verdict.Status.UNSOLVED, v.status());
        assertEquals("neither attempt is the expected 3x3 grid", v.detail());
    }

    @Test
    void noValidGridAnywhereIsAnAnswer() {
        ArcTask task = ArcParserTest.task("6150a2bd");
        List<RowResult> rows = List.of(row(null, 1f), row(null, 1f), row(null, 1f));
        ArcAnswer a = HEAD.decode(task, HEAD.encode(task, MODEL), rows, MODEL);
        assertNull(a.predictions().get(0).attempt1());
        assertEquals("[{\"attempt_1\":[[0]],\"attempt_2\":[[0]]}]", HEAD.render(a, RenderStyle.COMPACT));
        assertTrue(HEAD.render(a, RenderStyle.PLAIN).startsWith("no valid grid in any of the 3 augmented predictions"));
        assertTrue(HEAD.verify(task, a).detail().startsWith("no valid grid"));
    }

    @Test
    void aTaskFileNamesTheTaskUnlessItsJsonDoes() {
        ArcTask anonymous = ArcParser.parse("{\"train\":[],\"test\":[{\"input\":[[1]]}]}");
        assertEquals("6150a2bd", HEAD.withSourceName(anonymous, "6150a2bd.json").id());
        ArcTask named = anonymous.withId("27a28665");
        assertEquals("27a28665", HEAD.withSourceName(named, "6150a2bd.json").id());
    }

    @Test
    void withoutTestOutputsTheAnswerIsUnverified() {
        ArcTask task = ArcParser.parse("{\"train\":[],\"test\":[{\"input\":[[1]]}]}").withId("6150a2bd");
        ArcGrid g = ArcGrid.of(1, 1, 1);
        ArcAnswer a = HEAD.decode(task, HEAD.encode(task, MODEL), List.of(row(g, 1f), row(g, 1f), row(g, 1f)), MODEL);
        assertEquals(Verdict.Status.UNVERIFIED, HEAD.verify(task, a).status());
    }

    @Test
    void anUnknownTaskFailsClearlyUnlessTheFallbackIsAsked() {
        ArcTask task = ArcParserTest.task("8d5021e8");
        String msg = assertThrows(InvalidInputException.class, () -> HEAD.encode(task, MODEL)).getMessage();
        assertTrue(msg.startsWith("model 'arc-test' was not trained on ARC task '8d5021e8' (it knows 2 tasks, e.g. "
                + "27a28665)"), msg);
        assertTrue(msg.contains("unknown-task fallback"), msg);
        String noId = assertThrows(InvalidInputException.class,
                () -> HEAD.encode(task.withId(null), MODEL)).getMessage();
        assertTrue(noId.startsWith("the task has no id"), noId);

        ArcTask fallback = task.withUnknownTask(ArcTask.UnknownTask.FALLBACK);
        EncodedBatch b = HEAD.encode(fallback, MODEL);
        assertArrayEquals(new long[8], b.puzzleIds());
        List<RowResult> rows = new ArrayList<>();
        ArcGrid out = task.test().get(0).output();
        for (int t = 0; t < 8; t++) {
            rows.add(row(Dihedral.apply(out, t), 0.5f));
        }
        ArcAnswer a = HEAD.decode(fallback, b, rows, MODEL);
        assertEquals(out, a.predictions().get(0).attempt1());
        assertEquals(1, a.notes().size());
        assertTrue(a.notes().get(0).contains("fallback embedding <blank> (puzzle id 0)"), a.notes().get(0));
        assertTrue(HEAD.render(a, RenderStyle.PLAIN).startsWith("warning: model 'arc-test' was not trained"));

        ModelInfo withMean = model(Map.of("<blank>", 0L, "<mean>", 7L, "6150a2bd", 1L));
        assertTrue(Arrays.stream(HEAD.encode(fallback, withMean).puzzleIds()).allMatch(id -> id == 7));
    }

    @Test
    void rendersTheArcPaletteInAnsiAndDigitsInPlain() {
        ArcTask task = ArcParserTest.task("6150a2bd");
        ArcGrid g = ArcGrid.of(new int[][] {{0, 1}, {9, 8}});
        ArcGrid h = ArcGrid.of(1, 1, 4);
        ArcAnswer a = HEAD.decode(task, HEAD.encode(task, MODEL),
                List.of(row(g, 1f), row(Dihedral.apply(g, 2), 1f), row(Augmentation.fromPuzzleName(T4).apply(h), 1f)),
                MODEL);
        String plain = HEAD.render(a, RenderStyle.PLAIN);
        assertEquals("attempt 1 (2x2, 2 of 3 votes, mean confidence 1.00)\n0 1\n9 8\n"
                + "attempt 2 (1x1, 1 of 3 votes, mean confidence 1.00)\n4\n", plain);
        String ansi = HEAD.render(a, RenderStyle.ANSI);
        assertTrue(ansi.contains("\u001b[48;5;16m  \u001b[48;5;27m  \u001b[0m\n"), ansi);
        assertTrue(ansi.contains("\u001b[48;5;88m  \u001b[48;5;117m  \u001b[0m\n"), ansi);
    }

    @Test
    void onlyOfficialCanvasModelsFit() {
        HEAD.checkModel(MODEL);
        ModelInfo sudoku = new ModelInfo("s", "sudoku", "", "mlp", 1, List.of(), 81, 97, 16, 11, 16, Map.of(), "t");
        String msg = assertThrows(InvalidInputException.class, () -> HEAD.checkModel(sudoku)).getMessage();
        assertTrue(msg.startsWith("model 's' is not an ARC model: it has seq_len 81 and vocab_size 11"), msg);
        assertEquals("r2c1", HEAD.positionName(30, MODEL));
    }

    @Test
    void isRegistered() {
        assertEquals(ArcHead.class, HeadRegistry.discover().get("arc").getClass());
    }
}
