package io.trm4j.heads.maze;

import io.trm4j.core.TrmException;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

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
        assertFalse(HEAD.canCommit());
        TrmException e = assertThrows(TrmException.class,
                () -> HEAD.commit(MazeParser.parse(MazeSamples.LOOP), 15, MazeHead.PATH_TOKEN));
        assertEquals("the maze head cannot fix a cell's value in its input, so search 'fill' does not apply to it "
                + "(sample and restarts do)", e.getMessage());
    }
}
