package io.trm4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CardSummaryTest {
    @Test
    void takesTheFirstSentenceAfterTheTitle() {
        String card = "# sudoku — a model\n\nA small model for 9x9 Sudoku, trained on\nCPU. It is slow.\n\n## More\nx\n";
        assertEquals("A small model for 9x9 Sudoku, trained on CPU.", CardSummary.of(card));
        assertEquals("", CardSummary.of("# only a title\n"));
        assertEquals("No full stop", CardSummary.of("No full stop\n"));
    }
}
