// Live interview notes: save a few seconds after typing stops, keep a copy in localStorage until the
// server has it, restore that copy after a closed tab, and show what the analyzer makes of the notes.
(function () {
  "use strict";
  const root = document.getElementById("notes");
  if (!root || root.dataset.submitted === "true") return;
  const id = root.dataset.interview;
  const status = document.getElementById("save-status");
  const boxes = Array.from(root.querySelectorAll("textarea.note"));
  const key = (q) => "starcoach-notes:" + id + ":" + q;
  const dirty = new Set();
  const DEBOUNCE_MS = 1500;
  const INTERVAL_MS = 5000;
  let timer = null;
  let saving = false;

  function say(text) { status.textContent = text; }

  function store(box) {
    try { localStorage.setItem(key(box.dataset.question), box.value); } catch (e) { /* private mode: server save only */ }
  }

  function forget(q, value) {
    try { if (localStorage.getItem(key(q)) === value) localStorage.removeItem(key(q)); } catch (e) { /* ignore */ }
  }

  function render(analysis) {
    for (const block of root.querySelectorAll(".note-block")) {
      const a = analysis[block.dataset.question];
      if (!a) continue;
      const marks = block.querySelector(".marks");
      marks.replaceChildren();
      for (const m of a.marks) {
        const li = document.createElement("li");
        li.className = "mark " + (m.found ? "found" : "missing");
        li.dataset.mark = m.id;
        li.textContent = (m.found ? "✓ " : "○ ") + m.label + (m.quote ? ": “" + m.quote + "”" : "") + (m.note ? " (" + m.note + ")" : "");
        marks.appendChild(li);
      }
      const list = block.querySelector(".suggestions");
      list.replaceChildren();
      for (const s of a.suggestions) {
        const li = document.createElement("li");
        li.textContent = s.question + " ";
        const why = document.createElement("span");
        why.className = "meta";
        why.textContent = s.reason;
        li.appendChild(why);
        list.appendChild(li);
      }
    }
  }

  async function save(keepalive) {
    if (saving || dirty.size === 0) return;
    saving = true;
    const notes = {};
    for (const q of dirty) notes[q] = root.querySelector('textarea[data-question="' + q + '"]').value;
    dirty.clear();
    say("Saving…");
    try {
      const response = await fetch("/api/interviews/" + encodeURIComponent(id) + "/notes", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ notes: notes }),
        keepalive: !!keepalive,
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : "the server refused the notes (" + response.status + ")");
      for (const q in notes) forget(q, notes[q]);
      if (body.analysis) render(body.analysis);
      say("Saved at " + new Date().toLocaleTimeString() + ".");
    } catch (error) {
      for (const q in notes) dirty.add(q);
      say("Not saved yet (" + error.message + "); your notes are kept in this browser and saving will retry.");
    } finally {
      saving = false;
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, DEBOUNCE_MS);
  }

  for (const box of boxes) {
    let kept = null;
    try { kept = localStorage.getItem(key(box.dataset.question)); } catch (e) { kept = null; }
    if (kept !== null && kept !== box.value) {
      box.value = kept;
      dirty.add(box.dataset.question);
      say("Restored notes this browser kept from before; saving them now.");
    } else if (kept !== null) {
      forget(box.dataset.question, kept);
    }
    box.addEventListener("input", () => { store(box); dirty.add(box.dataset.question); say("Unsaved changes…"); schedule(); });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); save(); }
    });
  }
  if (dirty.size) save();
  setInterval(save, INTERVAL_MS);
  window.addEventListener("pagehide", () => save(true));
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save(true); });
})();
