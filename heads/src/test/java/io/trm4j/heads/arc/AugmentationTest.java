package io.trm4j.heads.arc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {
    private static final ArcGrid A = ArcGrid.of(new int[][] {{1, 2, 3}, {4, 5, 6}});

    /** numpy's results for [[1,2,3],[4,5,6]] under each official dihedral_transform id. */
    @Test
    void dihedralTransformsMatchNumpy() {
        int[][][] expected = {
            {{1, 2, 3}, {4, 5, 6}},      // identity
            {{3, 6}, {2, 5}, {1, 4}},    // np.rot90(a, 1)
            {{6, 5, 4}, {3, 2, 1}},      // np.rot90(a, 2)
            {{4, 1}, {5, 2}, {6, 3}},    // np.rot90(a, 3)
            {{3, 2, 1}, {6, 5, 4}},      // np.fliplr
            {{4, 5, 6}, {1, 2, 3}},      // np.flipud
            {{1, 4}, {2, 5}, {3, 6}},    // a.T
            {{6, 3}, {5, 2}, {4, 1}},    // np.fliplr(np.rot90(a, 1))
        };
        for (int t = 0; t < 8; t++) {
            assertEquals(ArcGrid.of(expected[t]), Dihedral.apply(A, t), "transform " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(A, 8));
    }

    @Test
    void everyTransformAndColorMappingRoundTrips() {
        Random rnd = new Random(3);
        for (int t = 0; t < 8; t++) {
            assertEquals(A, Dihedral.apply(Dihedral.apply(A, t), Dihedral.inverse(t)), "transform " + t);
            for (int k = 0; k < 5; k++) {
                Augmentation aug = Augmentation.of(t, randomColors(rnd));
                ArcGrid g = randomGrid(rnd);
                assertEquals(g, aug.invert(aug.apply(g)), aug.toString());
            }
        }
    }

    @Test
    void colorsAreMappedBeforeTheTransformAndZeroIsKept() {
        Augmentation aug = Augmentation.fromPuzzleName("task|||t4|||0213456789");
        assertEquals(4, aug.transform());
        // mapping[grid] swaps colors 1 and 2, then fliplr
        assertEquals(ArcGrid.of(new int[][] {{3, 1, 0}, {6, 5, 4}}), aug.apply(ArcGrid.of(new int[][] {{0, 2, 3},
            {4, 5, 6}})));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.of(0, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.of(0, 0, 1, 1, 3, 4, 5, 6, 7, 8, 9));
    }

    @Test
    void puzzleNamesFollowTheOfficialIdentifiers() {
        Augmentation aug = Augmentation.of(3, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        assertEquals("007bbfb7|||t3|||0987654321", aug.puzzleName("007bbfb7"));
        assertEquals(aug, Augmentation.fromPuzzleName("007bbfb7|||t3|||0987654321"));
        assertEquals("007bbfb7", Augmentation.taskOf("007bbfb7|||t3|||0987654321"));
        assertEquals(Augmentation.IDENTITY, Augmentation.fromPuzzleName("007bbfb7"));
        assertEquals("007bbfb7", Augmentation.IDENTITY.puzzleName("007bbfb7"));
        assertTrue(Augmentation.fromPuzzleName("x|||t0|||0123456789").isIdentity());
        for (String bad : List.of("x|||t8|||0123456789", "x|||t1", "x|||t1|||012345678", "x|||t1|||1023456789")) {
            assertThrows(IllegalArgumentException.class, () -> Augmentation.fromPuzzleName(bad), bad);
        }
    }

    static int[] randomColors(Random rnd) {
        List<Integer> c = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(c, rnd);
        int[] out = new int[10];
        for (int i = 0; i < 9; i++) {
            out[i + 1] = c.get(i);
        }
        return out;
    }

    static ArcGrid randomGrid(Random rnd) {
        int rows = 1 + rnd.nextInt(30);
        int cols = 1 + rnd.nextInt(30);
        int[] cells = new int[rows * cols];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = rnd.nextInt(10);
        }
        return ArcGrid.of(rows, cols, cells);
    }
}
