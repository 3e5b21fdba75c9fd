package io.trm4j.heads.maze;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.CommitCells;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.search.LoopRunner;
import io.trm4j.core.search.SearchSpec;
import io.trm4j.core.search.Searcher;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search on mazes: only open cells are decided (path or not); fill does not apply. */
class MazeSearchSupportTest {
    private static final MazeHead HEAD = new MazeHead();

    @Test
    void onlyOpenCellsAreSearchedAsPathOrNot() {
        Maze maze = MazeParser.parse(MazeSamples.LOOP);
        ModelInfo model = MazeSamples.model(13);
        int open = 1 * 13 + 2; // r2c3 on the 13-wide canvas: ' '
        int wall = 0;
        int start = 1 * 13 + 1;
        int outside = 12 * 13 + 12;
        assertTrue(HEAD.allows(maze, open, MazeHead.PATH_TOKEN, model));
        assertTrue(HEAD.allows(maze, open, MazeHead.token(Maze.OPEN), model));
        assertFalse(HEAD.allows(maze, open, MazeHead.token(Maze.WALL), model));
        assertFalse(HEAD.allows(maze, wall, MazeHead.PATH_TOKEN, model));
        assertFalse(HEAD.allows(maze, start, MazeHead.PATH_TOKEN, model));
        assertFalse(HEAD.allows(maze, outside, MazeHead.PATH_TOKEN, model), "the canvas around the maze");
    }

    @Test
    void fillDoesNotApply() {
        Object head = HEAD;
        assertFalse(head instanceof CommitCells<?>, "a maze input cannot give a path cell");
        ModelInfo model = MazeSamples.model(13);
        LoopRunner neverRuns = new LoopRunner() {
            @Override
            public List<RowResult> run(EncodedBatch batch, InitState init, int maxSteps) {
                throw new AssertionError("a search that does not apply runs nothing");
            }

            @Override
            public int maxSteps() {
                return 16;
            }
        };
        Searcher<Maze, MazeSolution> searcher = new Searcher<>(HEAD, model, neverRuns,
                new InitState(new float[] {0}, new float[] {0}));
        Maze maze = MazeParser.parse(MazeSamples.LOOP);
        TrmException e = assertThrows(TrmException.class,
                () -> searcher.check(SearchSpec.of(SearchSpec.Strategy.FILL), HEAD.encode(maze, model)));
        assertEquals("search 'fill' does not apply to the maze head: it cannot fix a cell's value in its input "
                + "(sample and restarts do apply)", e.getMessage());
    }
}
