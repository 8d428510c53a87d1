// Loaded without defer in <head> so a chosen theme applies before the first paint (no flash of the other
// theme); an external file because the Content-Security-Policy allows no inline script. site.js adds the switch.
(function () {
  "use strict";
  try {
    var chosen = localStorage.getItem("kb-theme");
    if (chosen === "dark" || chosen === "light") document.documentElement.setAttribute("data-theme", chosen);
  } catch (e) { /* storage blocked: the system preference applies */ }
})();
