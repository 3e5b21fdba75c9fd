package io.trm4j.heads.maze;

import org.junit.jupiter.api.Test;

import static io.trm4j.heads.maze.MazeSamples.LOOP;
import static io.trm4j.heads.maze.MazeSamples.LOOP_SHORTEST;
import static io.trm4j.heads.maze.MazeSamples.assertRejects;
import static io.trm4j.heads.maze.MazeSamples.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MazeParserTest {
    private static final String LOOP_ONE_LINE = LOOP.replace("\n", "");
    private static final String LOOP_JSON_ROWS =
            "[\"#########\", \"#S     G#\", \"# ##### #\", \"#       #\", \"#########\"]";

    private final MazeHead head = new MazeHead();

    @Test
    void readsOneLinePerRow() {
        Maze maze = head.parse(LOOP);
        assertEquals(5, maze.rows());
        assertEquals(9, maze.cols());
        assertEquals(LOOP_ONE_LINE, maze.toCompact());
        assertEquals(1 * 9 + 1, maze.start());
        assertEquals(1 * 9 + 7, maze.goal());
        assertEquals("row 2, column 8", maze.position(maze.goal()));
        assertEquals(maze, head.parse(LOOP.replace("\n", "\r\n") + "\r\n"));
        assertEquals(maze, head.parse("\n" + LOOP + "\n\n\n"));
    }

    @Test
    void readsOneSquareLine() {
        String line = lines("#####", "#S  #", "# # #", "#  G#", "#####").replace("\n", "");
        Maze maze = head.parse(line + "\n");
        assertEquals(5, maze.rows());
        assertEquals(5, maze.cols());
        assertEquals(line, maze.toCompact());
        String csv = "#############" + "#S          #" + "#           #".repeat(10) + "#          G#";
        assertEquals(169, csv.length());
        assertEquals(13, head.parse(csv).rows());
    }

    @Test
    void readsJson() {
        Maze maze = head.parse(LOOP);
        assertEquals(maze, head.parse("{\"maze\": \"" + LOOP_ONE_LINE + "\", \"width\": 9}"));
        assertEquals(maze, head.parse("{\"maze\": \"" + LOOP.replace("\n", "\\n") + "\"}"));
        assertEquals(maze, head.parse("{\"maze\": \"" + LOOP.replace("\n", "\\n") + "\", \"width\": 9}"));
        assertEquals(maze, head.parse("{\"maze\": " + LOOP_JSON_ROWS + "}"));
        assertEquals(maze, head.parse("{\"grid\": " + LOOP_JSON_ROWS + ", \"width\": 9}"));
        assertEquals(maze, head.parse("{\"grid\": \"" + LOOP.replace("\n", "\\n") + "\"}"));
        assertEquals(maze, head.parse(LOOP_JSON_ROWS));
    }

    @Test
    void readsPathCellsAsOpen() {
        assertEquals(head.parse(LOOP), head.parse(LOOP_SHORTEST));
        assertEquals(head.parse(LOOP), head.parse("{\"maze\": \"" + LOOP_SHORTEST.replace("\n", "") + "\", \"width\": 9}"));
    }

    @Test
    void rejectsBadShapes() {
        assertRejects(() -> head.parse(lines("#####", "#S G", "#####")), "ragged rows: row 2 has 4 cells, row 1 has 5");
        assertRejects(() -> head.parse(lines("#####", "#S G#", "", "#####")), "ragged rows: row 3 has 0 cells");
        assertRejects(() -> head.parse("#S G#"), "a one-line maze must be square, but 5 characters is not a square number");
        assertRejects(() -> head.parse("#S G#" + "\n#####".repeat(30)),
                "maze too large: 31 rows x 5 columns, at most 30x30");
        assertRejects(() -> head.parse("#".repeat(31) + "\n" + "#S" + " ".repeat(28) + "G"),
                "maze too large: 2 rows x 31 columns");
        assertRejects(() -> head.parse("SG" + "#".repeat(959)), "maze too large: 31 rows x 31 columns");
        assertRejects(() -> head.parse(""), "empty maze");
        assertRejects(() -> head.parse(" \n\n"), "empty maze");
        assertRejects(() -> head.parse(null), "empty maze");
    }

    @Test
    void rejectsUnknownCharactersWithTheirPosition() {
        assertRejects(() -> head.parse(lines("#####", "#S*G#", "#####")),
                "unknown character '*' at row 2, column 3", "use '#' wall, ' ' open, 'S' start, 'G' goal");
        assertRejects(() -> head.parse(lines("#####", "#S G#", "#\t  #")), "unknown character '\\u0009' at row 3, column 2");
        assertRejects(() -> head.parse("#x##S  G#"), "unknown character 'x' at row 1, column 2 (character 2)");
        assertRejects(() -> head.parse("#####" + "#S.G#" + "#   #" + "#   #" + "#####"),
                "unknown character '.' at row 2, column 3 (character 8)");
    }

    @Test
    void needsExactlyOneStartAndOneGoal() {
        assertRejects(() -> head.parse(lines("#####", "#  G#", "#####")), "no start 'S' in the maze");
        assertRejects(() -> head.parse(lines("#####", "#S  #", "#####")), "no goal 'G' in the maze");
        assertRejects(() -> head.parse(lines("#####", "#SGS#", "#####")),
                "more than one start 'S': at row 2, column 2 and at row 2, column 4");
        assertRejects(() -> head.parse(lines("#####", "#S G#", "#G  #")),
                "more than one goal 'G': at row 2, column 4 and at row 3, column 2");
    }

    @Test
    void rejectsBadJson() {
        assertRejects(() -> head.parse("{\"maze\": "), "invalid JSON at line 1");
        assertRejects(() -> head.parse("{\"width\": 3}"), "JSON maze: expected a \"maze\" or \"grid\" field");
        assertRejects(() -> head.parse("{\"maze\": 5}"), "JSON maze: expected a string or an array of row strings");
        assertRejects(() -> head.parse("{\"maze\": [\"###\", 5]}"), "JSON maze: row 2 must be a string");
        assertRejects(() -> head.parse("{\"maze\": []}"), "JSON maze: empty maze");
        assertRejects(() -> head.parse("{\"maze\": \"\"}"), "JSON maze: empty maze");
        assertRejects(() -> head.parse("{\"maze\": \"#S G#####\", \"width\": \"4\"}"),
                "\"width\" must be a positive integer, got \"4\"");
        assertRejects(() -> head.parse("{\"maze\": \"#S G#####\", \"width\": 4}"),
                "9 characters do not split into rows of width 4");
        assertRejects(() -> head.parse("{\"maze\": " + LOOP_JSON_ROWS + ", \"width\": 8}"),
                "\"width\" is 8 but row 1 has 9 cells");
        assertRejects(() -> head.parse("{\"maze\": [\"#####\", \"#S G\"]}"), "JSON maze: ragged rows: row 2 has 4 cells");
    }
}
