package io.trm4j.core.head;

/**
 * A head whose puzzles have an identity the model knows them by (an ARC task id) and that takes it
 * from the name of the file the puzzle was read from when the text has none.
 *
 * @param <I> the puzzle type
 */
public interface SourceNamedInputs<I> {
    /** {@code input} read from a file named {@code fileName} (no directory), named after it if it had no name. */
    I withSourceName(I input, String fileName);

    /** {@code input} named after {@code fileName} when {@code head} takes names from files; else {@code input}. */
    @SuppressWarnings("unchecked")
    static <I> I withSourceName(TaskHead<I, ?> head, I input, String fileName) {
        return head instanceof SourceNamedInputs<?> named ? ((SourceNamedInputs<I>) named).withSourceName(input, fileName)
                : input;
    }
}
