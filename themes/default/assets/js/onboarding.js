// Reading-path progress, remembered in this browser (localStorage). Progressive enhancement only: without
// JavaScript, or without storage, the page is the complete list and the checkboxes stay hidden.
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "kb-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("[data-onboarding]");
    var store = storage();
    if (!list || !store) return;
    // One key per site and path, so two knowledge bases on one host keep separate progress.
    var key = "kb-onboarding:" + location.pathname;
    var boxes = Array.prototype.slice.call(list.querySelectorAll("[data-onboarding-check]"));
    var progress = document.querySelector("[data-onboarding-progress]");
    var reset = document.querySelector("[data-onboarding-reset]");

    function load() {
      try {
        var value = JSON.parse(store.getItem(key) || "[]");
        return Array.isArray(value) ? value : [];
      } catch (e) {
        return [];
      }
    }

    function save(ids) {
      try { store.setItem(key, JSON.stringify(ids)); } catch (e) { /* full or blocked: progress is not kept */ }
    }

    function render() {
      var done = 0;
      boxes.forEach(function (box) {
        var step = box.closest("li");
        if (step) step.classList.toggle("is-read", box.checked);
        if (box.checked) done++;
      });
      if (progress) {
        progress.textContent = (progress.getAttribute("data-template") || "{done} / {total}")
          .replace("{done}", String(done)).replace("{total}", String(boxes.length));
      }
    }

    var read = load();
    boxes.forEach(function (box) {
      box.checked = read.indexOf(box.getAttribute("data-onboarding-check")) >= 0;
      box.closest("label").hidden = false;
      box.addEventListener("change", function () {
        save(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-onboarding-check"); }));
        render();
      });
    });
    if (progress) progress.hidden = false;
    if (reset) {
      reset.hidden = false;
      reset.addEventListener("click", function () {
        boxes.forEach(function (b) { b.checked = false; });
        save([]);
        render();
      });
    }
    render();
  });
})();
