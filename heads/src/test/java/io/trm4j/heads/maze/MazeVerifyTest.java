package io.trm4j.heads.maze;

import io.trm4j.core.head.Verdict;
import org.junit.jupiter.api.Test;

import static io.trm4j.heads.maze.MazeSamples.LOOP;
import static io.trm4j.heads.maze.MazeSamples.LOOP_LONG_WAY;
import static io.trm4j.heads.maze.MazeSamples.LOOP_SHORTEST;
import static io.trm4j.heads.maze.MazeSamples.ROOM;
import static io.trm4j.heads.maze.MazeSamples.answer;
import static io.trm4j.heads.maze.MazeSamples.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MazeVerifyTest {
    private final MazeHead head = new MazeHead();
    private final Maze loop = head.parse(LOOP);
    private final Maze room = head.parse(ROOM);

    @Test
    void measuresTheShortestPath() {
        assertEquals(6, MazePaths.shortest(loop));
        assertEquals(4, MazePaths.shortest(room));
        assertEquals(-1, MazePaths.shortest(head.parse(lines("#####", "#S#G#", "#####"))));
    }

    @Test
    void acceptsAShortestPath() {
        assertEquals(Verdict.solved(), head.verify(loop, answer(LOOP_SHORTEST)));
        assertEquals(Verdict.solved(), head.verify(room, answer(lines("#######", "#SoooG#", "#     #", "#######"))));
    }

    @Test
    void acceptsAnyShortestPath() {
        Maze open = head.parse(lines("######", "#S   #", "#    #", "#   G#", "######"));
        assertEquals(5, MazePaths.shortest(open));
        for (String path : new String[] {
                lines("######", "#Sooo#", "#   o#", "#   G#", "######"),
                lines("######", "#S   #", "#o   #", "#oooG#", "######"),
                lines("######", "#So  #", "# oo #", "#  oG#", "######")}) {
            assertEquals(Verdict.solved(), head.verify(open, answer(path)), path);
        }
    }

    @Test
    void acceptsStartNextToGoalWithNothingMarked() {
        Maze adjacent = head.parse(lines("####", "#SG#", "####"));
        assertEquals(Verdict.solved(), head.verify(adjacent, answer(lines("####", "#SG#", "####"))));
    }

    @Test
    void namesEveryKindOfWrongPath() {
        assertUnsolved("no path marked", loop, LOOP);
        assertUnsolved("broken path at row 2, column 4", loop,
                lines("#########", "#Soo ooG#", "# ##### #", "#       #", "#########"));
        assertUnsolved("broken path at row 2, column 2 (nothing marked next to the start S)", loop,
                lines("#########", "#S  oooG#", "# ##### #", "#       #", "#########"));
        assertUnsolved("the path goes through a wall at row 3, column 3", loop,
                lines("#########", "#So    G#", "# o#### #", "#       #", "#########"));
        assertUnsolved("not shortest: length 10 vs shortest 6", loop, LOOP_LONG_WAY);
        assertUnsolved("extra marked cells off the path, first at row 4, column 5", loop,
                lines("#########", "#SoooooG#", "# ##### #", "#   o   #", "#########"));
        assertUnsolved("the path branches at row 2, column 2", loop,
                lines("#########", "#SoooooG#", "#o##### #", "#       #", "#########"));
        assertUnsolved("the path branches at row 2, column 4", room,
                lines("#######", "#SoooG#", "#  o  #", "#######"));
        assertUnsolved("the path branches at row 2, column 6", room,
                lines("#######", "#SoooG#", "#    o#", "#######"));
        // a path that touches itself: every cell is marked, so cells have three path neighbours
        assertUnsolved("the path branches at row 2, column 2", room,
                lines("#######", "#SoooG#", "#ooooo#", "#######"));
    }

    @Test
    void rejectsAnswersThatChangeTheMaze() {
        assertUnsolved("the 'S' at row 2, column 2 was changed to 'o'", loop, LOOP_SHORTEST.replace('S', 'o'));
        assertUnsolved("the '#' at row 3, column 3 was changed to ' '", loop,
                lines("#########", "#SoooooG#", "#  #### #", "#       #", "#########"));
        assertUnsolved("the ' ' at row 4, column 2 was changed to '#'", loop,
                lines("#########", "#SoooooG#", "# ##### #", "##      #", "#########"));
        assertUnsolved("the answer is 3x4, the maze 5x9", loop, lines("####", "#SG#", "####"));
    }

    @Test
    void saysWhenNoPathExists() {
        Maze walled = head.parse(lines("#####", "#S#G#", "#####"));
        assertUnsolved("no path exists from S to G", walled, lines("#####", "#S#G#", "#####"));
    }

    private void assertUnsolved(String reason, Maze maze, String answer) {
        assertEquals(Verdict.unsolved(reason), head.verify(maze, answer(answer)), answer);
    }
}
