package io.trm4j.heads.maze;

import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small mazes and helpers shared by the maze tests. */
final class MazeSamples {
    /** A loop: the top row is the shortest way (6 moves), around the bottom takes 10. */
    static final String LOOP = lines(
            "#########",
            "#S     G#",
            "# ##### #",
            "#       #",
            "#########");
    static final String LOOP_SHORTEST = lines(
            "#########",
            "#SoooooG#",
            "# ##### #",
            "#       #",
            "#########");
    static final String LOOP_LONG_WAY = lines(
            "#########",
            "#S     G#",
            "#o#####o#",
            "#ooooooo#",
            "#########");
    /** An open room: room for branches. */
    static final String ROOM = lines(
            "#######",
            "#S   G#",
            "#     #",
            "#######");

    private MazeSamples() {
    }

    static String lines(String... rows) {
        return String.join("\n", rows);
    }

    static MazeSolution answer(String text) {
        MazeGrid g = MazeParser.readGrid(text);
        return new MazeSolution(g.rows(), g.cols(), g.cells());
    }

    /** A maze model with a {@code side x side} canvas and the official vocabulary. */
    static ModelInfo model(int side) {
        return new ModelInfo("maze-test", "maze", "", "attention", 1,
                List.of("<pad>", "#", " ", "S", "G", "o"), side * side, side * side + 16, 8, 6, 16, Map.of(), "test");
    }

    static void assertRejects(Executable call, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
