package io.trm4j.core.head;

import com.google.inject.TypeLiteral;
import io.trm4j.core.TrmException;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import static java.util.Objects.requireNonNull;

/**
 * A task head's name with its puzzle and answer types, so that loading by key is checked by the
 * compiler: {@code Reasoner<SudokuPuzzle, SudokuGrid> r = Trm.load(Heads.SUDOKU)}. The heads module
 * declares one per head ({@code io.trm4j.heads.Heads}).
 *
 * @param name   the head's name, as manifests and the registry spell it
 * @param input  the puzzle type
 * @param output the answer type
 */
public record HeadKey<I, O>(String name, Class<I> input, Class<O> output) {
    public HeadKey {
        requireNonNull(name, "name is null");
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        if (name.isBlank()) {
            throw new TrmException("head name is blank");
        }
    }

    public static <I, O> HeadKey<I, O> of(String name, Class<I> input, Class<O> output) {
        return new HeadKey<>(name, input, output);
    }

    /**
     * {@code head} as this key's types: fails naming both when it is another head, or when the
     * head's declared {@code TaskHead<I, O>} types are not this key's (a key and a head out of step).
     */
    @SuppressWarnings("unchecked")
    public TaskHead<I, O> cast(TaskHead<?, ?> head) {
        requireNonNull(head, "head is null");
        if (!head.name().equals(name)) {
            throw new TrmException("expected the " + name + " head, got the " + head.name() + " head");
        }
        Type[] types = typeArguments(head);
        if (!types[0].equals(input) || !types[1].equals(output)) {
            throw new TrmException("the " + name + " head reasons " + types[0].getTypeName() + " -> "
                    + types[1].getTypeName() + ", not " + input.getName() + " -> " + output.getName());
        }
        return (TaskHead<I, O>) head;
    }

    /** The {@code I} and {@code O} a head's class declares for {@code TaskHead<I, O>}. */
    public static Type[] typeArguments(TaskHead<?, ?> head) {
        requireNonNull(head, "head is null");
        Type supertype = TypeLiteral.get(head.getClass()).getSupertype(TaskHead.class).getType();
        if (!(supertype instanceof ParameterizedType p)) {
            throw new TrmException("the " + head.name() + " head (" + head.getClass().getName()
                    + ") does not declare its TaskHead<I, O> types");
        }
        return p.getActualTypeArguments();
    }

    @Override
    public String toString() {
        return name + " (" + input.getSimpleName() + " -> " + output.getSimpleName() + ")";
    }
}
