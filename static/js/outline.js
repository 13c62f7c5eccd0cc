// The outline editor replaces the whole lesson tree after each change. Put the focus back on the
// same control of the same lesson (its title when that control no longer applies, e.g. "Move up"
// on a lesson now first), so keyboard users keep their place.
(function () {
  "use strict";
  var key = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    key = active && active.closest("#lesson-tree") ? active.dataset.focusKey || null : null;
  });
  // htmx:load fires on the new tree once it is in the page (the old one, which sent the
  // request, is detached by then, so its own events no longer reach the document).
  document.addEventListener("htmx:load", function () {
    if (!key) return;
    var again = document.querySelector('[data-focus-key="' + key + '"]');
    if (!again || again.disabled) {
      again = document.querySelector('[data-focus-key="' + key.split(":")[0] + ':rename"]');
    }
    key = null;
    if (again) {
      again.focus();
      again.scrollIntoView({block: "nearest"});
    }
  });
})();
