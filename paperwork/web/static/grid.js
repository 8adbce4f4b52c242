// paperwork's grid: keyboard moves like a spreadsheet (arrows, Enter, Tab), a changed cell is
// saved through the JSON API and the page's problems are refreshed; a column pasted from
// Excel (tab- and newline-separated text) fills the cells from the one with the focus down.
(function () {
  "use strict";
  const csrf = document.body.dataset.csrf;
  const section = () => document.getElementById("tables");
  let original = new WeakMap();

  function status(text, bad) {
    const el = document.getElementById("grid-status");
    if (el) { el.textContent = text; el.className = bad ? "error" : "muted"; }
  }

  function cellAt(td, dRow, dCol) {
    const tr = td.parentElement;
    const col = Array.prototype.indexOf.call(tr.children, td) + dCol;
    let row = tr;
    for (let i = 0; i < Math.abs(dRow); i++) {
      row = dRow > 0 ? row.nextElementSibling : row.previousElementSibling;
      if (!row) return null;
    }
    const next = row.children[col];
    return next && next.tagName === "TD" ? next : null;
  }

  function focusCell(td) {
    if (!td) return;
    td.focus();
    const range = document.createRange();
    range.selectNodeContents(td);
    range.collapse(false);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function caretAt(td) {
    const sel = window.getSelection();
    if (!sel.rangeCount) return { start: true, end: true };
    const r = sel.getRangeAt(0);
    const before = document.createRange();
    before.selectNodeContents(td);
    before.setEnd(r.startContainer, r.startOffset);
    const pos = before.toString().length;
    return { start: pos === 0, end: pos >= td.textContent.length };
  }

  async function post(url, body) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Paperwork-CSRF": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    let data = {};
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    if (!res.ok) throw new Error(data.message || res.statusText);
    return data;
  }

  async function save(td, value) {
    const table = td.closest("table").dataset.table;
    const row = parseInt(td.parentElement.dataset.row, 10);
    const pid = section().dataset.production;
    return post(`/api/productions/${pid}/cells`, { table, row, column: td.dataset.col, value });
  }

  // After an edit: the problems, the counts and the marks, not every table again.
  async function refresh(focusId) {
    const pid = section().dataset.production;
    const res = await fetch(`/productions/${pid}/marks`, { credentials: "same-origin" });
    if (!res.ok) return refreshAll(focusId);
    const data = await res.json();
    const summary = document.getElementById("summary");
    if (summary) summary.innerHTML = data.summary;
    const problems = document.getElementById("problems");
    if (problems) problems.outerHTML = data.problems;
    for (const td of document.querySelectorAll("table.grid td.error, table.grid td.warning")) {
      if (!(td.id in data.cells)) { td.classList.remove("error", "warning"); td.removeAttribute("title"); }
    }
    for (const [id, [severity, tip]] of Object.entries(data.cells)) {
      const td = document.getElementById(id);
      if (!td) continue;
      td.classList.remove("error", "warning");
      td.classList.add(severity);
      td.title = tip;
    }
    for (const tr of document.querySelectorAll("table.grid tr.row-problem")) {
      if (!(tr.id in data.rows)) { tr.classList.remove("row-problem"); tr.removeAttribute("title"); }
    }
    for (const [id, tip] of Object.entries(data.rows)) {
      const tr = document.getElementById(id);
      if (tr) { tr.classList.add("row-problem"); tr.title = tip; }
    }
    if (focusId && document.activeElement && document.activeElement.id !== focusId) {
      focusCell(document.getElementById(focusId));
    }
  }

  // After an undo (a value changed that the page does not know): the whole page's tables.
  async function refreshAll(focusId) {
    const res = await fetch(window.location.pathname, { credentials: "same-origin" });
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    for (const id of ["summary", "problems"]) {
      const fresh = doc.getElementById(id);
      const old = document.getElementById(id);
      if (fresh && old) old.replaceWith(fresh);
    }
    for (const table of document.querySelectorAll("table.grid[data-table]")) {
      const fresh = doc.querySelector(`table.grid[data-table="${CSS.escape(table.dataset.table)}"] tbody`);
      if (fresh) table.querySelector("tbody").replaceWith(document.adoptNode(fresh));
    }
    if (focusId) focusCell(document.getElementById(focusId));
  }

  // A file saved elsewhere (Excel) while the page is open: the tables are loaded again,
  // unless a cell is being edited, when the user is told instead.
  let busy = false;
  async function poll() {
    const sec = section();
    if (!sec || busy || document.hidden) return;
    let data;
    try {
      const res = await fetch(`/productions/${sec.dataset.production}/stamp`, { credentials: "same-origin" });
      if (!res.ok) return;
      data = await res.json();
    } catch (e) { return; }
    if (data.stamp === sec.dataset.stamp) return;
    const editing = document.activeElement && document.activeElement.matches("table.grid td[contenteditable]");
    if (editing) { status("A file changed on disk: leave the cell to see it.", true); return; }
    sec.dataset.stamp = data.stamp;
    await refreshAll(null);
    status("Updated: a file changed on disk.");
  }
  if (section()) setInterval(poll, 3000);

  async function remember() {
    const sec = section();
    const res = await fetch(`/productions/${sec.dataset.production}/stamp`, { credentials: "same-origin" });
    if (res.ok) sec.dataset.stamp = (await res.json()).stamp;
  }

  async function commit(td, moveTo) {
    const before = original.get(td);
    const value = td.textContent;
    const nextId = moveTo ? moveTo.id : null;
    if (before === undefined || before === value) { if (moveTo) focusCell(moveTo); return; }
    original.set(td, value);
    td.classList.add("saving");
    status("Saving…");
    busy = true;
    try {
      const data = await save(td, value);
      status(`Saved. ${data.errors} error(s), ${data.warnings} warning(s).`);
      await refresh(nextId);
      await remember(); // our own edit is not a change made elsewhere
    } catch (err) {
      td.textContent = before;
      original.set(td, before);
      status(`Not saved: ${err.message}`, true);
    } finally {
      td.classList.remove("saving");
      busy = false;
    }
  }

  document.addEventListener("focusin", (ev) => {
    const td = ev.target.closest && ev.target.closest("table.grid td[contenteditable]");
    if (td && !original.has(td)) original.set(td, td.textContent);
  });

  document.addEventListener("focusout", (ev) => {
    const td = ev.target.closest && ev.target.closest("table.grid td[contenteditable]");
    if (td && !td.dataset.moving) commit(td, null);
  });

  document.addEventListener("keydown", (ev) => {
    const td = ev.target.closest && ev.target.closest("table.grid td[contenteditable]");
    if (!td) return;
    let move = null;
    const caret = caretAt(td);
    if (ev.key === "Enter" && !ev.altKey) move = cellAt(td, ev.shiftKey ? -1 : 1, 0) || td;
    else if (ev.key === "Tab") move = cellAt(td, 0, ev.shiftKey ? -1 : 1) || td;
    else if (ev.key === "ArrowDown") move = cellAt(td, 1, 0);
    else if (ev.key === "ArrowUp") move = cellAt(td, -1, 0);
    else if (ev.key === "ArrowRight" && caret.end) move = cellAt(td, 0, 1);
    else if (ev.key === "ArrowLeft" && caret.start) move = cellAt(td, 0, -1);
    else if (ev.key === "Escape") {
      if (original.has(td)) td.textContent = original.get(td);
      ev.preventDefault();
      return;
    } else return;
    ev.preventDefault();
    if (!move) return;
    td.dataset.moving = "1";
    commit(td, move).finally(() => { delete td.dataset.moving; });
    if (original.get(td) === td.textContent) focusCell(move);
  });

  document.addEventListener("paste", async (ev) => {
    const td = ev.target.closest && ev.target.closest("table.grid td[contenteditable]");
    if (!td) return;
    const text = (ev.clipboardData || window.clipboardData).getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return; // one value: the browser pastes it
    ev.preventDefault();
    const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
    let saved = 0;
    status("Pasting…");
    busy = true;
    try {
      for (let r = 0; r < lines.length; r++) {
        const values = lines[r].split("\t");
        for (let c = 0; c < values.length; c++) {
          const target = cellAt(td, r, c);
          if (!target || target.textContent === values[c]) continue;
          await save(target, values[c]);
          target.textContent = values[c];
          original.set(target, values[c]);
          saved++;
        }
      }
      status(`Pasted ${saved} cell(s).`);
    } catch (err) {
      status(`Paste stopped after ${saved} cell(s): ${err.message}`, true);
    }
    await refresh(td.id);
    await remember();
    busy = false;
  });

  // A day picker that shows its choice at once (no inline handlers: the page's CSP).
  document.addEventListener("change", (ev) => {
    if (ev.target.matches && ev.target.matches("select[data-autosubmit]")) ev.target.form.submit();
  });

  // A problem's link opens the folded table its cell is in, then focuses the cell.
  document.addEventListener("click", (ev) => {
    const link = ev.target.closest && ev.target.closest('#problems a[href^="#"], a.to-line');
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    const folded = target && target.closest("details");
    if (folded) folded.open = true;
    if (target && target.matches("td[contenteditable]")) setTimeout(() => focusCell(target), 0);
  });

  document.addEventListener("click", async (ev) => {
    if (!ev.target || ev.target.id !== "undo") return;
    try {
      const data = await post(`/api/productions/${ev.target.dataset.production}/undo`, {});
      status(data.undone ? "Undone." : "Nothing to undo.");
      await refreshAll(null);
      await remember();
    } catch (err) {
      status(`Not undone: ${err.message}`, true);
    }
  });
})();
