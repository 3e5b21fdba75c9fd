package io.trm4j.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.runtime.CellContract;
import io.trm4j.core.runtime.CellSession;
import io.trm4j.core.runtime.SessionSettings;
import io.trm4j.core.testing.Fixtures.Golden;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model whose puzzle-embedding table lives outside the graph ({@code tiny-official-table},
 * manifest format 2) through the public entry point: {@code Trm.load} + the loop reproduce
 * PyTorch's 16 steps; the reasoner owns (and closes) the table of a model it loaded itself; a cell
 * and manifest that disagree about the table are refused.
 */
class TableModelTest {
    private static final String FIXTURE = "tiny-official-table";
    private static final LoadOptions CPU1 = LoadOptions.builder().threads(1).build();
    private static final ReasonOptions TWO_STEPS = ReasonOptions.builder().maxSteps(2).build();
    private static final SessionSettings CPU1_SESSION = new SessionSettings(ExecutionProvider.CPU, 1, false);

    @TempDir
    Path tmp;

    /** One golden row: its tokens and puzzle id. */
    record Row(long[] tokens, long id) {
    }

    /** Encodes a {@link Row} as itself and answers with the loop's row result. */
    static final class RowHead implements TaskHead<Row, RowResult> {
        @Override
        public String name() {
            return "rows";
        }

        @Override
        public Row parse(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EncodedBatch encode(Row input, ModelInfo model) {
            return new EncodedBatch(new long[][] {input.tokens()}, new long[] {input.id()});
        }

        @Override
        public RowResult decode(Row input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
            return rows.get(0);
        }

        @Override
        public Verdict verify(Row input, RowResult output) {
            return Verdict.unverified("test head");
        }

        @Override
        public String render(RowResult output, RenderStyle style) {
            return "";
        }
    }

    private static final HeadRegistry HEADS = new HeadRegistry(Map.of("rows", new RowHead()));

    @Test
    void trmLoadRunsItLikePytorch() {
        Golden g = Fixtures.golden(FIXTURE);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < g.batch(); r++) {
            rows.add(new Row(g.tokens()[r], g.puzzleIds()[r]));
        }
        LoadOptions fixed = CPU1.toBuilder().head("rows").reasonDefaults(ReasonOptions.builder().maxSteps(g.steps())
                .halting(HaltingPolicy.Kind.FIXED).trace(true).build()).build();
        int lv = g.seqLen() * g.vocabSize();
        try (Reasoner<Row, RowResult> r = Trm.load(Fixtures.dir(FIXTURE).toString(), fixed, HEADS)) {
            // Batched, then a single row (the buffers shrink to batch 1 and grow back).
            List<Reasoning<RowResult>> batched = r.reasonAll(rows);
            List<Reasoning<RowResult>> again = List.of(r.reason(rows.get(2)), r.reason(rows.get(0)));
            float worst = 0;
            for (int i = 0; i < g.batch(); i++) {
                RowResult res = batched.get(i).answer();
                assertEquals(g.steps(), res.steps());
                assertEquals(g.steps(), res.trace().size());
                for (int s = 1; s <= g.steps(); s++) {
                    assertArrayEquals(g.argmax(s, i), res.trace().get(s - 1).prediction(), "row " + i + " step " + s);
                    float q = g.qHalt()[s - 1][i];
                    assertEquals(1 / (1 + Math.exp(-q)), res.trace().get(s - 1).confidence(), 1e-5,
                            "row " + i + " confidence at step " + s);
                }
                for (int k = 0; k < lv; k++) {
                    float d = Math.abs(g.logits()[g.steps() - 1][i * lv + k] - res.logits()[k]);
                    worst = Math.max(worst, d);
                }
            }
            assertTrue(worst <= 1e-4f, "final logits max |diff| " + worst);
            assertArrayEquals(batched.get(2).answer().logits(), again.get(0).answer().logits(), 1e-5f);
            assertArrayEquals(batched.get(0).answer().logits(), again.get(1).answer().logits(), 1e-5f);
            // The puzzle id matters: the same tokens under another id give other logits.
            RowResult other = r.reason(new Row(g.tokens()[0], 7)).answer();
            assertFalse(java.util.Arrays.equals(batched.get(0).answer().logits(), other.logits()));
            TrmException e = assertThrows(TrmException.class, () -> r.reason(new Row(g.tokens()[0], 50)));
            assertTrue(e.getMessage().startsWith("puzzle id 50 is outside the puzzle table (ids 0..49 in "),
                    e.getMessage());
            assertEquals(16, r.reason(rows.get(1)).answer().steps()); // still usable after the refused id
        }
    }

    @Test
    void aReasonerClosesOnlyTheModelItLoaded() {
        Model model = ModelLoader.load(Fixtures.dir(FIXTURE));
        RowHead head = new RowHead();
        Row row = new Row(Fixtures.golden(FIXTURE).tokens()[0], 3);
        try (Reasoner<Row, RowResult> r = Trm.load(model, head, CPU1.toBuilder().reasonDefaults(TWO_STEPS).build())) {
            assertEquals(2, r.reason(row).steps());
        }
        assertFalse(model.puzzleTable().isClosed(), "the caller's model stays open");
        CellSession cell = new CellSession(model, CPU1_SESSION);
        Reasoner<Row, RowResult> owning =
                new DefaultReasoner<>(model, head, cell, ExecutionProvider.CPU, "", CPU1, true);
        assertEquals(2, owning.reason(row, TWO_STEPS).steps());
        owning.close();
        assertTrue(model.puzzleTable().isClosed(), "a reasoner that owns its model closes the table");
        // A session on a closed model fails on its next batch with the table's own message.
        try (CellSession late = new CellSession(model, CPU1_SESSION)) {
            TrmException e = assertThrows(TrmException.class,
                    () -> late.start(new long[][] {row.tokens()}, new long[] {3}, model.init()));
            assertTrue(e.getMessage().endsWith("puzzle_emb.f32: the puzzle table is closed"), e.getMessage());
        }
    }

    @Test
    void sessionTakesPuzzleEmb() {
        try (Model model = ModelLoader.load(Fixtures.dir(FIXTURE));
             CellSession cell = new CellSession(model, CPU1_SESSION)) {
            assertEquals(CellContract.PuzzleInput.EMB, cell.puzzleInput());
            assertFalse(cell.hasPuzzleIds());
        }
    }

    @Test
    void aTableManifestNeedsAPuzzleEmbCell() throws IOException {
        Path dir = copy(FIXTURE);
        Files.copy(Fixtures.dir("tiny-official-attn").resolve("cell.onnx"), dir.resolve("cell.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TrmException e = assertThrows(TrmException.class, () -> Trm.load(dir.toString(), CPU1.toBuilder().head("rows").build(), HEADS));
        String msg = e.getMessage();
        assertTrue(msg.contains("cell.onnx: the manifest has a 'puzzle_table' but the graph has no input 'puzzle_emb' "
                + "(has [") && msg.contains("puzzle_ids") && msg.endsWith("]); the cell must take the table's rows "
                + "as puzzle_emb float32 [B, hidden_size]"), msg);
    }

    @Test
    void aPuzzleEmbCellNeedsATableManifest() throws IOException {
        Path dir = copy(FIXTURE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(dir.resolve("manifest.json").toFile());
        m.remove("puzzle_table");
        m.put("format_version", 1);
        json.writeValue(dir.resolve("manifest.json").toFile(), m);
        TrmException e = assertThrows(TrmException.class, () -> Trm.load(dir.toString(), CPU1.toBuilder().head("rows").build(), HEADS));
        assertTrue(e.getMessage().endsWith("cell.onnx: the graph takes 'puzzle_emb' (rows of a puzzle table kept "
                + "outside the graph) but the manifest has no 'puzzle_table' (format_version 2)"), e.getMessage());
    }

    private Path copy(String fixture) throws IOException {
        Path to = Files.createDirectories(tmp.resolve(fixture));
        try (Stream<Path> files = Files.list(Fixtures.dir(fixture))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
