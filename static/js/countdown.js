// Live countdown for timed quiz attempts: shows the minutes and seconds left, warns screen reader
// users at 5 and 1 minute, and when time is up submits the answers on the page to "finish".
(function () {
  "use strict";
  var box = document.querySelector("[data-countdown]");
  if (!box) return;
  var left = box.querySelector("[data-countdown-left]");
  var alert = document.querySelector("[data-countdown-alert]");
  // The server's count of seconds, not its clock time: the student's clock may be wrong.
  var end = Date.now() + Number(box.dataset.secondsLeft) * 1000;
  // Sent this early, the answers reach the server before the deadline it enforces.
  var MARGIN = 2;
  var submitted = false;

  function format(seconds) {
    var minutes = Math.floor(seconds / 60), rest = seconds % 60;
    if (minutes === 0) return rest + " s";
    return minutes + " min " + (rest < 10 ? "0" : "") + rest + " s";
  }

  function submit() {
    if (submitted) return;
    submitted = true;
    // The question on screen is answered by its own form (one-at-a-time pages) or by the
    // all-at-once form; either carries the answers, so it goes to "finish" as it is.
    var form = document.querySelector("[data-answer-form]") || document.querySelector("[data-finish-form]");
    if (!form) return;
    form.action = box.dataset.finishUrl;
    form.submit();
  }

  var shown = null;
  function tick() {
    var seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    if (seconds === shown) return;
    shown = seconds;
    left.textContent = format(seconds);
    if (seconds === 300 || seconds === 60) alert.textContent = format(seconds) + " left.";
    if (seconds <= MARGIN) {
      clearInterval(timer);
      alert.textContent = "Time is up: submitting your answers.";
      submit();
    }
  }

  var timer = setInterval(tick, 250);
  tick();
})();
