// The trace viewer of `trm serve`: plain JS over the documented HTTP API (GET /v1/models,
// POST /v1/solve/{model} with "trace": true). It knows no head: each step's grid comes from the
// answer's trace_layout (where each position sits, and the vocabulary; grid.js draws it). Only the
// example puzzles (examples.js) and the ARC colours are per head. A search's runs: runs.js.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";
  const TOKEN_KEY = "trm4j.token";
  const state = { models: [], answer: null, index: 0, depth: 0 };

  // ---- HTTP -------------------------------------------------------------------------------
  async function api(path, body) {
    const headers = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    if (body) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method: body ? "POST" : "GET", headers, body: body ? JSON.stringify(body) : undefined });
    let json = null;
    try { json = await res.json(); } catch (e) { /* not JSON: reported by status below */ }
    if (!res.ok) {
      const message = json && json.error ? json.error : "HTTP " + res.status;
      const err = new Error(res.status === 401 ? message + " (give the server's token under \u201cAccess token\u201d)" : message);
      err.status = res.status;
      throw err;
    }
    return json;
  }

  function setStatus(text, error) {
    $("status").textContent = text;
    $("status").classList.toggle("error", !!error);
  }

  // ---- models and input -------------------------------------------------------------------
  async function loadModels() {
    const select = $("model");
    try {
      state.models = (await api("/v1/models")).models;
    } catch (e) {
      setStatus("Cannot list the models: " + e.message, true);
      if (e.status === 401) { $("access").open = true; $("token").focus(); }
      return;
    }
    select.replaceChildren();
    state.models.forEach((m, i) => {
      const o = new Option(m.name + (m.head && m.head !== m.name ? " (" + m.head + ")" : "") +
        (m.state === "failed" ? " \u2014 failed to load" : ""), String(i));
      o.disabled = m.state === "failed";
      select.add(o);
    });
    select.disabled = false;
    const first = state.models.findIndex((m) => m.state !== "failed");
    if (first >= 0) select.value = String(first);
    modelChanged();
    setStatus(state.models.length + " models. Pick one, load its example or paste a puzzle, then solve.");
  }

  const model = () => state.models[Number($("model").value)];

  function modelChanged() {
    const m = model();
    if (!m) return;
    const ex = (window.TRM_EXAMPLES || {})[m.head];
    $("input-hint").textContent = ex ? "(" + ex.hint + ")" : "";
    $("example").disabled = !ex;
    $("model-note").textContent = m.error ? m.error : (m.description || "");
  }

  function loadExample() {
    const ex = (window.TRM_EXAMPLES || {})[model().head];
    if (ex) $("input").value = ex.text;
  }

  async function readFile() {
    const f = $("file").files[0];
    if (!f) return;
    let text = await f.text();
    // An ARC task file names its task only by its file name: keep the id as {"ID": task}.
    if (model().head === "arc" && /\.json$/i.test(f.name)) {
      try {
        const task = JSON.parse(text);
        if (task && task.train && !task.id) text = JSON.stringify({ [f.name.replace(/\.json$/i, "")]: task });
      } catch (e) { /* not JSON: the server says what is wrong */ }
    }
    $("input").value = text;
  }

  // ---- solving ----------------------------------------------------------------------------
  function request() {
    const body = { input: $("input").value, trace: true };
    const maxSteps = $("max-steps").value.trim();
    if (maxSteps) body.max_steps = Number(maxSteps);
    if ($("halting").value) body.halting = $("halting").value;
    if ($("search").value !== "none") {
      body.search = $("search").value;
      if ($("budget").value.trim()) body.budget = Number($("budget").value);
    }
    return body;
  }

  async function solve() {
    const m = model();
    if (!m) return;
    if (!$("input").value.trim()) { setStatus("Give a puzzle first (or load the example).", true); return; }
    $("solve").disabled = true;
    setStatus("Solving with " + m.name + "\u2026");
    try {
      const answer = await api(m.solve, request());
      show(answer);
      setStatus("Answered in " + Math.round(answer.elapsed_ms) + " ms on the server: " + answer.verdict.status + ".");
    } catch (e) {
      setStatus(e.message, true);
      if (e.status === 401) $("access").open = true;
    } finally {
      $("solve").disabled = false;
    }
  }

  // ---- the result -------------------------------------------------------------------------
  function show(answer) {
    state.answer = answer;
    const trace = answer.trace || [];
    $("result").hidden = false;
    $("verdict").textContent = answer.verdict.status;
    $("verdict").className = "verdict-" + answer.verdict.status;
    $("verdict-detail").textContent = answer.verdict.detail || "";
    $("steps").textContent = String(answer.steps);
    $("confidence").textContent = answer.confidence.toFixed(3);
    $("halt").textContent = answer.halt;
    $("answer").textContent = answerText(answer);
    const s = answer.search;
    $("search-info").hidden = !s;
    if (s) {
      $("search-info").textContent = "Search " + s.strategy + ": found by " + s.found_by + ", " + s.loop_runs +
        " loop runs, " + s.steps + " steps in all, " + s.candidates + " candidates" + (s.detail ? " (" + s.detail + ")" : "") +
        ". The steps below are the answer's run" + (answer.search_runs ? "; every run is under \u201cSearch runs\u201d." : ".");
    }
    $("raw").textContent = JSON.stringify(answer, null, 1);
    window.TRM_RUNS.show(answer, isArc());
    state.depth = Math.max(trace.length, window.TRM_RUNS.depth());
    $("step-range").max = String(Math.max(1, state.depth));
    drawChart(trace);
    showStep(0);
  }

  /** The answer's rows where it has them (Sudoku, maze), else its text. */
  function answerText(answer) {
    const rows = answer.structured && answer.structured.rows;
    if (Array.isArray(rows)) return rows.map((r) => (Array.isArray(r) ? r.join("") : String(r))).join("\n");
    return answer.answer;
  }

  const isArc = () => !!model() && model().head === "arc";

  /**
   * Step index `i` of the answer's trace and of every search run. Under a search the stepping goes
   * as far as the longest run; past the answer's last step its grid stays at that step, unmarked.
   */
  function showStep(i) {
    const trace = state.answer.trace || [];
    if (!trace.length) { $("step-label").textContent = "No trace in the answer."; return; }
    state.index = Math.max(0, Math.min(state.depth - 1, i));
    const j = Math.min(state.index, trace.length - 1);
    const halted = state.index > j;
    const step = trace[j];
    const changed = halted ? {} : step.changed || {};
    const count = Object.keys(changed).length;
    $("step-range").value = String(state.index + 1);
    $("step-range").setAttribute("aria-valuetext", "step " + (state.index + 1) + " of " + state.depth);
    $("step-label").textContent = halted
      ? "Step " + (state.index + 1) + " \u00b7 the answer's run halted after " + trace.length + " steps"
      : "Step " + step.step + " of " + trace.length + " \u00b7 confidence " + step.confidence.toFixed(3) +
        (j === 0 ? " \u00b7 first prediction" : " \u00b7 " + (count ? count + " changed" : "unchanged"));
    const layout = state.answer.trace_layout;
    const cell = layout ? Math.max(14, Math.min(34, Math.floor(640 / layout.cols))) : 0;
    window.TRM_GRID.draw($("grid"), layout, step, j > 0 && !halted ? trace[j - 1] : null, cell, isArc());
    window.TRM_RUNS.step(state.index);
    const names = Object.entries(changed).slice(0, 30).map(([k, v]) => k + "\u2192" + v);
    $("changes").textContent = count ? "Changed: " + names.join(", ") + (count > 30 ? ", \u2026" : "") : "";
    document.querySelectorAll("#chart .dot").forEach((d, k) => d.classList.toggle("current", k === j));
    const now = document.querySelector("#chart .now");
    const dot = document.querySelectorAll("#chart .dot")[j];
    if (now && dot) { now.setAttribute("x1", dot.getAttribute("cx")); now.setAttribute("x2", dot.getAttribute("cx")); }
  }

  function drawChart(trace) {
    const svg = $("chart");
    svg.replaceChildren();
    const W = 640, H = 150, L = 40, R = 14, T = 10, B = 26;
    const el = (name, attrs, text) => {
      const e = document.createElementNS(SVG, name);
      Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
      if (text !== undefined) e.textContent = text;
      svg.appendChild(e);
      return e;
    };
    const y = (v) => T + (1 - Math.max(0, Math.min(1, v))) * (H - T - B);
    const n = trace.length;
    const x = (i) => (n <= 1 ? (L + W - R) / 2 : L + i * (W - L - R) / (n - 1));
    [0, 0.5, 1].forEach((v) => {
      el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "axis" });
      el("text", { x: 4, y: y(v) + 4, class: "tick" }, v.toFixed(1));
    });
    const every = Math.max(1, Math.ceil(n * 22 / (W - L - R)));
    trace.forEach((s, i) => { if (i % every === 0 || i === n - 1) el("text", { x: x(i) - 4, y: H - 8, class: "tick" }, String(s.step)); });
    el("line", { x1: x(0), x2: x(0), y1: T, y2: H - B, class: "now" });
    if (n > 1) el("polyline", { points: trace.map((s, i) => x(i) + "," + y(s.confidence)).join(" "), class: "line" });
    trace.forEach((s, i) => {
      const dot = el("circle", { cx: x(i), cy: y(s.confidence), r: 5, class: "dot" });
      const t = document.createElementNS(SVG, "title");
      t.textContent = "step " + s.step + ": " + s.confidence.toFixed(3);
      dot.appendChild(t);
      dot.addEventListener("click", () => showStep(i));
    });
    svg.setAttribute("aria-label", "Halting confidence per step: " + trace.map((s) => s.confidence.toFixed(2)).join(", "));
  }

  // ---- stepping ---------------------------------------------------------------------------
  function onKey(e) {
    if (!state.answer || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t.closest && t.closest("textarea, select, input:not([type=range]):not([type=button])")) return;
    const last = state.depth - 1;
    const to = { ArrowRight: state.index + 1, ArrowLeft: state.index - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    showStep(to);
  }

  function start() {
    $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
    $("token").addEventListener("change", () => {
      const v = $("token").value.trim();
      if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY);
      loadModels();
    });
    $("forget").addEventListener("click", () => { sessionStorage.removeItem(TOKEN_KEY); $("token").value = ""; });
    $("model").addEventListener("change", modelChanged);
    $("example").addEventListener("click", loadExample);
    $("file").addEventListener("change", readFile);
    $("solve").addEventListener("click", solve);
    $("first").addEventListener("click", () => showStep(0));
    $("prev").addEventListener("click", () => showStep(state.index - 1));
    $("next").addEventListener("click", () => showStep(state.index + 1));
    $("last").addEventListener("click", () => showStep(state.depth - 1));
    $("step-range").addEventListener("input", () => showStep(Number($("step-range").value) - 1));
    document.addEventListener("keydown", onKey);
    loadModels();
  }

  start();
})();
