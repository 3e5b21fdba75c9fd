package io.trm4j.bench.harness;

import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.ManifestReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** FLOPs per step and row, worked out by hand from the layer shapes of trm/model.py. */
class FlopCounterTest {

    private static Manifest manifest(String variant, int d, int heads, double expansion, int l, int n, int t,
                                     int seqLen, int stateLen, int vocab) {
        StringBuilder v = new StringBuilder("\"<pad>\"");
        for (int i = 1; i < vocab; i++) {
            v.append(",\"t").append(i).append('"');
        }
        String json = """
                {"format_version":1,"name":"m","head":"tokens",
                 "arch":{"variant":"%s","hidden_size":%d,"num_heads":%d,"expansion":%s,"num_layers":%d,
                         "L_cycles":%d,"H_cycles":%d,"puzzle_emb_len":%d,"num_puzzle_ids":1,"rope_theta":10000.0,
                         "params":0},
                 "seq_len":%d,"state_len":%d,"hidden_size":%d,"vocab_size":%d,"vocab":[%s],"max_steps":16}
                """.formatted(variant, d, heads, expansion, l, n, t, stateLen - seqLen, seqLen, stateLen, d, vocab, v);
        return ManifestReader.parse(json.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void bundledSudokuShape() {
        // mlp_t D128, S97 (81 + 16), expansion 2: both SwiGLUs have I = 256 (171 and 129 rounded up to 256).
        FlopCounter f = FlopCounter.of(manifest("mlp_t", 128, 4, 2.0, 2, 3, 2, 81, 97, 11));
        assertEquals(2L * 128 * 97 * 3 * 256, f.mixerPerBlock(), "mlp_t: D rows, S -> 2I -> S");
        assertEquals(2L * 97 * 128 * 3 * 256, f.mlpPerBlock(), "mlp: S rows, D -> 2I -> D");
        assertEquals(8, f.netCalls(), "T (n + 1) = 2 x 4");
        assertEquals(2L * 97 * 128 * 11 + 2 * 128 * 2, f.heads());
        assertEquals(610_544_896L, f.perRowStep());
    }

    @Test
    void paperSizeAttention() {
        // D512, 8 heads, expansion 4 (I = round(1365.3) -> 1536), n 6, T 3: 21 network calls.
        FlopCounter f = FlopCounter.of(manifest("attention", 512, 8, 4.0, 2, 6, 3, 81, 97, 11));
        long s = 97;
        long d = 512;
        assertEquals(2 * s * d * 3 * d + 2 * s * s * d * 2 + 2 * s * d * d, f.mixerPerBlock());
        assertEquals(2 * s * d * 3 * 1536, f.mlpPerBlock());
        assertEquals(21, f.netCalls());
        assertEquals(28_577_760_256L, f.perRowStep());
    }

    @Test
    void swiGluInterRoundsLikePython() {
        assertEquals(256, FlopCounter.swiGluInter(97, 2.0));   // round(129.33) = 129
        assertEquals(1536, FlopCounter.swiGluInter(512, 4.0)); // round(1365.33) = 1365
        assertEquals(512, FlopCounter.swiGluInter(384, 1.5 * 1.0 + 0.0 + 0.5)); // round(512.0) = 512 exactly
    }

    @Test
    void unknownVariantIsRefused() {
        Manifest m = manifest("mlp_t", 32, 2, 2.0, 1, 1, 1, 4, 8, 4);
        Manifest other = new Manifest(m.formatVersion(), m.name(), m.head(), m.description(),
                new io.trm4j.core.model.Arch("rnn", 32, 2, 2.0, 1, 1, 1, 4, 1, 1e4, 0), m.seqLen(), m.stateLen(),
                m.hiddenSize(), m.vocabSize(), m.vocab(), m.maxSteps(), m.halting(), m.cell(), m.init(),
                m.variants(), m.puzzleIds(), m.provenance());
        assertThrows(IllegalArgumentException.class, () -> FlopCounter.of(other));
    }
}
