package io.trm4j.heads.tokens;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.List;

/**
 * The task-agnostic head: token ids in, the model's argmax token ids out. Works with any model
 * (handy for debugging and parity checks); it cannot know the right answer, so it never verifies.
 */
public final class TokensHead implements TaskHead<Tokens, Tokens> {
    public static final String NAME = "tokens";

    @Override
    public String name() {
        return NAME;
    }

    /** Whitespace- and/or comma-separated non-negative integers, e.g. {@code "1 2 3"} or {@code "[1,2,3]"}. */
    @Override
    public Tokens parse(String text) {
        String s = text.strip();
        int from = 0;
        int to = s.length();
        if (s.startsWith("[") && s.endsWith("]")) { // accept a JSON array too
            from = 1;
            to = s.length() - 1;
        }
        int[] ids = new int[Math.max(4, (to - from) / 2 + 1)];
        int count = 0;
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            int start = i;
            while (i < to && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ',') {
                i++;
            }
            String word = s.substring(start, i);
            int id;
            try {
                id = Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("token " + (count + 1) + " at character " + (start + 1) + " is '"
                        + word + "', not an integer token id");
            }
            if (id < 0) {
                throw new InvalidInputException("token " + (count + 1) + " at character " + (start + 1)
                        + " is negative (" + id + ")");
            }
            if (count == ids.length) {
                ids = java.util.Arrays.copyOf(ids, ids.length * 2);
            }
            ids[count++] = id;
        }
        if (count == 0) {
            throw new InvalidInputException("no token ids given");
        }
        return new Tokens(java.util.Arrays.copyOf(ids, count));
    }

    @Override
    public EncodedBatch encode(Tokens input, ModelInfo model) {
        int[] ids = input.ids();
        if (ids.length != model.seqLen()) {
            throw new InvalidInputException("model '" + model.name() + "' takes exactly " + model.seqLen()
                    + " tokens (seq_len), got " + ids.length);
        }
        long[] row = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= model.vocabSize()) {
                throw new InvalidInputException("token " + (i + 1) + " is " + ids[i] + ", outside the vocabulary 0.."
                        + (model.vocabSize() - 1) + " of model '" + model.name() + "'");
            }
            row[i] = ids[i];
        }
        return EncodedBatch.of(row);
    }

    @Override
    public Tokens decode(Tokens input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        return new Tokens(rows.get(0).argmax());
    }

    @Override
    public Verdict verify(Tokens input, Tokens output) {
        return Verdict.unverified("the tokens head has no task to check against");
    }

    @Override
    public String render(Tokens output, RenderStyle style) {
        return output.toString();
    }
}
