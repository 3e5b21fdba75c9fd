package io.trm4j.core.runtime;

import io.trm4j.core.model.InitState;

import java.nio.FloatBuffer;

/**
 * One supervision step over a batch of rows, with the state kept between calls. The
 * {@link io.trm4j.core.loop.ContinuousLoop} drives it; {@link CellSession} is the ONNX Runtime
 * implementation. Not thread-safe: one loop at a time.
 */
public interface Cell extends AutoCloseable {
    CellShape shape();

    /** Starts a batch: sets the rows' tokens and puzzle ids and broadcasts {@code init} to every position. */
    void start(long[][] tokens, long[] puzzleIds, InitState init);

    /**
     * Appends rows after the current ones (continuous batching): their tokens and puzzle ids, with
     * {@code init} broadcast to their state; the current rows keep theirs. With no current rows it
     * is {@link #start}.
     */
    void admit(long[][] tokens, long[] puzzleIds, InitState init);

    /** Runs one supervision step for the current rows; state advances, outputs become readable. */
    void step();

    /** Rows in the current batch. */
    int batchSize();

    /** Last step's logits {@code [B][L][V]}; a view valid until the next step/compact/start. */
    FloatBuffer logits();

    /** Last step's halting logits {@code [B]}; same validity as {@link #logits()}. */
    FloatBuffer qHalt();

    /** Current answer state {@code [B][S][D]} (after the last step). */
    FloatBuffer y();

    /** Current latent state {@code [B][S][D]}. */
    FloatBuffer z();

    /**
     * Keeps rows {@code keep[0..count)} (indices into the current batch, strictly increasing) and
     * drops the rest: their state, tokens and ids move to positions {@code 0..count)}.
     */
    void compact(int[] keep, int count);

    /** Idempotent. */
    @Override
    void close();
}
