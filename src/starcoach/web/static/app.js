// starcoach: a little plain JavaScript on top of pages that work without it.
// Live feedback, per-field story checks, a practice timer, and keeping typed text safe in this browser.
"use strict";

(function () {
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  // Keep what the user typed in this browser, so a crash, a lost connection or an error page never
  // costs them their text. Restored only into an empty box, and never over what the server sent back.
  function keepText(box) {
    var key = "starcoach:" + box.getAttribute("data-keep");
    var s = store();
    if (!s) { return; }
    if (!box.value) {
      var saved = s.getItem(key);
      if (saved) {
        box.value = saved;
        box.setAttribute("data-restored", "");
        var note = document.getElementById(box.id + "-status") || document.getElementById("answer-status");
        if (note) { note.textContent = "Restored the text you typed here before."; }
      }
    }
    box.addEventListener("input", function () {
      try {
        if (box.value) { s.setItem(key, box.value); } else { s.removeItem(key); }
      } catch (e) { /* storage full or disabled: the text is still in the box */ }
    });
  }

  document.querySelectorAll("[data-keep]").forEach(keepText);
  // Text kept for earlier questions of a practice session is no longer needed once the page moved on.
  (function () {
    var s = store();
    if (!s) { return; }
    document.querySelectorAll("[data-keep-family]").forEach(function (box) {
      var family = "starcoach:" + box.getAttribute("data-keep-family");
      var mine = "starcoach:" + box.getAttribute("data-keep");
      for (var i = s.length - 1; i >= 0; i--) {
        var key = s.key(i);
        if (key && key.indexOf(family) === 0 && key !== mine) { s.removeItem(key); }
      }
    });
  })();
  document.querySelectorAll("[data-forget]").forEach(function (el) {
    var s = store();
    if (s) { s.removeItem("starcoach:" + el.getAttribute("data-forget")); }
  });

  // Live feedback on the Check page: post the form to the results endpoint as the user types.
  document.querySelectorAll("form[data-live-check]").forEach(function (form) {
    var results = document.querySelector(form.getAttribute("data-results"));
    var status = form.querySelector(".live-status");
    var toggle = form.querySelector("[data-live-toggle]");
    var answer = form.querySelector("textarea[name=answer]");
    var seq = 0;
    var controller = null;
    var restoring = false;

    function say(text, isError) {
      if (!status) { return; }
      status.textContent = text;
      status.classList.toggle("is-error", !!isError);
    }

    function run() {
      if (toggle && !toggle.checked) { return; }
      if (!answer.value.trim()) { return; }
      var mine = ++seq;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      say("Checking…");
      fetch("/check/results", {
        method: "POST",
        body: new FormData(form),
        headers: { "X-CSRF-Token": csrfToken },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.text().then(function (html) {
          if (mine !== seq) { return; }
          if (response.status >= 500 || response.status === 403) {
            say("Could not update the feedback just now; your text is safe. Keep typing, or press “Check my answer”.", true);
            return;
          }
          results.innerHTML = html;
          var done = restoring ? "Restored the text you typed here before, and checked it." : "Feedback updated.";
          restoring = false;
          say(response.ok ? done : "See the message beside your answer.", !response.ok);
          summarise();
        });
      }).catch(function (err) {
        if (err && err.name === "AbortError") { return; }
        if (mine === seq) { say("Offline or the server stopped; your text is safe in this page.", true); }
      });
    }

    // The bar under the form: how many findings of each kind, and a link down to them.
    var jump = form.querySelector("[data-jump-feedback]");
    var summary = form.querySelector("[data-live-summary]");
    function summarise() {
      if (!jump) { return; }
      var report = results.querySelector(".report");
      jump.hidden = !report && !results.querySelector("[data-error]");
      if (jump.parentNode) { jump.parentNode.classList.toggle("is-live", !jump.hidden); }
      if (!summary) { return; }
      var parts = [];
      ["error", "warning", "suggestion"].forEach(function (level) {
        var n = results.querySelectorAll(".finding.sev-" + level + ", [data-missing] li.sev-" + level).length;
        if (n) { parts.push(n + " " + level + (n === 1 ? "" : "s")); }
      });
      var overall = report ? report.getAttribute("data-overall") : "";
      if (overall) { parts.push("overall " + parseFloat(overall).toFixed(1) + " of 5"); }
      summary.textContent = parts.join(" · ");
    }
    summarise();

    var later = debounce(run, 600);
    form.addEventListener("input", function () { restoring = false; later(); });
    form.addEventListener("change", later);
    // Text put back from this browser's storage is checked at once, as if just typed.
    if (answer && answer.hasAttribute("data-restored") && answer.value.trim()) {
      restoring = true;
      run();
    }
  });

  // Tooltips on highlights: placed where they fit. Below the phrase by default, above it when there is
  // more room there, and moved left (never past the left edge) when they would run off the right.
  var TIP_MARGIN = 8;
  function placeTip(wrap) {
    var tip = wrap && wrap.querySelector(".tip");
    if (!tip) { return; }
    tip.style.left = "";
    tip.classList.remove("tip-above");
    var box = tip.getBoundingClientRect();
    if (!box.width) { return; }
    var viewWidth = document.documentElement.clientWidth;
    var shift = 0;
    if (box.right > viewWidth - TIP_MARGIN) { shift = box.right - (viewWidth - TIP_MARGIN); }
    if (box.left - shift < TIP_MARGIN) { shift = box.left - TIP_MARGIN; }
    if (shift) { tip.style.left = (-shift) + "px"; }
    var anchor = wrap.querySelector(".hl").getBoundingClientRect();
    var below = window.innerHeight - anchor.bottom;
    if (box.bottom > window.innerHeight - TIP_MARGIN && anchor.top > below) {
      tip.classList.add("tip-above");
    }
  }
  function tipWrapOf(node) {
    return node && node.closest ? node.closest(".hl-wrap") : null;
  }
  document.addEventListener("focusin", function (event) { placeTip(tipWrapOf(event.target)); });
  document.addEventListener("mouseover", function (event) {
    var wrap = tipWrapOf(event.target);
    if (wrap && !wrap.contains(event.relatedTarget)) { placeTip(wrap); }
  });

  // Tooltips on highlights: Escape hides the one in focus, as a tooltip should.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var el = document.activeElement;
    if (el && el.classList && el.classList.contains("hl")) {
      el.parentNode.classList.add("tip-hidden");
      el.addEventListener("blur", function () { el.parentNode.classList.remove("tip-hidden"); }, { once: true });
    }
  });

  // Story fields: check each field as its own STAR part while the user writes it.
  function renderFieldChecks(list, report) {
    list.textContent = "";
    var findings = (report && report.findings) || [];
    if (report && report.abstained) { return; }
    if (!findings.length) {
      var ok = document.createElement("li");
      ok.className = "ok";
      ok.textContent = "Nothing to flag in this field.";
      list.appendChild(ok);
      return;
    }
    findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "sev-" + f.severity;
      li.setAttribute("data-rule", f.rule_id);
      var label = document.createElement("span");
      label.className = "sev-label";
      label.textContent = f.severity;
      var msg = document.createElement("strong");
      msg.textContent = " " + f.message;
      li.appendChild(label);
      li.appendChild(msg);
      if (f.span && f.span.text) {
        li.appendChild(document.createTextNode(" "));
        var q = document.createElement("q");
        q.textContent = f.span.text;
        li.appendChild(q);
      }
      var advice = document.createElement("span");
      advice.className = "advice";
      advice.textContent = " " + f.advice;
      li.appendChild(advice);
      list.appendChild(li);
    });
  }

  function wireFieldCheck(box) {
    var list = document.getElementById(box.getAttribute("data-checks"));
    if (!list) { return; }
    var seq = 0;
    var run = debounce(function () {
      var text = box.value.trim();
      if (!text) { list.textContent = ""; return; }
      var mine = ++seq;
      var body = { text: box.value, part: box.getAttribute("data-part") || null, question: box.getAttribute("data-question") || null };
      fetch("/api/check/fragment", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin"
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (report) { if (mine === seq && report) { renderFieldChecks(list, report); } })
        .catch(function () { /* the checks are a help; the text in the box is what matters */ });
    }, 700);
    box.addEventListener("input", run);
  }

  document.querySelectorAll("[data-field-check]").forEach(wireFieldCheck);

  // Story form: add another action or result row from its template.
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-add-row");
      var list = document.getElementById(name + "-rows");
      var template = document.getElementById(name + "-template");
      if (!list || !template) { return; }
      var index = list.querySelectorAll(".row-item").length;
      var html = template.innerHTML.replace(/__i__/g, String(index)).replace(/__n__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      list.appendChild(row);
      row.querySelectorAll("[data-field-check]").forEach(wireFieldCheck);
      var first = row.querySelector("textarea, input");
      if (first) { first.focus(); }
    });
  });

  // Practice: an optional timer that shows the time taken and warns past the limit.
  document.querySelectorAll("[data-timer]").forEach(function (el) {
    var limit = parseInt(el.getAttribute("data-limit") || "0", 10);
    var field = document.getElementById(el.getAttribute("data-field"));
    var start = Date.now();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
      var secs = Math.floor((Date.now() - start) / 1000);
      el.textContent = Math.floor(secs / 60) + ":" + pad(secs % 60) + (limit ? " of " + Math.floor(limit / 60) + ":" + pad(limit % 60) : "");
      el.classList.toggle("over", limit > 0 && secs > limit);
      if (field) { field.value = String(secs); }
    }
    tick();
    setInterval(tick, 1000);
  });

  // The optional timer on a practice question: shown when the user asks for it.
  document.querySelectorAll("[data-timer-toggle]").forEach(function (box) {
    var timer = document.querySelector("[data-timer][data-optional]");
    if (!timer) { return; }
    box.addEventListener("change", function () { timer.hidden = !box.checked; });
  });

  // A button that ends something asks first (the form's other buttons do not).
  document.querySelectorAll("[data-confirm-click]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm-click"))) { event.preventDefault(); }
    });
  });

  // Forms that destroy something ask first.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // A form is sent once: a second click while the first is on its way does nothing.
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      if (form.getAttribute("data-sending")) { event.preventDefault(); return; }
      form.setAttribute("data-sending", "1");
      setTimeout(function () { form.removeAttribute("data-sending"); }, 4000);
    });
  });
})();
