// The quiz composer: shows only the section the selection asks for (hand-picked or random), and
// lets instructors search and filter a long question bank and select a whole lesson at once.
// Without JavaScript both sections and every question show, and the form works the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-composer]");
  if (!form) return;

  // Hand-picked or random: only the chosen section's fields are shown.
  var radios = form.querySelectorAll("input[name=selection]");
  function showSection() {
    var chosen = form.querySelector("input[name=selection]:checked");
    form.querySelectorAll("[data-section]").forEach(function (section) {
      section.hidden = chosen !== null && section.dataset.section !== chosen.value;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", showSection); });
  showSection();

  var filters = form.querySelector("[data-composer-filters]");
  if (!filters) return;
  var search = filters.querySelector("[data-filter=search]");
  var type = filters.querySelector("[data-filter=type]");
  var status = filters.querySelector("[data-filter=status]");
  var count = filters.querySelector("[data-composer-count]");
  var groups = form.querySelectorAll("[data-lesson-group]");

  function box(item) { return item.querySelector("input[type=checkbox]"); }

  function refresh() {
    var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, picked = 0;
    groups.forEach(function (group) {
      var visible = 0, groupPicked = 0;
      group.querySelectorAll("[data-question]").forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var checked = box(item).checked;
        var match = words.every(function (word) { return text.indexOf(word) !== -1; }) &&
          (!type.value || item.dataset.type === type.value) &&
          (!status.value || (status.value === "picked" ? checked : item.dataset.status === status.value));
        item.hidden = !match;
        if (match) visible += 1;
        if (checked) groupPicked += 1;
      });
      group.hidden = visible === 0;
      if (words.length && visible) group.open = true;
      group.querySelector("[data-group-count]").textContent =
        groupPicked + " of " + group.querySelectorAll("[data-question]").length + " picked";
      shown += visible;
      picked += groupPicked;
    });
    count.textContent = shown + " question" + (shown === 1 ? "" : "s") + " shown, " + picked + " picked.";
  }

  // Select all (of those shown) in one lesson; pressed again when all are ticked, it clears them.
  groups.forEach(function (group) {
    var button = group.querySelector("[data-select-all]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var boxes = Array.prototype.filter.call(
        group.querySelectorAll("[data-question]"), function (item) { return !item.hidden; }
      ).map(box);
      var all = boxes.every(function (b) { return b.checked; });
      boxes.forEach(function (b) { b.checked = !all; });
      refresh();
    });
  });

  filters.hidden = false;
  [search, type, status].forEach(function (control) {
    control.addEventListener("input", refresh);
    control.addEventListener("change", refresh);
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") refresh();
  });
  refresh();
})();
