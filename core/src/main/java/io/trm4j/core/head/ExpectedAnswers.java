package io.trm4j.core.head;

/**
 * A head that compares an answer with the expected one of an evaluation file in its own way (a maze
 * answer given in any of its text forms, a sequence answer by its first term). Other heads' answers
 * match when their compact rendering equals the expected text.
 *
 * @param <I> the puzzle type
 * @param <O> the answer type
 */
public interface ExpectedAnswers<I, O> {
    /**
     * Whether {@code output} equals the expected answer given in the task's text form; an expected
     * text that cannot be read throws {@link InvalidInputException}.
     */
    boolean matchesExpected(I input, O output, String expected);

    /** The head's own comparison, or the compact renderings compared ignoring surrounding whitespace. */
    @SuppressWarnings("unchecked")
    static <I, O> boolean matches(TaskHead<I, O> head, I input, O output, String expected) {
        if (head instanceof ExpectedAnswers<?, ?> own) {
            return ((ExpectedAnswers<I, O>) own).matchesExpected(input, output, expected);
        }
        return head.render(output, RenderStyle.COMPACT).equals(expected.strip());
    }
}
