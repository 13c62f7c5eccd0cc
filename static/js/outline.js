// The outline editor replaces the whole lesson tree after each change. Put the focus back on the
// same control of the same lesson (its title when that control no longer applies, e.g. "Move up"
// on a lesson now first), so keyboard users keep their place.
(function () {
  "use strict";
  var pending = null; // the focused control's key when a change is sent
  var restore = null; // the key to focus in the tree that is being swapped in
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    pending = active && active.closest("#lesson-tree") ? active.dataset.focusKey || null : null;
  });
  // Fired on the old tree while it is still in the page: this response's tree is the one to
  // focus in, whatever an earlier change's tree does later.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target.id !== "lesson-tree" || !event.detail.shouldSwap) return;
    restore = pending;
    pending = null;
  });
  // htmx:load fires on the new tree once it is in the page (the old one is detached by then,
  // so its own events no longer reach the document).
  document.addEventListener("htmx:load", function (event) {
    var tree = event.target;
    if (!restore || tree.id !== "lesson-tree") return;
    var again = tree.querySelector('[data-focus-key="' + restore + '"]');
    if (!again || again.disabled) {
      again = tree.querySelector('[data-focus-key="' + restore.split(":")[0] + ':rename"]');
    }
    restore = null;
    if (again) {
      again.focus();
      again.scrollIntoView({block: "nearest"});
    }
  });
})();
