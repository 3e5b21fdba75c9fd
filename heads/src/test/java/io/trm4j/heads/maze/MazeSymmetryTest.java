package io.trm4j.heads.maze;

import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.heads.ConfidentRows;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.trm4j.heads.maze.MazeSamples.LOOP;
import static io.trm4j.heads.maze.MazeSamples.LOOP_SHORTEST;
import static io.trm4j.heads.maze.MazeSamples.answer;
import static io.trm4j.heads.maze.MazeSamples.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Search augment's maze variants: the 8 symmetries keep shortest paths, and answers map back exactly. */
class MazeSymmetryTest {
    private static final int SIDE = 13;
    private final MazeHead head = new MazeHead();

    @Test
    void everySymmetryKeepsTheShortestPathAndMapsItBack() {
        Maze maze = head.parse(LOOP); // 5 x 9: the transposes and quarter turns change its shape
        MazeSolution solution = answer(LOOP_SHORTEST);
        for (int t = 0; t < 8; t++) {
            Variant<Maze> v = MazeSymmetry.of(maze, SIDE, MazeHead.VOCAB, t);
            Maze m = v.input();
            assertEquals(t % 2 == 0 ^ t >= 4 ? 5 : 9, m.rows(), "symmetry " + t);
            int[] pos = v.sourcePosition();
            // the original's path, carried to the variant, is a shortest path there
            char[] moved = m.cells().toCharArray();
            long[] variantRow = new long[SIDE * SIDE];
            for (int r = 0; r < maze.rows(); r++) {
                for (int c = 0; c < maze.cols(); c++) {
                    int q = pos[r * SIDE + c];
                    char ch = solution.cells().charAt(r * maze.cols() + c);
                    moved[(q / SIDE) * m.cols() + q % SIDE] = ch;
                    variantRow[q] = MazeHead.token(ch == Maze.PATH ? Maze.PATH : ch);
                }
            }
            assertEquals(Verdict.solved(), head.verify(m, new MazeSolution(m.rows(), m.cols(), new String(moved))),
                    "symmetry " + t);
            // the model's answer to the variant decodes, mapped back, to the original's answer
            RowResult back = v.toOriginal(ConfidentRows.of(variantRow, MazeHead.VOCAB));
            assertEquals(solution, head.decode(maze, head.encode(maze, model(SIDE)), List.of(back), model(SIDE)),
                    "symmetry " + t);
        }
    }

    @Test
    void drawsNeverTheIdentity() {
        Maze maze = head.parse(LOOP);
        for (long seed = 0; seed < 30; seed++) {
            Variant<Maze> v = head.variant(maze, new SplittableRandom(seed), model(SIDE));
            assertNotEquals(maze, v.input(), "seed " + seed);
        }
    }
}
