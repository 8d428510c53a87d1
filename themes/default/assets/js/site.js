// Progressive enhancement only: every page is complete without this script.
(function () {
  "use strict";

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value") || cell.textContent.trim();
    if (kind === "number") return parseFloat(raw) || 0;
    return raw.toLocaleLowerCase();
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { if (h.hasAttribute("data-sort")) h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function makeFilterable(table) {
    var tools = document.querySelector("[data-table-tools]");
    if (!tools) return;
    var input = tools.querySelector("[data-table-filter]");
    var counter = tools.querySelector("[data-table-count]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    tools.hidden = false;
    function apply() {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = (row.getAttribute("data-search-text") || row.textContent).toLocaleLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      counter.textContent = shown + " / " + rows.length;
    }
    input.addEventListener("input", apply);
    var q = new URLSearchParams(location.search).get("filter");
    if (q) input.value = q;
    apply();
  }

  // Light/dark switch: follows the system until the reader chooses; the choice is kept for every page (theme.js).
  function setUpThemeToggle() {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    var root = document.documentElement;
    var systemDark = window.matchMedia("(prefers-color-scheme: dark)");
    function isDark() {
      var chosen = root.getAttribute("data-theme");
      return chosen ? chosen === "dark" : systemDark.matches;
    }
    function show() { button.setAttribute("aria-pressed", isDark() ? "true" : "false"); }
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("kb-theme", next); } catch (e) { /* not kept, still applied */ }
      show();
    });
    if (systemDark.addEventListener) systemDark.addEventListener("change", show);
  }

  // Heading anchors: a click copies the section's address (the link still works as a plain link).
  function setUpHeadingAnchors() {
    var status = document.querySelector("[data-copy-status]");
    var body = document.querySelector(".pm-body");
    Array.prototype.forEach.call(document.querySelectorAll("[data-heading-anchor]"), function (a) {
      a.addEventListener("click", function () {
        if (!navigator.clipboard || !window.isSecureContext) return;
        navigator.clipboard.writeText(a.href).then(function () {
          if (status && body) status.textContent = body.getAttribute("data-copied") || "";
        }, function () { /* no permission: the address bar has the link */ });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpThemeToggle();
    setUpHeadingAnchors();
    var tables = document.querySelectorAll("[data-incident-table]");
    Array.prototype.forEach.call(tables, makeSortable);
    if (document.body.getAttribute("data-template") === "incidents" && tables.length) makeFilterable(tables[0]);
  });
})();
