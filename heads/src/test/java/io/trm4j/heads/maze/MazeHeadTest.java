package io.trm4j.heads.maze;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trm4j.heads.maze.MazeSamples.LOOP;
import static io.trm4j.heads.maze.MazeSamples.LOOP_SHORTEST;
import static io.trm4j.heads.maze.MazeSamples.answer;
import static io.trm4j.heads.maze.MazeSamples.assertRejects;
import static io.trm4j.heads.maze.MazeSamples.lines;
import static io.trm4j.heads.maze.MazeSamples.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MazeHeadTest {
    private final MazeHead head = new MazeHead();
    private final Maze loop = head.parse(LOOP);

    @Test
    void tokenizesAsTheOfficialBuilderAtTheTopLeftOfTheCanvas() {
        EncodedBatch enc = head.encode(loop, model(13));
        assertEquals(1, enc.rows());
        assertEquals(0L, enc.puzzleIds()[0]);
        long[] row = enc.tokens()[0];
        assertEquals(169, row.length);
        assertEquals(1, row[0]);            // '#'
        assertEquals(3, row[13 + 1]);       // 'S' at maze (1,1)
        assertEquals(2, row[13 + 2]);       // ' '
        assertEquals(4, row[13 + 7]);       // 'G' at maze (1,7)
        for (int r = 0; r < 13; r++) {
            for (int c = 0; c < 13; c++) {
                boolean inMaze = r < loop.rows() && c < loop.cols();
                assertEquals(inMaze, row[r * 13 + c] != 0, "canvas cell " + r + "," + c);
            }
        }
        // a maze that fills the canvas has no pad at all
        Maze square = head.parse(lines("#####", "#S  #", "# # #", "#  G#", "#####"));
        long[] full = head.encode(square, model(5)).tokens()[0];
        assertEquals(25, full.length);
        for (long t : full) {
            assertTrue(t >= 1 && t <= 4);
        }
    }

    @Test
    void namesCanvasPositionsByRowAndColumnFromOne() {
        assertEquals("r1c1", head.positionName(0, model(13)));
        assertEquals("r2c8", head.positionName(13 + 7, model(13)));   // the loop maze's G
        assertEquals("r13c13", head.positionName(168, model(13)));
        assertEquals("r1c21", head.positionName(20, model(21)));
    }

    @Test
    void refusesAMazeLargerThanTheCanvasAndNonMazeModels() {
        assertRejects(() -> head.encode(loop, model(8)),
                "the maze is 5 rows x 9 columns, but model 'maze-test' supports up to 8x8");
        ModelInfo notSquare = new ModelInfo("m", "maze", "", "attention", 1, List.of(), 80, 96, 8, 6, 16, Map.of(), "t");
        assertRejects(() -> head.encode(loop, notSquare), "model 'm' is not a maze model", "seq_len 80");
        ModelInfo smallVocab = new ModelInfo("m", "maze", "", "attention", 1, List.of(), 169, 185, 8, 5, 16, Map.of(), "t");
        assertRejects(() -> head.encode(loop, smallVocab), "not a maze model", "vocab_size 5");
    }

    @Test
    void decodesThePathAndKeepsWallsStartAndGoal() {
        ModelInfo m = model(13);
        int[] predicted = new int[169];
        java.util.Arrays.fill(predicted, MazeHead.PATH_TOKEN); // the pad region says "path" too: ignored
        for (int r = 0; r < loop.rows(); r++) {
            for (int c = 0; c < loop.cols(); c++) {
                char want = LOOP_SHORTEST.replace("\n", "").charAt(r * loop.cols() + c);
                // every wall, S and G predicted as path: kept as given; open cells follow the prediction
                predicted[r * 13 + c] = want == Maze.OPEN ? 2 : MazeHead.PATH_TOKEN;
            }
        }
        predicted[3 * 13 + 4] = 1; // an open cell predicted as wall stays open
        MazeSolution decoded = head.decode(loop, head.encode(loop, m), List.of(row(predicted)), m);
        assertEquals(answer(LOOP_SHORTEST), decoded);
        assertEquals(Verdict.solved(), head.verify(loop, decoded));
    }

    @Test
    void rendersThePathAndTheCompactForm() {
        MazeSolution solved = answer(LOOP_SHORTEST);
        assertEquals(LOOP_SHORTEST.replace("\n", ""), head.render(solved, RenderStyle.COMPACT));
        assertEquals(LOOP_SHORTEST + "\n", head.render(solved, RenderStyle.PLAIN));
        String ansi = head.render(solved, RenderStyle.ANSI);
        assertTrue(ansi.contains("\u001b[1;32mo\u001b[0m"), ansi);   // path bold green
        assertTrue(ansi.contains("\u001b[1;33mS\u001b[0m") && ansi.contains("\u001b[1;33mG\u001b[0m"), ansi);
        assertEquals(5, ansi.lines().count());
        assertEquals(LOOP_SHORTEST, ansi.replaceAll("\u001b\\[[0-9;]*m", "").stripTrailing());
        // the plain rendering reads back as the same maze
        assertEquals(loop, head.parse(head.render(solved, RenderStyle.PLAIN)));
    }

    @Test
    void matchesExpectedAnswersInAnyForm() {
        MazeSolution solved = answer(LOOP_SHORTEST);
        assertTrue(head.matchesExpected(loop, solved, "{\"maze\": \"" + LOOP_SHORTEST.replace("\n", "") + "\", \"width\": 9}"));
        assertTrue(head.matchesExpected(loop, solved, LOOP_SHORTEST + "\n"));
        assertFalse(head.matchesExpected(loop, solved, LOOP));
        assertFalse(head.matchesExpected(loop, solved, lines("###", "#S#", "#G#")));
        assertRejects(() -> head.matchesExpected(loop, solved, "#S?G"), "unknown character '?' at row 2, column 1");
    }

    @Test
    void isFoundByServiceLoader() {
        HeadRegistry heads = HeadRegistry.discover();
        assertTrue(heads.names().contains("maze"), heads.names().toString());
        assertEquals(MazeHead.class, heads.get("maze").getClass());
    }

    @Test
    void runsThroughTheRealLoop() {
        // The random-weight fixture has seq_len 16 (a 4x4 canvas) and 8 tokens: enough to run a maze.
        ReasonOptions options = ReasonOptions.builder().maxSteps(3).build();
        try (Reasoner<Maze, MazeSolution> r = Trm.load(Fixtures.dir(Fixtures.ATTN),
                LoadOptions.builder().threads(1).head("maze").reasonDefaults(options).build())) {
            assertEquals("maze", r.head().name());
            String text = lines("####", "#S #", "# G#", "####");
            Reasoning<MazeSolution> res = r.reasonText(text, options);
            assertEquals(3, res.steps());
            String cells = res.answer().cells();
            for (int i = 0; i < cells.length(); i++) {
                char given = text.replace("\n", "").charAt(i);
                assertTrue(given == Maze.OPEN ? cells.charAt(i) == ' ' || cells.charAt(i) == 'o'
                        : cells.charAt(i) == given, cells);
            }
            assertNotEquals(Verdict.Status.UNVERIFIED, res.verdict().status());
            assertRejects(() -> r.reasonText(lines("#####", "#S G#", "#####")),
                    "the maze is 3 rows x 5 columns, but model 'tiny-attn' supports up to 4x4");
        }
    }

    private static RowResult row(int[] argmax) {
        return new RowResult(new float[argmax.length * 6], argmax, 0.9f, 16, HaltReason.MAX_STEPS, List.of());
    }
}
