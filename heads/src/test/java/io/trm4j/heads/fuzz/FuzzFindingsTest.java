package io.trm4j.heads.fuzz;

import io.trm4j.core.head.InvalidInputException;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.sequence.SequenceHead;
import io.trm4j.heads.sudoku.SudokuHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser bugs the fuzzing found (docs/RELIABILITY.md), kept as plain regression tests. */
class FuzzFindingsTest {
    /** JSON nested deeper than Jackson allows has no location: was a NullPointerException. */
    @Test
    void deeplyNestedJsonIsAClearError() {
        String deep = "[".repeat(5000);
        InvalidInputException s = assertThrows(InvalidInputException.class, () -> new SudokuHead().parse(deep));
        assertTrue(s.getMessage().startsWith("invalid JSON: "), s.getMessage());
        InvalidInputException m = assertThrows(InvalidInputException.class, () -> new MazeHead().parse(deep));
        assertTrue(m.getMessage().startsWith("invalid JSON: "), m.getMessage());
    }

    /** A term of 800,000 digits took minutes (quadratic BigInteger parsing, then printing it). */
    @Test
    @Timeout(5)
    void hugeTermIsRejectedQuickly() {
        String text = "1, 2, " + "3".repeat(800_000) + ", ?";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SequenceHead().parse(text));
        assertTrue(e.getMessage().contains("out of range: 800000 digits") && e.getMessage().length() < 200,
                e.getMessage());
    }

    /**
     * A maze text of 909,273 leading newlines took 7.5 minutes (Jazzer, CI's short fuzz run): the
     * parser dropped leading empty lines one {@code ArrayList.remove(0)} at a time.
     */
    @Test
    @Timeout(5)
    void mazeWithAMillionLeadingNewlinesIsAnsweredQuickly() {
        String text = "\n".repeat(909_273) + "S G";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new MazeHead().parse(text));
        assertTrue(e.getMessage().contains("3 characters is not a square number"), e.getMessage());
    }
}
