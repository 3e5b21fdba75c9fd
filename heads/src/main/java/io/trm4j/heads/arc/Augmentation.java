package io.trm4j.heads.arc;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * One of the official ARC augmentations ({@code build_arc_dataset.py}, {@code aug}): a color
 * mapping (0 kept, 1-9 permuted) applied first, then a dihedral transform:
 * {@code dihedral_transform(mapping[grid], trans_id)}. Its puzzle name is
 * {@code <task>|||t<trans_id>|||<mapping digits>}, e.g. {@code 007bbfb7|||t3|||0213456789}; the task
 * itself (no suffix) is the identity. {@link #invert} undoes it as {@code inverse_aug} does:
 * {@code inv_perm[inverse_dihedral_transform(grid, trans_id)]}.
 */
public final class Augmentation {
    /** Separates the task id from the augmentation in puzzle names ({@code PuzzleIdSeparator}). */
    public static final String SEPARATOR = "|||";
    public static final Augmentation IDENTITY = new Augmentation(0, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

    private final int transform;
    private final int[] colors;
    private final int[] inverseColors;

    private Augmentation(int transform, int[] colors) {
        this.transform = transform;
        this.colors = colors;
        this.inverseColors = new int[colors.length];
        for (int c = 0; c < colors.length; c++) {
            inverseColors[colors[c]] = c;
        }
    }

    /**
     * @param transform the dihedral transform, 0-7
     * @param colors    {@code colors[c]} is the new color of color c: 0 maps to 0, 1-9 a permutation of 1-9
     */
    public static Augmentation of(int transform, int... colors) {
        requireNonNull(colors, "colors is null");
        if (transform < 0 || transform >= Dihedral.COUNT) {
            throw new IllegalArgumentException("dihedral transform " + transform + " is not 0-7");
        }
        if (colors.length != ArcGrid.COLORS || colors[0] != 0) {
            throw new IllegalArgumentException("a color mapping has 10 entries and keeps 0, got "
                    + Arrays.toString(colors));
        }
        boolean[] seen = new boolean[ArcGrid.COLORS];
        for (int c : colors) {
            if (c < 0 || c >= ArcGrid.COLORS || seen[c]) {
                throw new IllegalArgumentException("not a permutation of the colors 0-9: " + Arrays.toString(colors));
            }
            seen[c] = true;
        }
        return new Augmentation(transform, colors.clone());
    }

    /**
     * The augmentation a puzzle name carries: {@code task} alone is the identity,
     * {@code task|||t<k>|||<10 digits>} the transform k and that mapping.
     *
     * @throws IllegalArgumentException when the suffix is not in that form
     */
    public static Augmentation fromPuzzleName(String name) {
        int at = name.indexOf(SEPARATOR);
        if (at < 0) {
            return IDENTITY;
        }
        String[] parts = name.substring(at + SEPARATOR.length()).split("\\|\\|\\|", -1);
        if (parts.length != 2 || !parts[0].matches("t[0-7]") || !parts[1].matches("[0-9]{10}")) {
            throw new IllegalArgumentException("puzzle name '" + name + "' is not <task>|||t<0-7>|||<10 digits>");
        }
        int[] colors = parts[1].chars().map(ch -> ch - '0').toArray();
        return of(parts[0].charAt(1) - '0', colors);
    }

    /** The task id of a puzzle name: the part before the first {@code |||}. */
    public static String taskOf(String puzzleName) {
        int at = puzzleName.indexOf(SEPARATOR);
        return at < 0 ? puzzleName : puzzleName.substring(0, at);
    }

    public int transform() {
        return transform;
    }

    public int[] colors() {
        return colors.clone();
    }

    public boolean isIdentity() {
        return equals(IDENTITY);
    }

    /** The augmented grid: colors mapped, then transformed. */
    public ArcGrid apply(ArcGrid grid) {
        return Dihedral.apply(recolor(grid, colors), transform);
    }

    /** Undoes {@link #apply}: the inverse transform, then the inverse color mapping. */
    public ArcGrid invert(ArcGrid grid) {
        return recolor(Dihedral.apply(grid, Dihedral.inverse(transform)), inverseColors);
    }

    /** The puzzle name of {@code task} under this augmentation (the task alone for the identity). */
    public String puzzleName(String task) {
        if (isIdentity()) {
            return task;
        }
        StringBuilder sb = new StringBuilder(task).append(SEPARATOR).append('t').append(transform).append(SEPARATOR);
        for (int c : colors) {
            sb.append(c);
        }
        return sb.toString();
    }

    private static ArcGrid recolor(ArcGrid grid, int[] map) {
        int[] cells = new int[grid.rows() * grid.cols()];
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                cells[r * grid.cols() + c] = map[grid.at(r, c)];
            }
        }
        return ArcGrid.of(grid.rows(), grid.cols(), cells);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation a && a.transform == transform && Arrays.equals(a.colors, colors);
    }

    @Override
    public int hashCode() {
        return 31 * transform + Arrays.hashCode(colors);
    }

    @Override
    public String toString() {
        return isIdentity() ? "identity" : puzzleName("").substring(SEPARATOR.length());
    }
}
