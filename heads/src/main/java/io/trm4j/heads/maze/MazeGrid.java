package io.trm4j.heads.maze;

/** A rectangular grid as read from text, before the start/goal checks: any of {@code "# SGo"}. */
record MazeGrid(int rows, int cols, String cells) {
}
