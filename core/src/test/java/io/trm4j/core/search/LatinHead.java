package io.trm4j.core.search;

import io.trm4j.core.Reasoning;
import io.trm4j.core.head.AllowedTokens;
import io.trm4j.core.head.CommitCells;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SymmetricVariants;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A test head: an n x n Latin square (each row and column holds 1..n once), token = value, 0 blank.
 * Its verifier can be switched to always reject or to say nothing, for gating and voting tests; a
 * test may add a rule by overriding {@link #allows}. {@link #of} gives a head with the search
 * capabilities asked for ({@link CommitCells}, {@link SymmetricVariants}).
 */
class LatinHead implements TaskHead<LatinHead.Grid, LatinHead.Grid>, AllowedTokens<LatinHead.Grid> {
    /**
     * RULES: a valid square; TARGET: [1,2,2,1] only (a unique answer, as a Sudoku has); NEVER; NONE:
     * unverified; PLAUSIBLE: the RULES check, but a grid that keeps the rules is only unverified.
     */
    enum Verifier { RULES, TARGET, NEVER, NONE, PLAUSIBLE }

    record Grid(int n, int[] cells) {
        Grid with(int position, int value) {
            int[] c = cells.clone();
            c[position] = value;
            return new Grid(n, c);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Grid g && g.n == n && Arrays.equals(g.cells, cells);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(cells);
        }

        @Override
        public String toString() {
            return Arrays.toString(cells);
        }
    }

    private final Verifier verifier;

    LatinHead(Verifier verifier) {
        this.verifier = verifier;
    }

    /** A head that commits cells (search fill, consensus) when {@code commits}. */
    static LatinHead of(Verifier verifier, boolean commits) {
        return of(verifier, commits, false);
    }

    /** {@code variants}: offers symmetric variants (symbols relabelled, maybe transposed) to search augment. */
    static LatinHead of(Verifier verifier, boolean commits, boolean variants) {
        if (variants) {
            return commits ? new CommittingWithVariants(verifier) : new WithVariants(verifier);
        }
        return commits ? new Committing(verifier) : new LatinHead(verifier);
    }

    /** Search fill: the blank at {@code position} takes {@code token}. */
    static class Committing extends LatinHead implements CommitCells<Grid> {
        Committing(Verifier verifier) {
            super(verifier);
        }

        @Override
        public Grid commit(Grid input, int position, int token) {
            return input.with(position, token);
        }
    }

    private static final class WithVariants extends LatinHead implements SymmetricVariants<Grid> {
        WithVariants(Verifier verifier) {
            super(verifier);
        }

        @Override
        public Variant<Grid> variant(Grid input, SplittableRandom random, ModelInfo model) {
            return drawVariant(input, random);
        }
    }

    private static final class CommittingWithVariants extends Committing implements SymmetricVariants<Grid> {
        CommittingWithVariants(Verifier verifier) {
            super(verifier);
        }

        @Override
        public Variant<Grid> variant(Grid input, SplittableRandom random, ModelInfo model) {
            return drawVariant(input, random);
        }
    }

    @Override
    public String name() {
        return "latin";
    }

    @Override
    public Grid parse(String text) {
        int[] cells = text.chars().map(ch -> ch == '.' ? 0 : ch - '0').toArray();
        return new Grid((int) Math.round(Math.sqrt(cells.length)), cells);
    }

    @Override
    public EncodedBatch encode(Grid input, ModelInfo model) {
        return EncodedBatch.of(Arrays.stream(input.cells()).asLongStream().toArray());
    }

    @Override
    public Grid decode(Grid input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        float[] logits = rows.get(0).logits();
        int v = input.n() + 1;
        int[] out = input.cells().clone();
        for (int p = 0; p < out.length; p++) {
            if (out[p] == 0) {
                int best = 1;
                for (int t = 2; t < v; t++) {
                    best = logits[p * v + t] > logits[p * v + best] ? t : best;
                }
                out[p] = best;
            }
        }
        return new Grid(input.n(), out);
    }

    @Override
    public Verdict verify(Grid input, Grid output) {
        if (verifier == Verifier.NONE) {
            return Verdict.unverified("no verifier");
        }
        if (verifier == Verifier.NEVER) {
            return Verdict.unsolved("never");
        }
        if (verifier == Verifier.TARGET) {
            return Arrays.equals(output.cells(), new int[] {1, 2, 2, 1}) ? Verdict.solved() : Verdict.unsolved("not it");
        }
        for (int p = 0; p < input.cells().length; p++) {
            if (input.cells()[p] != 0 && input.cells()[p] != output.cells()[p]) {
                return Verdict.unsolved("given changed");
            }
            for (int q = p + 1; q < input.cells().length; q++) {
                if (peers(input.n(), p, q) && output.cells()[p] == output.cells()[q]) {
                    return Verdict.unsolved("repeat");
                }
            }
        }
        return verifier == Verifier.PLAUSIBLE ? Verdict.unverified("keeps the rules") : Verdict.solved();
    }

    @Override
    public String render(Grid output, RenderStyle style) {
        return output.toString();
    }

    @Override
    public boolean allows(Grid input, int position, int token, ModelInfo model) {
        if (input.cells()[position] != 0 || token < 1 || token > input.n()) {
            return false;
        }
        for (int q = 0; q < input.cells().length; q++) {
            if (q != position && peers(input.n(), position, q) && input.cells()[q] == token) {
                return false;
            }
        }
        return true;
    }

    /** Symbols relabelled, maybe transposed. */
    static Variant<Grid> drawVariant(Grid input, SplittableRandom random) {
        int n = input.n();
        int[] symbol = new int[n + 1]; // original value -> variant value (0 stays blank)
        List<Integer> shuffled = new ArrayList<>();
        for (int v = 1; v <= n; v++) {
            shuffled.add(v);
        }
        Collections.shuffle(shuffled, new Random(random.nextLong()));
        int[] tokenBack = new int[n + 1];
        for (int v = 1; v <= n; v++) {
            symbol[v] = shuffled.get(v - 1);
            tokenBack[symbol[v]] = v;
        }
        boolean transpose = random.nextBoolean();
        int[] cells = new int[n * n];
        int[] sourcePosition = new int[n * n];
        for (int p = 0; p < n * n; p++) {
            int v = transpose ? (p % n) * n + p / n : p;
            cells[v] = symbol[input.cells()[p]];
            sourcePosition[p] = v;
        }
        return new Variant<>(new Grid(n, cells), sourcePosition, tokenBack);
    }

    static boolean peers(int n, int p, int q) {
        return p / n == q / n || p % n == q % n;
    }

    /** What the model of an n x n square says of itself: L = n*n cells, vocab n + 1. */
    static ModelInfo model(int n) {
        return new ModelInfo("test", "latin", "", "mlp_t", 0, List.of(), n * n, n * n + 1, 2, n + 1, 4, Map.of(), "test");
    }

    /** {@code input} searched with this head over {@code runner} from {@code init}. */
    Reasoning<Grid> search(LoopRunner runner, Grid input, SearchSpec spec, InitState init) {
        Searcher<Grid, Grid> s = new Searcher<>(this, model(input.n()), runner, init);
        return s.search(input, encode(input, model(input.n())), spec);
    }
}
