package io.trm4j.heads.sudoku;

import io.trm4j.core.head.AllowedTokens;
import io.trm4j.core.head.CommitCells;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SymmetricVariants;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 9x9 Sudoku with the official TRM tokenization: 0 pad, blank 1, digit d as d + 1 (vocab 11).
 * Decoding takes each blank cell's most likely digit (pad and blank excluded) and keeps the givens;
 * {@link #verify} accepts only a grid that obeys every rule and keeps every given.
 */
public final class SudokuHead implements TaskHead<SudokuPuzzle, SudokuGrid>,
        ExpectedAnswers<SudokuPuzzle, SudokuGrid>,
        AllowedTokens<SudokuPuzzle>,
        SymmetricVariants<SudokuPuzzle>,
        CommitCells<SudokuPuzzle> {
    public static final String NAME = "sudoku";
    static final int VOCAB = 11;
    private static final int BLANK_TOKEN = 1;
    private static final int FIRST_DIGIT_TOKEN = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SudokuPuzzle parse(String text) {
        return SudokuParser.parse(text);
    }

    @Override
    public EncodedBatch encode(SudokuPuzzle input, ModelInfo model) {
        checkModel(model);
        long[] row = new long[SudokuPuzzle.SIZE];
        for (int i = 0; i < row.length; i++) {
            row[i] = input.isGiven(i) ? input.cell(i) + 1 : BLANK_TOKEN;
        }
        return EncodedBatch.of(row);
    }

    @Override
    public SudokuGrid decode(SudokuPuzzle input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        float[] logits = rows.get(0).logits();
        int[] cells = new int[SudokuPuzzle.SIZE];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = input.isGiven(i) ? input.cell(i) : bestDigit(logits, i * VOCAB);
        }
        return new SudokuGrid(cells, input);
    }

    @Override
    public Verdict verify(SudokuPuzzle input, SudokuGrid output) {
        for (int i = 0; i < SudokuPuzzle.SIZE; i++) {
            if (input.isGiven(i) && output.cell(i) != input.cell(i)) {
                return Verdict.unsolved("the given " + input.cell(i) + " at " + SudokuRules.position(i)
                        + " was changed to " + output.cell(i));
            }
        }
        int bad = 0;
        for (boolean b : SudokuRules.conflicts(output.cells())) {
            bad += b ? 1 : 0;
        }
        return bad == 0 ? Verdict.solved() : Verdict.unsolved(bad + " conflicting cells");
    }

    /** Expected answers are 81 digits (whitespace ignored), as in the evaluation CSVs. */
    @Override
    public boolean matchesExpected(SudokuPuzzle input, SudokuGrid output, String expected) {
        return Arrays.equals(SudokuParser.fromText(expected), output.cells());
    }

    @Override
    public String render(SudokuGrid output, RenderStyle style) {
        return SudokuRenderer.render(output, style);
    }

    /** {@code r{row}c{col}}, 1-based: cell 2 is {@code r1c3}, cell 80 {@code r9c9}. */
    @Override
    public String positionName(int index, ModelInfo model) {
        return "r" + (SudokuRules.row(index) + 1) + "c" + (SudokuRules.col(index) + 1);
    }

    /** Search: a blank cell may take a digit that no given of its row, column or box holds. */
    @Override
    public boolean allows(SudokuPuzzle input, int position, int token, ModelInfo model) {
        if (position < 0 || position >= SudokuPuzzle.SIZE || input.isGiven(position)
                || token < FIRST_DIGIT_TOKEN || token >= VOCAB) {
            return false;
        }
        int digit = token - 1;
        for (int peer : SudokuRules.PEERS[position]) {
            if (input.cell(peer) == digit) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Variant<SudokuPuzzle> variant(SudokuPuzzle input, SplittableRandom random, ModelInfo model) {
        return SudokuSymmetry.draw(input, random);
    }

    /** Search {@code fill}: the blank at {@code position} becomes a given {@code token - 1}. */
    @Override
    public SudokuPuzzle commit(SudokuPuzzle input, int position, int token) {
        if (!allows(input, position, token, null)) {
            throw new IllegalArgumentException("cannot commit token " + token + " at " + SudokuRules.position(position)
                    + " of " + input.toCompact());
        }
        int[] cells = input.cells();
        cells[position] = token - 1;
        return new SudokuPuzzle(cells);
    }

    private static int bestDigit(float[] logits, int offset) {
        int best = FIRST_DIGIT_TOKEN;
        for (int t = FIRST_DIGIT_TOKEN + 1; t < VOCAB; t++) {
            if (logits[offset + t] > logits[offset + best]) {
                best = t;
            }
        }
        return best - 1;
    }

    @Override
    public void checkModel(ModelInfo model) {
        if (model.seqLen() != SudokuPuzzle.SIZE || model.vocabSize() != VOCAB) {
            throw new InvalidInputException("model '" + model.name() + "' is not a Sudoku model: it has seq_len "
                    + model.seqLen() + " and vocab_size " + model.vocabSize() + " (a Sudoku model has 81 and 11)");
        }
    }
}
