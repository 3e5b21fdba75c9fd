"""import_official.py: official-layout checkpoints built from random reference models (D 64)."""
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import onnx
import torch
import yaml

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
import import_official  # noqa: E402
from trm import official  # noqa: E402
from trm.model import TRM, TrmConfig  # noqa: E402
from trm.official import ImportFailure  # noqa: E402

PREFIX = "_orig_mod.model.inner."


def small(variant, **kw):
    base = dict(vocab_size=11, seq_len=81, hidden_size=64, num_heads=4, expansion=4.0, L_cycles=2, H_cycles=2,
                max_steps=16, puzzle_emb_len=16, num_puzzle_ids=3, variant=variant)
    base.update(kw)
    torch.manual_seed(7)
    trm = TRM(TrmConfig(**base))
    with torch.no_grad():   # non-zero puzzle embeddings and q head, so the mapping of both is checked
        trm.puzzle_emb.normal_(0, 0.5)
        trm.q_head.weight.normal_(0, 0.2)
    return official.with_official_init(trm).eval()


def run16(trm, tokens, ids):
    y, z = trm.initial_state(tokens.shape[0])
    out = []
    with torch.no_grad():
        for _ in range(16):
            y, z, logits, q, _ = trm.step(tokens, y, z, ids, grad_last_cycle_only=False)
            out.append((logits.clone(), q.clone()))
    return out, y, z


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def save(self, trm, data="data/sudoku-extreme-1k-aug-1000", state=None, arch=None):
        ck, cfg_file = self.dir / "step_1000", self.dir / "all_config.yaml"
        torch.save(state if state is not None else official.to_official_state_dict(trm), ck)
        cfg_file.write_text(yaml.safe_dump({"arch": arch or official.arch_config(trm.cfg), "data_paths": [data],
                                            "ema": True, "lr": 1e-4}))
        return ck, cfg_file

    def load(self, ck, cfg_file, seq_len=81, overrides=()):
        arch, _ = official.load_arch(cfg_file, list(overrides))
        return official.build_trm(official.load_state(ck), arch, seq_len)[0]

    def run_main(self, *args):
        with contextlib.redirect_stdout(io.StringIO()):
            return import_official.main([str(a) for a in args])

    # -- the layout and the numbers -----------------------------------------------------------
    def test_official_layout_keys_shapes_and_dtypes(self):
        trm = small("attention")
        sd = official.to_official_state_dict(trm)
        d, i = 64, 256   # swiglu_inter(64, 4) = 256
        expected = {"embed_tokens.embedding_weight": [11, d], "lm_head.weight": [11, d], "q_head.weight": [2, d],
                    "q_head.bias": [2], "puzzle_emb.weights": [3, d], "H_init": [d], "L_init": [d]}
        for b in (0, 1):
            p = f"L_level.layers.{b}."
            expected.update({p + "self_attn.qkv_proj.weight": [3 * d, d], p + "self_attn.o_proj.weight": [d, d],
                             p + "mlp.gate_up_proj.weight": [2 * i, d], p + "mlp.down_proj.weight": [d, i]})
        self.assertEqual({k: list(v.shape) for k, v in sd.items()}, {PREFIX + k: v for k, v in expected.items()})
        self.assertEqual(sd[PREFIX + "H_init"].dtype, torch.bfloat16)
        self.assertEqual(sd[PREFIX + "lm_head.weight"].dtype, torch.float32)
        mlpt = official.to_official_state_dict(small("mlp_t"))
        self.assertEqual(list(mlpt[PREFIX + "L_level.layers.1.mlp_t.gate_up_proj.weight"].shape), [2 * 512, 97])
        self.assertEqual(list(mlpt[PREFIX + "L_level.layers.1.mlp_t.down_proj.weight"].shape), [97, 512])

    def test_imported_model_reproduces_16_steps(self):
        tokens = torch.randint(1, 11, (3, 81), generator=torch.Generator().manual_seed(1))
        ids = torch.tensor([0, 1, 2])
        for variant in ("attention", "mlp_t"):
            with self.subTest(variant=variant):
                trm = small(variant)
                got = self.load(*self.save(trm))
                (ref, y1, z1), (new, y2, z2) = run16(trm, tokens, ids), run16(got, tokens, ids)
                worst = max(max((a - b).abs().max().item(), (qa - qb).abs().max().item())
                            for (a, qa), (b, qb) in zip(ref, new))
                self.assertLess(worst, 1e-6)
                self.assertTrue(torch.equal(y1, y2) and torch.equal(z1, z2))

    def test_prefixless_fork_format_and_all_bf16(self):
        trm = small("mlp_t")
        bf16 = official.to_official_state_dict(trm, prefix="", weight_dtype=torch.bfloat16)
        got = self.load(*self.save(trm, state={"model": bf16, "step": 5}))
        self.assertTrue(torch.equal(got.lm_head.weight, trm.lm_head.weight.to(torch.bfloat16).float()))
        self.assertTrue(torch.equal(got.H_init, trm.H_init))

    def test_cli_writes_a_sudoku_model_dir(self):
        trm = small("attention", num_puzzle_ids=1)
        ck, cfg = self.save(trm)
        out = self.dir / "sudoku-official"
        s = self.run_main(ck, "--arch-config", cfg, "--out", out)
        m = json.loads((out / "manifest.json").read_text())
        self.assertEqual((m["head"], m["seq_len"], m["state_len"], m["vocab_size"], m["max_steps"]),
                         ("sudoku", 81, 97, 11, 16))
        self.assertEqual(m["vocab"][:3], ["<pad>", ".", "1"])
        self.assertEqual(m["format_version"], 1)
        self.assertEqual(m["provenance"]["checkpoint_dtypes"], {"float32": 13, "bfloat16": 2})
        self.assertTrue(m["provenance"]["ema"])
        init = np.frombuffer((out / "init.bin").read_bytes(), dtype="<f4")
        self.assertTrue(np.array_equal(init, torch.cat([trm.H_init, trm.L_init]).numpy()))
        g = onnx.load(str(out / "cell.onnx"))
        self.assertEqual([i.name for i in g.graph.input], ["tokens", "y", "z", "puzzle_ids"])
        self.assertEqual(s["cell_onnx_bytes"], (out / "cell.onnx").stat().st_size)
        self.assertTrue((out / "CARD.md").is_file())

    def test_training_command_overrides_without_a_file(self):
        arch, run = official.load_arch(None, [
            "arch=trm", "data_paths=[data/sudoku-extreme-1k-aug-1000]", "evaluators=[]", "epochs=50000",
            "lr=1e-4", "arch.mlp_t=True", "arch.pos_encodings=none", "arch.L_layers=2", "arch.H_cycles=3",
            "arch.L_cycles=6", "arch.hidden_size=64", "+run_name=x", "ema=True"])
        self.assertEqual(import_official.guess_task(run), "sudoku")
        self.assertEqual(import_official.guess_task({}, Path("data/maze-30x30-hard-1k")), "maze")
        self.assertEqual(import_official.guess_task({}), "tokens")
        cfg = official.trm_config(arch, 81, 11, 1)
        self.assertEqual((cfg.variant, cfg.hidden_size, cfg.puzzle_emb_len, cfg.H_cycles, cfg.L_cycles),
                         ("mlp_t", 64, 16, 3, 6))

    def test_puzzle_emb_len_rules(self):
        a = dict(official.ARCH_DEFAULTS)
        self.assertEqual(official.puzzle_emb_len(a), 16)                       # the config value wins
        self.assertEqual(official.puzzle_emb_len({**a, "puzzle_emb_len": 0}), 1)   # ceil(512 / 512)
        self.assertEqual(official.puzzle_emb_len({**a, "puzzle_emb_len": 0, "puzzle_emb_ndim": 0}), 0)

    def test_no_puzzle_embedding_and_attention_without_rope(self):
        trm = small("attention", puzzle_emb_len=0, num_puzzle_ids=1, pos_encodings="none", seq_len=16,
                    vocab_size=8)
        self.assertFalse(hasattr(trm, "rotary"))
        ck, cfg = self.save(trm, data="data/custom")
        got = self.load(ck, cfg, seq_len=16)
        tokens = torch.randint(1, 8, (2, 16), generator=torch.Generator().manual_seed(3))
        ids = torch.zeros(2, dtype=torch.long)
        self.assertTrue(torch.equal(run16(trm, tokens, ids)[1], run16(got, tokens, ids)[1]))
        self.assertEqual(tuple(run16(got, tokens, ids)[1].shape), (2, 16, 64))
        out = self.dir / "m"
        self.run_main(ck, "--arch-config", cfg, "--out", out, "--seq-len", 16)
        m = json.loads((out / "manifest.json").read_text())
        self.assertEqual((m["head"], m["state_len"]), ("tokens", 16))

    def test_prefix_less_import_reads_q_halt_from_position_0(self):
        # The official inner model computes q_head(z_H[:, 0]) even with no puzzle prefix; the
        # project's own prefix-less models pool instead, so the two would halt at other steps.
        tokens = torch.randint(1, 8, (3, 16), generator=torch.Generator().manual_seed(5))
        ids = torch.zeros(3, dtype=torch.long)
        for variant in ("attention", "mlp_t"):
            with self.subTest(variant=variant):
                trm = small(variant, puzzle_emb_len=0, num_puzzle_ids=1, pos_encodings="none", seq_len=16,
                            vocab_size=8)
                self.assertEqual(trm.cfg.halt_readout, "mean")
                ck, cfg = self.save(trm, data="data/custom")
                got = self.load(ck, cfg, seq_len=16)
                self.assertEqual(got.cfg.halt_readout, "first")
                w, b = trm.q_head.weight.detach(), trm.q_head.bias.detach()   # the checkpoint's own q head
                y, z = got.initial_state(3)
                pooled_differs = False
                with torch.no_grad():
                    for _ in range(16):
                        y, z, _, q, _ = got.step(tokens, y, z, ids, grad_last_cycle_only=False)
                        official_q = (y[:, 0] @ w.T + b)[..., 0]
                        self.assertLess((q - official_q).abs().max().item(), 1e-6)
                        pooled_differs |= (q - (y.mean(1) @ w.T + b)[..., 0]).abs().max().item() > 1e-3
                self.assertTrue(pooled_differs, "the test cannot tell position 0 from pooling")
                out = self.dir / f"m-{variant}"
                self.run_main(ck, "--arch-config", cfg, "--out", out, "--seq-len", 16)
                m = json.loads((out / "manifest.json").read_text())
                self.assertEqual(m["arch"]["halt_readout"], "first")

    # -- the puzzle table outside the graph ---------------------------------------------------
    def test_external_table_with_identifiers(self):
        trm = small("attention", num_puzzle_ids=5000, seq_len=16, vocab_size=12)
        ck, cfg = self.save(trm, data="data/arc1concept-aug-1000")
        names = ["<blank>"] + [f"p{i}|||t1|||0123456789" for i in range(1, 5000)]
        ident = self.dir / "identifiers.json"
        ident.write_text(json.dumps(names))
        out = self.dir / "arc"
        s = self.run_main(ck, "--arch-config", cfg, "--out", out, "--seq-len", 16, "--identifiers", ident,
                          "--puzzle-table", "file")
        m = json.loads((out / "manifest.json").read_text())
        self.assertEqual(m["format_version"], 2)
        self.assertEqual(m["puzzle_table"], {"file": "puzzle_emb.f32", "rows": 5000, "dim": 64, "dtype": "float32",
                                             "byte_order": "little", "input": "puzzle_emb", "bytes": 5000 * 64 * 4})
        table = np.fromfile(out / "puzzle_emb.f32", dtype="<f4").reshape(5000, 64)
        self.assertTrue(np.array_equal(table, trm.puzzle_emb.detach().numpy()))
        self.assertEqual(json.loads((out / "identifiers.json").read_text()), names)
        self.assertEqual((m["identifiers"], m["puzzle_ids"], m["head"]), ("identifiers.json", {}, "tokens"))
        g = onnx.load(str(out / "cell.onnx"))
        self.assertEqual([i.name for i in g.graph.input], ["tokens", "y", "z", "puzzle_emb"])
        dims = [d.dim_param or d.dim_value for d in g.graph.input[3].type.tensor_type.shape.dim]
        self.assertEqual((dims[1], g.graph.input[3].type.tensor_type.elem_type), (64, onnx.TensorProto.FLOAT))
        self.assertLess(s["cell_onnx_bytes"], 5000 * 64 * 4)   # the table is not in the graph
        # The cell fed with looked-up rows computes what the ids do.
        tokens = torch.randint(1, 12, (2, 16), generator=torch.Generator().manual_seed(4))
        ids = torch.tensor([17, 4242])
        self.assertTrue(torch.equal(run16(trm, tokens, ids)[1], run16(trm, tokens, torch.from_numpy(table[[17, 4242]]))[1]))

    def test_small_table_stays_in_the_graph_with_names_in_the_manifest(self):
        trm = small("mlp_t", seq_len=16, vocab_size=12)
        ck, cfg = self.save(trm, data="data/custom-mini")
        ident = self.dir / "identifiers.json"
        ident.write_text(json.dumps(["<blank>", "a", "b"]))
        out = self.dir / "m"
        self.run_main(ck, "--arch-config", cfg, "--out", out, "--identifiers", ident)
        m = json.loads((out / "manifest.json").read_text())
        self.assertEqual((m["format_version"], m["puzzle_ids"]), (1, {"<blank>": 0, "a": 1, "b": 2}))
        self.assertNotIn("puzzle_table", m)

    # -- errors name the key ------------------------------------------------------------------
    def assertFails(self, fn, *needles):
        with self.assertRaises(ImportFailure) as c:
            fn()
        for n in needles:
            self.assertIn(n, str(c.exception))

    def test_missing_unexpected_and_misshapen_keys(self):
        trm = small("attention")
        sd = official.to_official_state_dict(trm)
        gone = dict(sd)
        del gone[PREFIX + "L_level.layers.1.mlp.down_proj.weight"]
        self.assertFails(lambda: self.load(*self.save(trm, state=gone)), "'L_level.layers.1.mlp.down_proj.weight'")
        extra = {**sd, PREFIX + "embed_pos.embedding_weight": torch.zeros(97, 64)}
        self.assertFails(lambda: self.load(*self.save(trm, state=extra)), "'embed_pos.embedding_weight'", "learned")
        bad = {**sd, PREFIX + "lm_head.weight": torch.zeros(12, 64)}
        self.assertFails(lambda: self.load(*self.save(trm, state=bad)), "'lm_head.weight'", "[12, 64]")
        tolerated = {**sd, PREFIX + "rotary_emb.cos_cached": torch.zeros(97, 16)}
        self.load(*self.save(trm, state=tolerated))
        dup = {**sd, "H_init": sd[PREFIX + "H_init"]}
        self.assertFails(lambda: self.load(*self.save(trm, state=dup)), "'H_init'", "duplicates")

    def test_arch_config_errors(self):
        trm = small("mlp_t")
        a = official.arch_config(trm.cfg)
        self.assertFails(lambda: self.load(*self.save(trm, arch={**a, "use_lstm_gating": True})),
                         "arch.use_lstm_gating")
        self.assertFails(lambda: self.load(*self.save(trm, arch={
            **a, "name": "recursive_reasoning.hrm@HierarchicalReasoningModel_ACTV1"})), "arch.name")
        self.assertFails(lambda: self.load(*self.save(trm, arch={**a, "pos_encodings": "learned"})),
                         "arch.pos_encodings")
        self.assertFails(lambda: self.load(*self.save(trm, arch={**a, "mlp_t": False})), "arch.mlp_t")
        self.assertFails(lambda: self.load(*self.save(trm, arch={**a, "L_layers": 3})), "arch.L_layers")
        self.assertFails(lambda: self.load(*self.save(trm, arch={**a, "expansion": 2})),
                         "'L_level.layers.0.mlp_t.gate_up_proj.weight'")
        self.assertFails(lambda: self.load(*self.save(trm), overrides=["arch.puzzle_emb_ndim=96"]),
                         "arch.puzzle_emb_ndim")
        self.assertFails(lambda: official.load_arch(None, ["arch.mlp_t"]), "KEY=VALUE")
        self.assertFails(lambda: official.load_arch(None, ["bogus=1"]), "'bogus'")

    def test_cli_errors(self):
        trm = small("attention", seq_len=16, vocab_size=12, num_puzzle_ids=40)
        ck, cfg = self.save(trm, data="data/custom")
        out = self.dir / "x"
        self.assertFails(lambda: self.run_main(ck, "--arch-config", cfg, "--out", out, "--no-identifiers"),
                         "sequence length unknown")
        self.assertFails(lambda: self.run_main(ck, "--arch-config", cfg, "--out", out, "--seq-len", 16),
                         "'puzzle_emb.weights'", "identifiers")
        self.assertFails(lambda: self.run_main(ck, "--arch-config", cfg, "--out", out, "--task", "sudoku"),
                         "task 'sudoku'", "'embed_tokens.embedding_weight'")
        ident = self.dir / "identifiers.json"
        ident.write_text(json.dumps(["<blank>", "a"]))
        self.assertFails(lambda: self.run_main(ck, "--arch-config", cfg, "--out", out, "--seq-len", 16,
                                               "--identifiers", ident), "2 puzzle ids", "40 rows")
        r = subprocess.run([sys.executable, str(HERE / "import_official.py"), str(ck), "--arch-config", str(cfg),
                            "--out", str(out), "--no-identifiers"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn("import_official: error: sequence length unknown", r.stderr)


if __name__ == "__main__":
    unittest.main()
