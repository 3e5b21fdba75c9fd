package io.trm4j.heads.arc;

/**
 * The 8 dihedral transforms in the official numbering ({@code dataset/common.py},
 * {@code dihedral_transform}, numpy semantics): 0 identity, 1 {@code rot90} (counter-clockwise),
 * 2 {@code rot90 k=2}, 3 {@code rot90 k=3}, 4 {@code fliplr}, 5 {@code flipud}, 6 transpose,
 * 7 {@code fliplr(rot90)} (anti-diagonal). Inverses: {@code DIHEDRAL_INVERSE = [0, 3, 2, 1, 4, 5, 6, 7]}.
 */
public final class Dihedral {
    public static final int COUNT = 8;
    private static final int[] INVERSE = {0, 3, 2, 1, 4, 5, 6, 7};

    private Dihedral() {
    }

    public static int inverse(int id) {
        check(id);
        return INVERSE[id];
    }

    /** Transform {@code id} of {@code grid}. */
    public static ArcGrid apply(ArcGrid grid, int id) {
        check(id);
        int rows = grid.rows();
        int cols = grid.cols();
        boolean swaps = id == 1 || id == 3 || id == 6 || id == 7;
        int outRows = swaps ? cols : rows;
        int outCols = swaps ? rows : cols;
        int[] cells = new int[rows * cols];
        for (int i = 0; i < outRows; i++) {
            for (int j = 0; j < outCols; j++) {
                int r;
                int c;
                switch (id) {
                    case 0 -> { r = i; c = j; }
                    case 1 -> { r = j; c = cols - 1 - i; }
                    case 2 -> { r = rows - 1 - i; c = cols - 1 - j; }
                    case 3 -> { r = rows - 1 - j; c = i; }
                    case 4 -> { r = i; c = cols - 1 - j; }
                    case 5 -> { r = rows - 1 - i; c = j; }
                    case 6 -> { r = j; c = i; }
                    default -> { r = rows - 1 - j; c = cols - 1 - i; }
                }
                cells[i * outCols + j] = grid.at(r, c);
            }
        }
        return ArcGrid.of(outRows, outCols, cells);
    }

    private static void check(int id) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("dihedral transform " + id + " is not 0-7");
        }
    }
}
