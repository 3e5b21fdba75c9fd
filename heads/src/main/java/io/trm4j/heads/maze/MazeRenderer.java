package io.trm4j.heads.maze;

import io.trm4j.core.head.RenderStyle;

/**
 * Draws an answer: one line per row in the input's own characters (so it can be fed back), with
 * the path bold green and S and G bold yellow under ANSI; {@code COMPACT} is the one-line form.
 */
final class MazeRenderer {
    private static final String RESET = "\u001b[0m";
    private static final String WALL = "\u001b[2m";
    private static final String PATH = "\u001b[1;32m";
    private static final String END = "\u001b[1;33m";

    private MazeRenderer() {
    }

    static String render(MazeSolution answer, RenderStyle style) {
        if (style == RenderStyle.COMPACT) {
            return answer.toCompact();
        }
        boolean ansi = style == RenderStyle.ANSI;
        StringBuilder sb = new StringBuilder(answer.size() * (ansi ? 6 : 1) + answer.rows());
        for (int r = 0; r < answer.rows(); r++) {
            for (int c = 0; c < answer.cols(); c++) {
                char ch = answer.cell(r * answer.cols() + c);
                String color = ansi ? color(ch) : null;
                if (color == null) {
                    sb.append(ch);
                } else {
                    sb.append(color).append(ch).append(RESET);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String color(char ch) {
        return switch (ch) {
            case Maze.WALL -> WALL;
            case Maze.PATH -> PATH;
            case Maze.START, Maze.GOAL -> END;
            default -> null;
        };
    }
}
