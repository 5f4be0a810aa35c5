/* Apply the reader's saved preferences before the page is drawn, so it never flashes.
 * Kept where learning.js keeps them: under the learner in a SCORM package, for this window only
 * on a shared computer. */
(function () {
  try {
    var scope = "", unnamed = false;
    try {
      var lms = window.parent !== window && window.parent.coursebuilderLMS;
      if (lms) { scope = ":learner-" + (lms.learner || "unknown"); unnamed = !lms.learner; }
    } catch (error) { /* a parent from another origin: no LMS */ }
    var shared = unnamed || window.sessionStorage.getItem("coursebuilder:shared" + scope) === "1";
    var area = shared ? window.sessionStorage : window.localStorage;
    var saved = JSON.parse(area.getItem("coursebuilder:preferences" + scope) || "{}");
    var root = document.documentElement;
    ["size", "spacing", "font", "scheme", "motion"].forEach(function (name) {
      if (typeof saved[name] === "string") root.setAttribute("data-" + name, saved[name]);
    });
  } catch (error) { /* storage unavailable: standard settings */ }
})();
