package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/**
 * A puzzle-embedding table kept outside the cell graph (an imported ARC checkpoint has ~1M ids x
 * 512, 2 GB: over the ONNX protobuf limit). The file is raw float32 little-endian {@code [rows, dim]},
 * row-major ({@code export-scripts/trm/export.py} writes it; the manifest's {@code puzzle_table}
 * names it). It is memory-mapped read-only in chunks of whole rows (one mapping holds at most
 * 2 GB), so only the rows a batch uses are paged in. The cell takes the looked-up rows, not the
 * ids: its input {@code puzzle_emb} float32 {@code [B, dim]}, the raw rows (the cell applies the
 * embedding scale).
 *
 * <p>{@link #close()} drops the mappings (the file channel is closed as soon as they are made):
 * later reads fail with a clear error, and the pages are unmapped when the buffers are collected
 * (Java 17 has no explicit unmap that is safe against a concurrent reader). Reads are thread-safe.
 */
public final class PuzzleTable implements AutoCloseable {
    /** Bytes per mapping (whole rows); 1 GiB keeps every chunk under the 2 GB buffer limit. */
    static final long CHUNK_BYTES = 1L << 30;

    private final String origin;
    private final long rows;
    private final int dim;
    private final long rowsPerChunk;
    private volatile FloatBuffer[] chunks;

    private PuzzleTable(String origin, long rows, int dim, long rowsPerChunk, FloatBuffer[] chunks) {
        this.origin = origin;
        this.rows = rows;
        this.dim = dim;
        this.rowsPerChunk = rowsPerChunk;
        this.chunks = chunks;
    }

    /**
     * Maps {@code file}, which must hold exactly {@code rows * dim} float32.
     *
     * @throws TrmException naming the file when it is missing or its size does not match
     */
    public static PuzzleTable open(Path file, long rows, int dim) {
        return open(file, rows, dim, CHUNK_BYTES);
    }

    static PuzzleTable open(Path file, long rows, int dim, long chunkBytes) {
        requireNonNull(file, "file is null");
        String origin = file.toString();
        if (rows <= 0 || dim <= 0) {
            throw new TrmException(origin + ": puzzle_table rows and dim must be > 0, got " + rows + " x " + dim);
        }
        long rowBytes = 4L * dim;
        long expected = rows * rowBytes;
        if (!Files.isRegularFile(file)) {
            throw new TrmException(origin + ": file not found (named by 'puzzle_table' in the manifest)");
        }
        long rowsPerChunk = Math.max(1, chunkBytes / rowBytes);
        int n = (int) ((rows + rowsPerChunk - 1) / rowsPerChunk);
        FloatBuffer[] chunks = new FloatBuffer[n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != expected) {
                throw new TrmException(origin + ": expected " + expected + " bytes (" + rows + " rows x " + dim
                        + " float32), found " + size);
            }
            for (int c = 0; c < n; c++) {
                long first = c * rowsPerChunk;
                long count = Math.min(rowsPerChunk, rows - first);
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, first * rowBytes, count * rowBytes)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            }
        } catch (IOException e) {
            throw new TrmException(origin + ": cannot map the puzzle table: " + e.getMessage(), e);
        }
        return new PuzzleTable(origin, rows, dim, rowsPerChunk, chunks);
    }

    public long rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** Copies row {@code id} into {@code dst} at its position (which advances by {@link #dim()}). */
    public void copyRow(long id, FloatBuffer dst) {
        if (id < 0 || id >= rows) {
            throw new TrmException("puzzle id " + id + " is outside the puzzle table (ids 0.." + (rows - 1)
                    + " in " + origin + ")");
        }
        FloatBuffer[] mapped = chunks;
        if (mapped == null) {
            throw new TrmException(origin + ": the puzzle table is closed");
        }
        FloatBuffer chunk = mapped[(int) (id / rowsPerChunk)];
        int at = (int) ((id % rowsPerChunk) * dim);
        dst.put(chunk.slice(at, dim));
    }

    /** The rows of {@code ids}, one after another ({@code ids.length * dim} floats), into {@code dst}. */
    public void gather(long[] ids, FloatBuffer dst) {
        for (long id : ids) {
            copyRow(id, dst);
        }
    }

    /** Where the table was mapped from, for messages. */
    public String origin() {
        return origin;
    }

    public boolean isClosed() {
        return chunks == null;
    }

    /** Idempotent. */
    @Override
    public void close() {
        chunks = null;
    }

    public float[] row(long id) {
        float[] out = new float[dim];
        copyRow(id, FloatBuffer.wrap(out));
        return out;
    }
}
