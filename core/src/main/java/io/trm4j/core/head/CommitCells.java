package io.trm4j.core.head;

/**
 * A head that can fix one cell of its input as if the puzzle had given it (Sudoku: a blank becomes
 * a given digit): search {@code fill} and {@code consensus} need it.
 *
 * @param <I> the puzzle type
 */
public interface CommitCells<I> {
    /** {@code input} with {@code token} fixed at {@code position}; called only for an allowed token. */
    I commit(I input, int position, int token);

    /** {@code head} as one that commits cells; callers check {@code instanceof} first. */
    @SuppressWarnings("unchecked")
    static <I> CommitCells<I> of(TaskHead<I, ?> head) {
        if (head instanceof CommitCells<?> commits) {
            return (CommitCells<I>) commits;
        }
        throw new IllegalStateException("the " + head.name() + " head cannot commit cells");
    }
}
