package io.trm4j.core.runtime;

import ai.onnxruntime.OnnxTensor;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, native memory: every ONNX Runtime object the runtime opens (the session, its options,
 * the tensors over the native buffers, each run's result) is closed exactly once, counted by
 * {@link OrtLedger} over many steps with changing batch sizes (tensors re-bound, buffers grown,
 * rows compacted under ACT) and a close of the reasoner; ONNX Runtime's own {@code isClosed()}
 * agrees for the tensors.
 */
class OrtObjectsClosedOnceTest {
    private static final int BATCHES = 120;

    /** Rows of token ids in, the loop's row result out: the smallest head that drives a reasoner. */
    private static final class RowsHead implements TaskHead<long[], RowResult> {
        @Override
        public String name() {
            return "rows";
        }

        @Override
        public long[] parse(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EncodedBatch encode(long[] input, ModelInfo model) {
            return new EncodedBatch(new long[][] {input}, new long[] {1});
        }

        @Override
        public RowResult decode(long[] input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
            return rows.get(0);
        }

        @Override
        public Verdict verify(long[] input, RowResult output) {
            return Verdict.unverified("test head");
        }

        @Override
        public String render(RowResult output, RenderStyle style) {
            return "";
        }
    }

    private static final HeadRegistry HEADS = new HeadRegistry(Map.of("rows", new RowsHead()));

    @Test
    void everyOrtObjectIsClosedExactlyOnceOverManyStepsAndAClose() {
        Random random = new Random(8);
        LoadOptions cpu1 = LoadOptions.builder().provider(ExecutionProvider.CPU).threads(1).head("rows").build();
        HaltingPolicy.Kind[] policies = HaltingPolicy.Kind.values();
        try (OrtLedger ledger = OrtLedger.start()) {
            int runs = 0;
            Reasoner<long[], RowResult> r = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), cpu1, HEADS);
            for (int b = 0; b < BATCHES; b++) {
                List<long[]> rows = new ArrayList<>();
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    rows.add(random.longs(16, 0, 8).toArray());
                }
                // Fixed, ACT and converged halting: rows halt at different steps and are compacted.
                ReasonOptions options = ReasonOptions.builder().maxSteps(1 + random.nextInt(16))
                        .halting(policies[random.nextInt(policies.length)]).build();
                // The session runs until the batch's last row halts: one result per run.
                runs += r.reasonAll(rows, options).stream().mapToInt(Reasoning::steps).max().orElseThrow();
            }
            assertEquals(1, ledger.opened(OrtLedger.Kind.SESSION));
            assertEquals(1, ledger.open(OrtLedger.Kind.SESSION), "the session lives as long as the reasoner");
            assertEquals(1, ledger.opened(OrtLedger.Kind.SESSION_OPTIONS));
            assertEquals(0, ledger.open(OrtLedger.Kind.SESSION_OPTIONS), "options close once the session is built");
            assertEquals(runs, ledger.opened(OrtLedger.Kind.RESULT));
            assertEquals(0, ledger.open(OrtLedger.Kind.RESULT), "each run's result is closed at once");
            assertEquals(8, ledger.open(OrtLedger.Kind.TENSOR), "only the bound batch's 8 tensors stay open");

            r.close();
            r.close(); // a second close frees nothing twice
            assertEquals(List.of(), ledger.problems());
            int tensors = ledger.opened(OrtLedger.Kind.TENSOR);
            assertTrue(tensors > 8 * 8, "batch sizes changed, so tensors were re-bound: " + tensors);
            for (Object t : ledger.objects(OrtLedger.Kind.TENSOR)) {
                assertTrue(((OnnxTensor) t).isClosed(), "ONNX Runtime says a tensor is still open");
            }
            System.out.println("ORT objects over " + runs + " steps: " + tensors + " tensors, " + runs
                    + " results, 1 session, 1 options; each closed exactly once");
        }
    }

    @Test
    void aSessionThatFailsItsGraphCheckIsClosedOnce() {
        Model good = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));
        Manifest m = good.manifest();
        List<String> vocab = new ArrayList<>(m.vocab());
        vocab.add("extra");
        Manifest wrong = new Manifest(m.formatVersion(), m.name(), m.head(), m.description(), m.arch(), m.seqLen(),
                m.stateLen(), m.hiddenSize(), m.vocabSize() + 1, vocab, m.maxSteps(), m.halting(), m.cell(), m.init(),
                m.variants(), m.puzzleIds(), m.provenance());
        try (OrtLedger ledger = OrtLedger.start()) {
            SessionSettings cpu1 = new SessionSettings(ExecutionProvider.CPU, 1, false);
            assertThrows(TrmException.class, () -> new CellSession(new Model(good.source(), wrong, good.init()), cpu1));
            assertEquals(1, ledger.opened(OrtLedger.Kind.SESSION));
            assertEquals(1, ledger.opened(OrtLedger.Kind.SESSION_OPTIONS));
            assertEquals(List.of(), ledger.problems());
        }
    }

    @Test
    void providerAutoClosesItsCudaProbeToo() {
        LoadOptions auto = LoadOptions.builder().provider(ExecutionProvider.AUTO).threads(1).head("rows").build();
        try (OrtLedger ledger = OrtLedger.start()) {
            Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), auto, HEADS).close();
            // the probe's options, then the session's (on CPU here, or CUDA where it works)
            assertTrue(ledger.opened(OrtLedger.Kind.SESSION_OPTIONS) >= 2, "no CUDA probe");
            assertEquals(1, ledger.opened(OrtLedger.Kind.SESSION));
            assertEquals(List.of(), ledger.problems());
        }
    }

    @Test
    void theLedgerIsOffUnlessStarted() {
        Model model = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));
        try (CellSession cell = new CellSession(model, new SessionSettings(ExecutionProvider.CPU, 1, false))) {
            OrtLedger ledger = OrtLedger.start();
            ledger.close();
            cell.start(new long[][] {new long[16]}, new long[] {0}, model.init());
            cell.step();
            assertEquals(0, ledger.opened(OrtLedger.Kind.RESULT) + ledger.opened(OrtLedger.Kind.TENSOR));
            assertEquals(List.of(), ledger.problems());
        }
    }
}
