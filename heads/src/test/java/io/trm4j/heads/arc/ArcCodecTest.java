package io.trm4j.heads.arc;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArcCodecTest {
    /** Canvas row {@code r} (30 tokens) of {@code tokens}. */
    private static long[] canvasRow(long[] tokens, int r) {
        return Arrays.copyOfRange(tokens, r * 30, r * 30 + 30);
    }

    private static long[] row(long... first) {
        return Arrays.copyOf(first, 30);
    }

    @Test
    void encodesAtTheTopLeftWithColorsShiftedAndEndMarkers() {
        long[] t = ArcCodec.encode(ArcGrid.of(new int[][] {{0, 1, 2}, {7, 8, 9}}));
        assertEquals(900, t.length);
        assertArrayEquals(row(2, 3, 4, 1), canvasRow(t, 0));
        assertArrayEquals(row(9, 10, 11, 1), canvasRow(t, 1));
        // the marker row covers the grid's columns only: the corner (row 2, column 3) stays pad
        assertArrayEquals(row(1, 1, 1, 0), canvasRow(t, 2));
        for (int r = 3; r < 30; r++) {
            assertArrayEquals(new long[30], canvasRow(t, r), "row " + r);
        }
    }

    @Test
    void fullWidthOrHeightGridsHaveNoMarkerOutsideTheCanvas() {
        int[] cells = new int[30 * 2];
        long[] tall = ArcCodec.encode(ArcGrid.of(30, 2, cells));
        for (int r = 0; r < 30; r++) {
            assertArrayEquals(row(2, 2, 1), canvasRow(tall, r), "row " + r);
        }
        long[] wide = ArcCodec.encode(ArcGrid.of(1, 30, new int[30]));
        long[] twos = new long[30];
        Arrays.fill(twos, 2);
        long[] ones = new long[30];
        Arrays.fill(ones, 1);
        assertArrayEquals(twos, canvasRow(wide, 0));
        assertArrayEquals(ones, canvasRow(wide, 1));
        long[] full = ArcCodec.encode(ArcGrid.of(30, 30, new int[900]));
        assertTrue(Arrays.stream(full).allMatch(v -> v == 2));
    }

    @Test
    void encodesAtAnOffsetLikeTheTrainingTranslation() {
        long[] t = ArcCodec.encode(ArcGrid.of(1, 1, 5), 2, 3);
        assertEquals(7, t[2 * 30 + 3]);
        assertEquals(1, t[3 * 30 + 3]);
        assertEquals(1, t[2 * 30 + 4]);
        assertEquals(0, t[3 * 30 + 4]);
        assertEquals(3, Arrays.stream(t).filter(v -> v != 0).count());
        assertThrows(IllegalArgumentException.class, () -> ArcCodec.encode(ArcGrid.of(2, 2, 0, 0, 0, 0), 29, 0));
    }

    @Test
    void roundTripsEveryShape() {
        Random rnd = new Random(7);
        for (int rows = 1; rows <= 30; rows++) {
            for (int cols = 1; cols <= 30; cols++) {
                int[] cells = new int[rows * cols];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = rnd.nextInt(10);
                }
                ArcGrid g = ArcGrid.of(rows, cols, cells);
                ArcCodec.Decoded d = ArcCodec.decode(toInt(ArcCodec.encode(g)));
                assertEquals(g, d.grid());
                assertTrue(d.wellFormed(), g.toString());
            }
        }
    }

    @Test
    void missingMarkersStillCropAtTheColoredRectangle() {
        int[] t = new int[900];
        t[0] = 3;
        t[1] = 4; // no markers: pad around a 1x2 grid
        ArcCodec.Decoded d = ArcCodec.decode(t);
        assertEquals(ArcGrid.of(1, 2, 1, 2), d.grid());
        assertFalse(d.wellFormed());
    }

    @Test
    void raggedPredictionsGiveTheLargestTopLeftRectangleAsTheOfficialCrop() {
        int[] t = new int[900];
        // row 0: 3 colors, row 1: 2 colors, row 2: 2 colors, then the end marker
        t[0] = 2; t[1] = 2; t[2] = 2; t[3] = 1;
        t[30] = 3; t[31] = 3; t[32] = 1;
        t[60] = 4; t[61] = 4; t[62] = 1;
        t[90] = 1; t[91] = 1;
        ArcCodec.Decoded d = ArcCodec.decode(t);
        assertEquals(ArcGrid.of(3, 2, 0, 0, 1, 1, 2, 2), d.grid());
        assertFalse(d.wellFormed());
    }

    @Test
    void noValidGridIsAnAnswerNotAnException() {
        ArcCodec.Decoded pad = ArcCodec.decode(new int[900]);
        assertFalse(pad.valid());
        assertNull(pad.grid());
        assertEquals("no valid grid: the top-left cell is pad (0), not a color", pad.problem());
        int[] eos = new int[900];
        eos[0] = 1;
        assertEquals("no valid grid: the top-left cell is the end marker (1), not a color",
                ArcCodec.decode(eos).problem());
        int[] big = new int[900];
        big[0] = 99;
        assertEquals("no valid grid: the top-left cell is token 99, not a color", ArcCodec.decode(big).problem());
        assertEquals("no valid grid: the prediction has 5 tokens, not 900 (30x30)",
                ArcCodec.decode(new int[5]).problem());
    }

    static int[] toInt(long[] tokens) {
        return Arrays.stream(tokens).mapToInt(v -> (int) v).toArray();
    }
}
