// One step's grid, drawn from the answer's trace_layout (where each position sits, and the
// vocabulary): used for the answer's trace (viewer.js) and for each search run (runs.js). A cell
// that changed since the previous step gets the class "changed" (a thick border and a corner mark
// in viewer.css) and, for screen readers, the word "changed".
"use strict";
window.TRM_GRID = {
  /** Draws `step` (with `previous`, or null, to mark changes) into `table`; `cell` is the cell size in px. */
  draw(table, layout, step, previous, cell, arc) {
    table.replaceChildren();
    if (!layout) return;
    const vocab = layout.vocab;
    const label = (t) => (t >= 0 && t < vocab.length ? vocab[t] : String(t));
    table.style.setProperty("--cell", cell + "px");
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement("th"));
    layout.col_labels.forEach((c) => { const th = document.createElement("th"); th.scope = "col"; th.textContent = c; head.appendChild(th); });
    const body = table.createTBody();
    for (let r = 0; r < layout.rows; r++) {
      const tr = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = layout.row_labels[r];
      tr.appendChild(th);
      for (let c = 0; c < layout.cols; c++) {
        const td = tr.insertCell();
        const pos = layout.positions[r][c];
        if (pos < 0 || pos >= step.prediction.length) continue;
        const text = label(step.prediction[pos]);
        const special = /^<.+>$/.test(text);
        td.dataset.pos = String(pos);
        td.dataset.label = text;
        td.title = layout.names[r][c] + ": " + text;
        if (text === "<pad>") td.className = "pad";
        else if (special) { td.className = "special"; td.textContent = text.slice(1, -1); }
        else if (text === "#") { td.className = "wall"; td.textContent = "#"; }
        else { td.textContent = text; if (arc && /^\d$/.test(text)) td.className = "arc-" + text; }
        if (previous && previous.prediction[pos] !== step.prediction[pos]) {
          td.classList.add("changed");
          td.title += " (was " + label(previous.prediction[pos]) + ")";
          const sr = document.createElement("span");
          sr.className = "sr";
          sr.textContent = " changed";
          td.appendChild(sr);
        }
      }
    }
  }
};
