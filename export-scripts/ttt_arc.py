#!/usr/bin/env python3
"""Per-task test-time training of an ARC model (trm/arc_ttt.py), resumable task by task, and the
export of a trm4j model directory holding the adapted puzzle embeddings.

    python3 export-scripts/ttt_arc.py --model models/src/main/resources/trm4j/models/arc \
        --tasks ../shared/data/arc-agi-1/evaluation --run ttt-eval --budget 25 --threads 1 \
        --out /tmp/arc-ttt

For each task whose demonstrations and test inputs fit --side (tasks in --run's folder already
done are skipped): (1) validation: the last demonstration is held out, the task is fitted on the
others for --val-share of the budget, the held-out pair scored (voted over the augmentations) every
--eval-every optimizer steps; the best point (pass@2, pass@1, cell accuracy; step 0 = the base
model included, the earliest on ties) picks the number of steps; (2) the task is fitted from the
base again on all its demonstrations for that many steps (for the rest of the budget when the best
point was the last one; not at all when it was step 0). A task with one demonstration skips (1).
Results: runs/ttt/RUN/tasks/TASK.json (the rows, the validation curve, timings), TASK.log,
progress.jsonl. With --out (mode emb), the base directory is re-exported with each fitted task's
rows replaced (rows the base had) or appended (new augmentations), named as the Java head expects.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).parent))
from bench_torch import config_from_manifest, load_weights  # noqa: E402
from trm import arc  # noqa: E402
from trm.arc_ttt import FitConfig, TaskFit, task_augs, task_side  # noqa: E402
from trm.export import export_model_dir  # noqa: E402
from trm.model import TRM  # noqa: E402

HERE = Path(__file__).parent


def load_base(model_dir: Path) -> tuple[TRM, dict, list[str]]:
    m = json.loads((model_dir / "manifest.json").read_text())
    if m.get("head") != "arc":
        raise SystemExit(f"{model_dir}: head '{m.get('head')}', not an ARC model")
    trm = TRM(config_from_manifest(m))
    load_weights(trm, model_dir / m.get("cell", "cell.onnx"), model_dir / m.get("init", "init.bin"))
    if "identifiers" in m:
        names = json.loads((model_dir / m["identifiers"]).read_text())
    else:
        names = [None] * trm.cfg.num_puzzle_ids
        for n, i in m.get("puzzle_ids", {}).items():
            names[i] = n
    return trm.eval(), m, names


def task_rows(trm: TRM, names: list[str], task_id: str) -> tuple[list[str], torch.Tensor, torch.Tensor]:
    """The base model's puzzle names for the task (id order), their rows, and the row new
    augmentations start from (the task's mean row, else the model's <mean>, else zeros)."""
    idx = [i for i, n in enumerate(names) if n == task_id or (n or "").startswith(task_id + arc.SEPARATOR)]
    table = trm.puzzle_emb.detach()
    rows = table[idx].clone()
    if idx:
        start = rows.mean(0)
    elif arc.MEAN in names:
        start = table[names.index(arc.MEAN)].clone()
    else:
        start = torch.zeros(table.shape[1])
    return [names[i] for i in idx], rows, start


def fit_task(base: TRM, names: list[str], task_id: str, task: dict, a, log) -> dict:
    t_wall, t_cpu = time.time(), time.process_time()
    rng = np.random.default_rng([a.seed, zlib.crc32(task_id.encode())])
    known, rows, start = task_rows(base, names, task_id)
    augs = task_augs(task_id, known, max(a.augs, len(known)), rng)
    rows = torch.cat([rows, start.expand(len(augs) - len(known), -1)])
    canvas = min(30, task_side(task) + 2)
    cfg = FitConfig(mode=a.mode, batch=a.batch, emb_lr=a.emb_lr, net_lr=a.net_lr, eval_every=a.eval_every)
    pairs = [(np.array(p["input"]), np.array(p["output"])) for p in task["train"]]
    curve, chosen, last_best = [], None, False
    if len(pairs) >= 2 and a.val_share > 0:
        held = pairs[-1:]
        val = TaskFit(base, rows, augs, canvas, cfg, rng)

        def check(f):
            curve.append({"step": f.steps, **f.score(held)})
            log({"phase": "validation", **curve[-1]})

        check(val)
        val.fit(pairs[:-1], t_cpu + a.budget * a.val_share, max_opt_steps=a.steps, on_check=check)
        best = max(range(len(curve)), key=lambda i: (curve[i]["pass2"], curve[i]["pass1"], curve[i]["cells"], -i))
        chosen, last_best = curve[best]["step"], best == len(curve) - 1 and best > 0
    fit = TaskFit(base, rows, augs, canvas, cfg, rng)
    if chosen != 0:
        fit.fit(pairs, t_cpu + a.budget, max_opt_steps=a.steps if chosen is None or last_best else chosen)
    result = {
        "task": task_id, "mode": a.mode, "canvas": canvas, "augs": [g.name(task_id) for g in augs],
        "new_rows": len(augs) - len(known), "validation": curve, "chosen_steps": chosen,
        "steps": fit.steps, "demos": fit.score(pairs),
        "wall_s": round(time.time() - t_wall, 2), "cpu_s": round(time.process_time() - t_cpu, 2),
        "rows": fit.rows.detach().tolist(),
    }
    tests = [(np.array(p["input"]), np.array(p["output"])) for p in task["test"] if "output" in p]
    if len(tests) == len(task["test"]):  # reported only: nothing is chosen on test outputs
        result["test_score"] = fit.score(tests)
    if a.mode == "full":
        torch.save(fit.network_state(), a.run_dir / "tasks" / f"{task_id}.pt")
    return result


def run_tasks(a) -> None:
    base, _, names = load_base(a.model)
    tasks = {k: t for k, t in arc.load_tasks(a.tasks).items() if arc.fits(t, a.side, False)}
    if a.only:
        wanted = a.only.split(",")
        missing = [t for t in wanted if t not in tasks]
        if missing:
            raise SystemExit(f"--only: {missing} not among the {len(tasks)} tasks of {a.tasks} that fit side {a.side}")
        tasks = {k: tasks[k] for k in wanted}
    out = a.run_dir / "tasks"
    out.mkdir(parents=True, exist_ok=True)
    todo = [k for k in tasks if not (out / f"{k}.json").exists()]
    print(f"{len(tasks)} tasks fit side {a.side}; {len(tasks) - len(todo)} done, {len(todo)} to fit "
          f"({a.mode}, {a.budget:g} s each)", flush=True)
    for n, task_id in enumerate(todo[:a.limit] if a.limit else todo, 1):
        with open(out / f"{task_id}.log", "w") as logf:
            def log(rec, logf=logf):
                logf.write(json.dumps(rec) + "\n")
                logf.flush()
            result = fit_task(base, names, task_id, tasks[task_id], a, log)
        tmp = out / f"{task_id}.json.tmp"
        tmp.write_text(json.dumps(result))
        tmp.replace(out / f"{task_id}.json")
        line = {k: result[k] for k in ("task", "chosen_steps", "steps", "demos", "wall_s", "cpu_s")}
        line.update(n=n, of=len(todo), test=result.get("test_score"))
        with open(a.run_dir / "progress.jsonl", "a") as f:
            f.write(json.dumps(line) + "\n")
        print(json.dumps(line), flush=True)


def export(a) -> None:
    """The base directory with every fitted task's rows, as a trm4j model directory."""
    base, m, names = load_base(a.model)
    results = [json.loads(p.read_text()) for p in sorted((a.run_dir / "tasks").glob("*.json"))]
    if any(r["mode"] != "emb" for r in results):
        raise SystemExit(f"{a.run_dir}: only 'emb' results export into one cell (a 'full' fit is a network per task)")
    table, names = base.puzzle_emb.detach().clone(), list(names)
    index = {n: i for i, n in enumerate(names)}
    new = []
    for r in results:
        for name, row in zip(r["augs"], r["rows"]):
            if name in index:
                table[index[name]] = torch.tensor(row)
            else:
                index[name] = len(names)
                names.append(name)
                new.append(torch.tensor(row))
    if new:
        table = torch.cat([table, torch.stack(new)])
    cfg = replace(base.cfg, num_puzzle_ids=len(names))
    trm = TRM(cfg)
    state = base.state_dict()
    state["puzzle_emb"] = table
    trm.load_state_dict(state)
    cpu = sum(r["cpu_s"] for r in results)
    provenance = {**m.get("provenance", {}), "base_model": m["name"], "ttt": {
        "run": a.run, "tasks_fitted": len(results), "rows_added": len(new), "mode": "emb",
        "budget_s": a.budget, "cpu_s": round(cpu, 1), "command": " ".join(sys.argv)}}
    halting = m.get("halting")
    export_model_dir(trm, a.out, name=a.name, head="arc", vocab=m["vocab"], description=m["description"],
                     provenance=provenance, halting=halting, extra={"max_steps": m["max_steps"]},
                     identifiers=names, puzzle_ids={n: i for i, n in enumerate(names)})
    print(json.dumps({"out": str(a.out), "tasks": len(results), "rows_added": len(new), "cpu_s": round(cpu, 1)}))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, required=True, help="the base trm4j ARC model directory")
    ap.add_argument("--tasks", type=Path, help="a directory of ARC task files (*.json)")
    ap.add_argument("--run", required=True, help="results in export-scripts/runs/ttt/RUN (resumable)")
    ap.add_argument("--runs-dir", type=Path, default=HERE / "runs" / "ttt")
    ap.add_argument("--side", type=int, default=10, help="fit the tasks whose demonstrations and test inputs fit this side")
    ap.add_argument("--only", help="comma-separated task ids")
    ap.add_argument("--limit", type=int, default=0, help="fit at most this many tasks in this invocation")
    ap.add_argument("--mode", choices=["emb", "full"], default="emb")
    ap.add_argument("--budget", type=float, default=25.0, help="CPU seconds per task (process time: steady on a shared machine), validation included")
    ap.add_argument("--val-share", type=float, default=0.4, help="share of the budget for the held-out validation fit")
    ap.add_argument("--steps", type=int, default=None, help="at most this many optimizer steps per fit (with the budget)")
    ap.add_argument("--augs", type=int, default=4, help="augmentations per task (the base model's, then new ones)")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--emb-lr", type=float, default=3e-3)
    ap.add_argument("--net-lr", type=float, default=1e-4)
    ap.add_argument("--eval-every", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", type=Path, help="export the model directory here after fitting (mode emb)")
    ap.add_argument("--name", default="arc-ttt", help="the exported model's name")
    ap.add_argument("--export-only", action="store_true", help="export the run's results without fitting")
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    a.run_dir = a.runs_dir / a.run
    if not a.export_only:
        if a.tasks is None:
            ap.error("--tasks is required unless --export-only")
        run_tasks(a)
    if a.out:
        export(a)


if __name__ == "__main__":
    main()
