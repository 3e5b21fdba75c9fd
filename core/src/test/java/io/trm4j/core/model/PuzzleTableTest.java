package io.trm4j.core.model;

import io.trm4j.core.TrmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PuzzleTableTest {
    @TempDir
    Path dir;

    /** rows x dim little-endian float32 where element (r, c) = r * 1000 + c. */
    private Path table(long rows, int dim) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) (rows * dim * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (long r = 0; r < rows; r++) {
            for (int c = 0; c < dim; c++) {
                b.putFloat(r * 1000f + c);
            }
        }
        Path p = dir.resolve("puzzle_emb.f32");
        Files.write(p, b.array());
        return p;
    }

    private static float[] expected(long r, int dim) {
        float[] out = new float[dim];
        for (int c = 0; c < dim; c++) {
            out[c] = r * 1000f + c;
        }
        return out;
    }

    @Test
    void readsRowsAcrossChunkBoundaries() throws IOException {
        // 3 rows per mapping: rows 2|3 and 5|6 straddle chunks.
        PuzzleTable t = PuzzleTable.open(table(10, 4), 10, 4, 3 * 16 + 5);
        assertEquals(10, t.rows());
        assertEquals(4, t.dim());
        for (long r = 0; r < 10; r++) {
            assertArrayEquals(expected(r, 4), t.row(r), "row " + r);
        }
        FloatBuffer batch = FloatBuffer.allocate(12);
        t.gather(new long[] {9, 0, 5}, batch);
        float[] got = batch.array();
        assertArrayEquals(expected(5, 4), java.util.Arrays.copyOfRange(got, 8, 12));
        assertArrayEquals(expected(9, 4), java.util.Arrays.copyOfRange(got, 0, 4));
        assertEquals(12, batch.position());
    }

    @Test
    void defaultChunkingMapsTheWholeFile() throws IOException {
        PuzzleTable t = PuzzleTable.open(table(7, 3), 7, 3);
        assertArrayEquals(expected(6, 3), t.row(6));
    }

    @Test
    void wrongSizeMissingFileAndBadIdsAreNamed() throws IOException {
        Path p = table(5, 4);
        TrmException size = assertThrows(TrmException.class, () -> PuzzleTable.open(p, 6, 4));
        assertTrue(size.getMessage().contains("expected 96 bytes (6 rows x 4 float32), found 80"), size.getMessage());
        TrmException missing = assertThrows(TrmException.class,
                () -> PuzzleTable.open(dir.resolve("nope.f32"), 5, 4));
        assertTrue(missing.getMessage().contains("nope.f32: file not found"), missing.getMessage());
        PuzzleTable t = PuzzleTable.open(p, 5, 4);
        TrmException id = assertThrows(TrmException.class, () -> t.row(5));
        assertTrue(id.getMessage().contains("puzzle id 5 is outside the puzzle table (ids 0..4"), id.getMessage());
        assertThrows(TrmException.class, () -> t.row(-1));
    }
}
