/* Apply the reader's saved preferences before the page is drawn, so it never flashes. */
(function () {
  try {
    var saved = JSON.parse(window.localStorage.getItem("coursebuilder:preferences") || "{}");
    var root = document.documentElement;
    ["size", "spacing", "font", "scheme", "motion"].forEach(function (name) {
      if (typeof saved[name] === "string") root.setAttribute("data-" + name, saved[name]);
    });
  } catch (error) { /* storage unavailable: standard settings */ }
})();
