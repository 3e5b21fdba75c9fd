// A verified search's runs side by side (the answer's search_runs, sent with "trace": true and a
// search): one column per run saying what it was (first, restart, augment, fill, consensus or
// sample's draw), its verdict and its grid at the step the page shows, so the page's stepping moves
// every run together. The chosen run (the answer's) is framed and says "chosen" in words. At most
// MAX columns: the first runs, and the chosen one among them.
"use strict";
window.TRM_RUNS = (() => {
  const MAX = 12;
  let runs = [];
  let layout = null;
  let arc = false;

  function drawn(all) {
    if (all.length <= MAX) return all;
    const out = all.slice(0, MAX);
    const chosen = all.find((r) => r.chosen);
    if (chosen && !out.includes(chosen)) out[MAX - 1] = chosen;
    return out;
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Builds a column per run of `answer` (none without search_runs) and says how many there are. */
  function show(answer, isArc) {
    const all = answer.search_runs || [];
    runs = drawn(all);
    layout = answer.trace_layout;
    arc = isArc;
    document.getElementById("runs").hidden = !runs.length;
    const wrap = document.getElementById("run-columns");
    wrap.replaceChildren();
    const chosen = all.find((r) => r.chosen);
    document.getElementById("runs-note").textContent = all.length + " runs, one column each" +
      (chosen ? "; the answer is run " + chosen.run + "'s (framed, marked \u201cchosen\u201d)" : "") +
      (all.length > runs.length ? "; " + (all.length - runs.length) + " more runs are in the JSON, not drawn" : "") +
      ". The keys and buttons above step every run together.";
    runs.forEach((run) => {
      const col = element("section", "run" + (run.chosen ? " chosen" : ""));
      col.dataset.run = String(run.run);
      col.setAttribute("aria-label", "run " + run.run + ": " + run.kind + (run.chosen ? ", chosen" : ""));
      const title = element("h4", "run-title", "run " + run.run + ": " + run.kind);
      if (run.chosen) title.appendChild(element("span", "chosen-mark", " \u2605 chosen"));
      col.appendChild(title);
      col.appendChild(element("p", "run-verdict verdict-" + run.verdict.status,
        run.verdict.status + " \u00b7 " + run.steps + " steps \u00b7 confidence " + run.confidence.toFixed(3)));
      col.appendChild(element("p", "run-detail note", run.detail));
      col.appendChild(element("p", "run-step"));
      const wrapGrid = element("div", "run-grid-wrap");
      wrapGrid.appendChild(element("table", "grid run-grid"));
      col.appendChild(wrapGrid);
      wrap.appendChild(col);
    });
  }

  /** The most steps of any run shown. */
  function depth() {
    return runs.reduce((d, r) => Math.max(d, r.trace.length), 0);
  }

  /** Every column at step index `i`; a run that halted earlier shows its last step, unmarked. */
  function step(i) {
    if (!runs.length || !layout) return;
    const cell = Math.max(10, Math.min(24, Math.floor(240 / layout.cols)));
    document.querySelectorAll("#run-columns .run").forEach((col, k) => {
      const trace = runs[k].trace;
      const n = trace.length;
      const j = Math.min(i, n - 1);
      const s = trace[j];
      const count = Object.keys(s.changed || {}).length;
      col.querySelector(".run-step").textContent = i < n
        ? "Step " + s.step + " of " + n + " \u00b7 " + s.confidence.toFixed(3) + " \u00b7 " +
          (j === 0 ? "first prediction" : count ? count + " changed" : "unchanged")
        : "Halted after " + n + " steps (step " + s.step + " shown)";
      window.TRM_GRID.draw(col.querySelector("table"), layout, s, i < n && j > 0 ? trace[j - 1] : null, cell, arc);
    });
  }

  return { show, step, depth };
})();
