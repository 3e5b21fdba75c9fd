package io.trm4j.core.search;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.InitState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A {@link LoopRunner} without a network: {@code beliefs} maps a run's tokens and initial state to
 * one probability vector per position (over tokens 0..V-1); the logits are their logs. It counts
 * the runs, so tests can hold a strategy to its budget. Every run takes all the steps it is allowed
 * ({@link #STEPS} at most).
 */
final class ScriptedModel implements LoopRunner {
    static final int STEPS = 4;
    private final BiFunction<long[], InitState, double[][]> beliefs;
    final List<long[]> runs = new ArrayList<>();
    /** The step cap each run was given. */
    final List<Integer> caps = new ArrayList<>();

    /** Whether runs record a trace (as the loop does when asked): one step per step run, each the final argmax. */
    private boolean traced;

    ScriptedModel(BiFunction<long[], InitState, double[][]> beliefs) {
        this.beliefs = beliefs;
    }

    /** This model, recording a trace in every run. */
    ScriptedModel traced() {
        traced = true;
        return this;
    }

    @Override
    public int maxSteps() {
        return STEPS;
    }

    @Override
    public List<RowResult> run(EncodedBatch batch, InitState init, int maxSteps) {
        long[] tokens = batch.tokens()[0];
        runs.add(tokens.clone());
        caps.add(maxSteps);
        double[][] p = beliefs.apply(tokens, init);
        int v = p[0].length;
        float[] logits = new float[p.length * v];
        int[] argmax = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int t = 0; t < v; t++) {
                logits[i * v + t] = (float) Math.log(Math.max(p[i][t], 1e-9));
                argmax[i] = p[i][t] > p[i][argmax[i]] ? t : argmax[i];
            }
        }
        List<StepRecord> trace = new ArrayList<>();
        for (int step = 1; traced && step <= maxSteps; step++) {
            trace.add(new StepRecord(step, argmax.clone(), step / (float) (maxSteps + 1)));
        }
        return List.of(new RowResult(logits, argmax, 0.5f, maxSteps, HaltReason.MAX_STEPS, trace));
    }

    /** A belief that puts {@code p} on {@code token} and spreads the rest over tokens 1..n. */
    static double[] sure(int n, int token, double p) {
        double[] out = new double[n + 1];
        for (int t = 1; t <= n; t++) {
            out[t] = t == token ? p : (1 - p) / (n - 1);
        }
        return out;
    }
}
