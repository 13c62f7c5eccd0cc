// Keyboard shortcuts for review sessions: 1-4 pick a choice or rate, Space/Enter reveal or continue.
// Works on whatever htmx has swapped in, because it looks the controls up on every key press.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && !["radio", "checkbox"].includes(target.type)));
  }

  function click(element) {
    if (element) { element.click(); return true; }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var pane = document.getElementById("review-pane");
    if (!pane) return;
    var key = event.key;
    if (/^[1-9]$/.test(key) && !typing(event.target)) {
      var rate = pane.querySelector("[data-review-rate] [data-key='" + key + "']");
      var choice = pane.querySelector("[data-review-question] [data-key='" + key + "']");
      if (click(rate || choice)) event.preventDefault();
      return;
    }
    if (key === " " || key === "Enter") {
      var target = event.target;
      // Space types in text boxes and ticks a focused checkbox; a focused button presses itself.
      // A clicked radio choice keeps the focus, and Space on it would do nothing: it reveals.
      if (key === " " && target && (typing(target) || target.type === "checkbox")) return;
      if (target && (target.tagName === "BUTTON" || target.tagName === "SELECT" ||
          target.tagName === "A")) return;
      var next = pane.querySelector("[data-review-continue]") || pane.querySelector("[data-review-submit]");
      if (click(next)) event.preventDefault();
    }
  });

  // The key help is in the page but hidden: it only holds where this script runs.
  function showKeyHelp() {
    document.querySelectorAll("[data-key-help]").forEach(function (help) { help.hidden = false; });
  }
  showKeyHelp();

  // Put the keyboard where the student will type next after each swap.
  document.addEventListener("htmx:afterSwap", function () {
    showKeyHelp();
    var pane = document.getElementById("review-pane");
    var focus = pane && pane.querySelector("[autofocus], input[type=text], [data-review-continue]");
    if (focus) focus.focus();
  });
})();
