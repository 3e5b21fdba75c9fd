package io.trm4j.heads.maze;

import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.trm4j.heads.maze.MazeSamples.answer;
import static io.trm4j.heads.maze.MazeSamples.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows of the evaluation CSVs (maze/README.md): the expected answers verify, and round-trip. */
class MazeDatasetTest {
    private final MazeHead head = new MazeHead();

    @Test
    void expectedAnswersAreVerifiedShortestPaths() throws IOException {
        List<String[]> rows = rows();
        assertEquals(25, rows.size());
        for (String[] row : rows) {
            String question = row[1];
            String expected = row[2];
            Maze maze = head.parse(question);
            int side = question.length() == 169 ? 13 : 21;
            assertEquals(side, maze.rows(), row[0]);
            MazeSolution solution = answer(expected);
            assertEquals(Verdict.solved(), head.verify(maze, solution), row[0]);
            assertEquals(MazePaths.shortest(maze), solution.marked() + 1, row[0]);
            assertEquals(expected, head.render(solution, RenderStyle.COMPACT), row[0]);
            assertTrue(head.matchesExpected(maze, solution, expected), row[0]);
            assertEquals(maze, head.parse(expected), row[0]); // a solved maze reads back as its question
        }
    }

    @Test
    void encodeAndDecodeRoundTripOnTheModelsCanvas() throws IOException {
        for (String[] row : rows()) {
            Maze maze = head.parse(row[1]);
            ModelInfo m = model(maze.rows() == 13 ? 13 : 30); // a 30x30 canvas pads the rest
            long[] tokens = head.encode(maze, m).tokens()[0];
            int side = (int) Math.sqrt(m.seqLen());
            int[] predicted = new int[tokens.length];
            for (int r = 0; r < maze.rows(); r++) {
                for (int c = 0; c < maze.cols(); c++) {
                    char expected = row[2].charAt(r * maze.cols() + c);
                    assertEquals(MazeHead.token(row[1].charAt(r * maze.cols() + c)), tokens[r * side + c]);
                    predicted[r * side + c] = MazeHead.token(expected);
                }
            }
            RowResult result = new RowResult(new float[tokens.length * 6], predicted, 1f, 1, HaltReason.ACT, List.of());
            MazeSolution decoded = head.decode(maze, head.encode(maze, m), List.of(result), m);
            assertEquals(row[2], decoded.toCompact(), row[0]);
        }
    }

    @Test
    void verifyCatchesEveryOneCellMistake() throws IOException {
        for (String[] row : rows()) {
            Maze maze = head.parse(row[1]);
            char[] cells = row[2].toCharArray();
            for (int i = 0; i < cells.length; i++) {
                char was = cells[i];
                if (was != Maze.OPEN && was != Maze.PATH) {
                    continue;
                }
                cells[i] = was == Maze.PATH ? Maze.OPEN : Maze.PATH; // drop a path cell, or mark one more
                Verdict v = head.verify(maze, new MazeSolution(maze.rows(), maze.cols(), new String(cells)));
                assertEquals(Verdict.Status.UNSOLVED, v.status(), row[0] + " cell " + i);
                cells[i] = was;
            }
        }
    }

    private static List<String[]> rows() throws IOException {
        try (InputStream in = MazeDatasetTest.class.getResourceAsStream("/maze/maze_dataset_sample.csv")) {
            assertNotNull(in, "maze/maze_dataset_sample.csv is missing");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals("source,question,answer,rating", lines.get(0));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split(",", -1)); // mazes hold no commas or quotes
            }
            return rows;
        }
    }
}
