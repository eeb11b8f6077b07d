// starcoach: record an answer with the browser's MediaRecorder (or pick a file), post it to
// /speech/check, and show the transcript, delivery and content panel. Works offline.
"use strict";

(function () {
  var box = document.querySelector("[data-recorder]");
  if (!box) { return; }
  var button = box.querySelector("[data-record]");
  var fileInput = box.querySelector("[data-audio-file]");
  var status = box.querySelector("[data-record-status]");
  var results = document.getElementById("speech-results");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";
  var recorder = null;
  var chunks = [];
  var stream = null;

  function say(text) { status.textContent = text; }

  function field(name) {
    var el = document.querySelector('[name="' + name + '"]');
    return el ? el.value : "";
  }

  function send(blob, name) {
    var form = new FormData();
    form.append("audio", blob, name);
    form.append("question", field("question"));
    form.append("question_text", field("question_text"));
    form.append("role", field("role"));
    form.append("csrf_token", csrf);
    var started = Date.now();
    // Transcription takes about a tenth of the recording's length; count the seconds meanwhile.
    say("Transcribing on this computer…");
    var ticker = setInterval(function () {
      say("Transcribing on this computer… " + Math.round((Date.now() - started) / 1000) + " s");
    }, 1000);
    fetch("/speech/check", { method: "POST", body: form, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" })
      .then(function (r) { return r.text().then(function (html) { return [r.ok, html]; }); })
      .then(function (res) {
        clearInterval(ticker);
        results.innerHTML = res[1];
        say(res[0] ? "Feedback ready in " + ((Date.now() - started) / 1000).toFixed(1) + " s." : "That did not work; see the message below.");
        var target = box.getAttribute("data-fill");
        var text = results.querySelector("[data-analyzed-text]");
        if (res[0] && target && text) {
          var answer = document.getElementById(target);
          if (answer) { answer.value = text.textContent; answer.dispatchEvent(new Event("input")); }
          var holder = document.getElementById("delivery");
          var doc = results.querySelector("[data-delivery-json]");
          if (holder && doc) { holder.value = doc.textContent; }
        }
      })
      .catch(function () { clearInterval(ticker); say("The server could not be reached."); });
  }

  function stop() {
    if (recorder && recorder.state !== "inactive") { recorder.stop(); }
  }

  button.addEventListener("click", function () {
    if (recorder && recorder.state === "recording") { stop(); return; }
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      say("This browser cannot record here; choose an audio file instead.");
      return;
    }
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
      stream = s;
      chunks = [];
      var options = { audioBitsPerSecond: 32000 };
      recorder = new MediaRecorder(stream, options);
      recorder.ondataavailable = function (e) { if (e.data && e.data.size) { chunks.push(e.data); } };
      recorder.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        button.textContent = "Record";
        button.setAttribute("aria-pressed", "false");
        var type = recorder.mimeType || "audio/webm";
        var ext = type.indexOf("ogg") >= 0 ? ".ogg" : type.indexOf("mp4") >= 0 ? ".m4a" : ".webm";
        send(new Blob(chunks, { type: type }), "answer" + ext);
      };
      recorder.start(1000);
      button.textContent = "Stop";
      button.setAttribute("aria-pressed", "true");
      say("Recording… press Stop when you have finished.");
    }).catch(function () {
      say("No microphone could be opened; allow access, or choose an audio file instead.");
    });
  });

  fileInput.addEventListener("change", function () {
    if (fileInput.files && fileInput.files[0]) { send(fileInput.files[0], fileInput.files[0].name); }
  });
})();
