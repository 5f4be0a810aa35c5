/* coursebuilder SCORM runtime, loaded by the package's launch page (scorm.html).
 *
 * It finds the LMS (the `API` object for SCORM 1.2, `API_1484_11` for SCORM 2004), hosts the
 * module's pages in a frame and offers them `window.coursebuilderLMS`. learning.js, in each page,
 * restores the learner's progress from it and records every change: pages visited and knowledge
 * check answers. This script turns that into the bookmark, completion, score, pass or fail,
 * progress per section and session time, and keeps it compact in suspend_data. Reflections are
 * never given to it and never reach the LMS. Without an LMS the pages work as they do on their
 * own, keeping progress in the browser.
 *
 * Real platforms misbehave, so:
 * - every call to the LMS is guarded: a missing or failing call is logged once and the module
 *   goes on working;
 * - the exit value and the session time go with every commit, so the LMS has them whatever ends
 *   the session first (some platforms call Terminate themselves when the page unloads, before
 *   this frame hears of it);
 * - each commit sends only what changed, the statuses last: a platform that stores each value
 *   with its own request, in any order, still ends with the final state;
 * - the pages keep what they store in this browser under the learner the LMS names
 *   (`learner`, a one-way hash of cmi.core.student_id / cmi.learner_id), so on a shared computer
 *   nobody sees another learner's notes. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("coursebuilder-scorm").textContent);
  var frame = document.getElementById("module-frame");
  var questions = [];
  var optionCount = {}; // question id → how many answers it offers (their values are "1" to that number)
  config.sections.forEach(function (section) {
    questions = questions.concat(section.questions);
    section.questions.forEach(function (id, n) { optionCount[id] = (section.options || [])[n] || 0; });
  });

  /* ---- The two editions ------------------------------------------------------------------- */

  function decimal(value, places) {
    var factor = Math.pow(10, places);
    return Math.round(value * factor) / factor;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  var EDITIONS = {
    "1.2": {
      api: "API",
      calls: { initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
               terminate: "LMSFinish", error: "LMSGetLastError" },
      location: "cmi.core.lesson_location",
      passing: function () {
        var value = get("cmi.student_data.mastery_score");
        return value === "" || isNaN(Number(value)) ? null : Number(value) / 100;
      },
      completed: function () { return ["completed", "passed", "failed"].indexOf(get("cmi.core.lesson_status")) >= 0; },
      values: function (p) {
        // One status holds both: completion, then passed or failed once there is a score and a pass mark.
        var status = !p.complete ? "incomplete" : p.passed === null ? "completed" : p.passed ? "passed" : "failed";
        var values = [];
        if (p.score !== null) {
          values.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
                      ["cmi.core.score.raw", String(decimal(p.score * 100, 2))]);
        }
        p.sections.forEach(function (s) {
          var at = "cmi.objectives." + s.index + ".";
          values.push([at + "id", s.objective], [at + "status", s.complete ? "completed" : "incomplete"]);
          if (s.score !== null) {
            values.push([at + "score.min", "0"], [at + "score.max", "100"],
                        [at + "score.raw", String(decimal(s.score * 100, 2))]);
          }
        });
        return { values: values, statuses: [["cmi.core.lesson_status", status]] };
      },
      learner: "cmi.core.student_id",
      exit: ["cmi.core.exit", "suspend"],
      sessionTime: function (ms) { // HHHH:MM:SS.SS
        var centiseconds = Math.round(ms / 10);
        var hours = Math.min(Math.floor(centiseconds / 360000), 9999);
        var seconds = (centiseconds % 6000) / 100;
        return ["cmi.core.session_time", pad(hours) + ":" + pad(Math.floor(centiseconds / 6000) % 60) + ":" +
                                         (seconds < 10 ? "0" : "") + seconds.toFixed(2)];
      },
    },
    "2004": {
      api: "API_1484_11",
      calls: { initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
               terminate: "Terminate", error: "GetLastError" },
      location: "cmi.location",
      passing: function () {
        var value = get("cmi.scaled_passing_score");
        return value === "" || isNaN(Number(value)) ? null : Number(value);
      },
      completed: function () { return get("cmi.completion_status") === "completed"; },
      values: function (p) {
        var values = [["cmi.progress_measure", String(p.complete ? 1 : decimal(p.progress, 4))]];
        if (p.score !== null) {
          values.push(["cmi.score.min", "0"], ["cmi.score.max", "100"],
                      ["cmi.score.raw", String(decimal(p.score * 100, 2))], ["cmi.score.scaled", String(p.score)]);
        }
        p.sections.forEach(function (s) {
          var at = "cmi.objectives." + s.index + ".";
          values.push([at + "id", s.objective], [at + "completion_status", s.complete ? "completed" : "incomplete"]);
          if (s.score !== null) values.push([at + "score.scaled", String(s.score)]);
        });
        return { values: values, statuses: [
          ["cmi.completion_status", p.complete ? "completed" : "incomplete"],
          ["cmi.success_status", p.passed === null ? "unknown" : p.passed ? "passed" : "failed"]] };
      },
      learner: "cmi.learner_id",
      exit: ["cmi.exit", "suspend"],
      sessionTime: function (ms) { return ["cmi.session_time", "PT" + decimal(ms / 1000, 2) + "S"]; },
    },
  };
  var edition = EDITIONS[config.edition];

  /* ---- Finding the LMS, as the SCORM run-time specifications describe ---------------------- */

  function search(win, name) {
    // Up through the parent frames. A frame from another site cannot be read: look past it.
    for (var hops = 0; win && hops < 500; hops++) {
      try { if (win[name]) return win[name]; } catch (error) { /* another site's frame */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    var api = search(window, edition.api);
    try {
      if (!api && window.opener) api = search(window.opener, edition.api);
      if (!api && window.top.opener) api = search(window.top.opener, edition.api);
    } catch (error) { /* an opener from another site */ }
    return api;
  }

  /* ---- Talking to the LMS ----------------------------------------------------------------- */

  var api = findAPI();
  var connected = false;
  var finished = false;
  var written = {}; // element → the value last set, so unchanged values are not sent again
  var state = { visited: [], answers: {}, last: null };
  var started = Date.now();
  var passing = null; // pass mark, 0 to 1; null when there is none
  var completedBefore = false;
  var warned = {};

  // Said once for each kind of problem: a platform that refuses something usually refuses it every time.
  function warnOnce(what, text) {
    if (warned[what]) return;
    warned[what] = true;
    try { if (window.console && console.warn) console.warn("coursebuilder: " + text); } catch (error) { /* none */ }
  }

  // A call to the LMS that never throws: null when the LMS lacks the call or the call fails.
  function call(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    var method = edition.calls[name];
    if (!args.length && name !== "error") args = [""]; // Initialize(""), Commit(""), Terminate("")
    if (!api || typeof api[method] !== "function") {
      warnOnce("missing " + method, "the learning platform has no " + method + "; the module carries on without it");
      return null;
    }
    try {
      return api[method].apply(api, args);
    } catch (error) {
      warnOnce("failed " + method, method + " failed (" + error + "); the module carries on");
      return null;
    }
  }

  function lastError() {
    var code = call("error");
    return code === null || code === undefined ? "unknown" : String(code);
  }

  function get(element) {
    var value = call("get", element);
    return value === null || value === undefined ? "" : String(value);
  }

  function set(element, value) {
    if (written[element] === value) return false;
    if (String(call("set", element, value)) !== "true") {
      warnOnce("refused " + element, "the learning platform refused " + element + ", error " + lastError());
      return false;
    }
    written[element] = value;
    return true;
  }

  function commit() {
    var result = call("commit");
    if (result !== null && String(result) !== "true") warnOnce("commit", "the learning platform did not save, error " + lastError());
  }

  /* ---- Who the learner is, for what the pages keep in this browser --------------------------
   * A one-way hash of the LMS's learner id: the pages keep a learner's notes under it, and the id
   * itself is never written to the browser's storage. */

  function hash(text) { // cyrb53: 53 bits, enough to tell the learners of one computer apart
    var h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  }

  /* ---- Compact progress for suspend_data ----------------------------------------------------
   * "1.<structure>|<visited page numbers>|<answers>": an answer is "<question number>:<r or w>:
   * <options chosen, joined by +>:<tries>". The bundled module needs fewer than 100 characters.
   * <structure> is a hash of the page and question names: numbers saved by a version of the module
   * with other pages or questions (a package updated in the LMS) must not be read as this one's. */

  var FORMAT = (function () {
    var text = config.pages.concat(questions).join(" ");
    var hash = 5381;
    for (var i = 0; i < text.length; i++) hash = (hash * 33 + text.charCodeAt(i)) >>> 0;
    return "1." + hash.toString(36);
  }());

  function encode(current) {
    var visited = current.visited.map(function (file) { return config.pages.indexOf(file); });
    var full = [], short = [];
    questions.forEach(function (id, number) {
      var answer = current.answers[id];
      if (!answer) return;
      var mark = number + ":" + (answer.correct ? "r" : "w");
      short.push(mark);
      full.push(answer.chosen ? mark + ":" + answer.chosen.join("+") + ":" + answer.tries : mark);
    });
    function text(answers) { return FORMAT + "|" + visited.join(",") + "|" + answers.join(","); }
    // Too long for the LMS: keep which questions were right and drop the choices, then answers.
    if (text(full).length <= config.suspendLimit) return text(full);
    while (text(short).length > config.suspendLimit) short.pop();
    return text(short);
  }

  function decode(text) {
    var result = { visited: [], answers: {}, last: null };
    var parts = text.split("|");
    if (parts[0] !== FORMAT || parts.length !== 3) return result;
    parts[1].split(",").forEach(function (number) {
      var file = config.pages[Number(number)];
      if (number !== "" && file && result.visited.indexOf(file) < 0) result.visited.push(file);
    });
    parts[2].split(",").forEach(function (token) {
      var fields = token.split(":");
      var id = questions[Number(fields[0])];
      if (fields[0] === "" || !id) return;
      var answer = { correct: fields[1] === "r", tries: Number(fields[3]) || 1 };
      if (fields[2]) answer.chosen = fields[2].split("+"); // without it the page shows no choice
      result.answers[id] = answer;
    });
    return result;
  }

  // Only what the LMS is meant to have: known pages and questions. Anything else is dropped.
  function clean(update) {
    var result = { visited: [], answers: {}, last: null };
    (update.visited || []).forEach(function (file) {
      if (config.pages.indexOf(file) >= 0 && result.visited.indexOf(file) < 0) result.visited.push(String(file));
    });
    questions.forEach(function (id) {
      var answer = update.answers && update.answers[id];
      if (!answer) return;
      var chosen = (answer.chosen || []).map(String).filter(function (value, n, list) {
        // Only the question's own answers, each once: what the build measured as the longest (scorm.py).
        return /^[1-9]\d{0,2}$/.test(value) && Number(value) <= optionCount[id] && list.indexOf(value) === n;
      });
      var tries = Math.min(Math.max(Number(answer.tries) || 1, 1), 999);
      result.answers[id] = { correct: answer.correct === true, tries: tries };
      if (chosen.length) result.answers[id].chosen = chosen;
    });
    if (config.pages.indexOf(update.last) >= 0) result.last = update.last;
    return result;
  }

  /* ---- Progress: completion, score, sections ------------------------------------------------ */

  var objectiveIndex = {};
  var objectiveCount = -1; // -1: the LMS keeps no objectives

  function findObjectives() {
    var text = get("cmi.objectives._count");
    var count = Number(text);
    if (text === "" || isNaN(count)) return;
    for (var n = 0; n < count; n++) objectiveIndex[get("cmi.objectives." + n + ".id")] = n;
    objectiveCount = count;
  }

  function indexFor(objective) {
    if (!(objective in objectiveIndex)) objectiveIndex[objective] = objectiveCount++;
    return objectiveIndex[objective];
  }

  function scoreOf(ids) {
    // A score once every question is answered; learners may try again as often as they like.
    if (!ids.length || ids.some(function (id) { return !state.answers[id]; })) return null;
    var right = ids.filter(function (id) { return state.answers[id].correct; }).length;
    return decimal(right / ids.length, 4);
  }

  function progress() {
    var done = 0, total = 0;
    var sections = [];
    config.sections.forEach(function (section) {
      var visited = state.visited.indexOf(section.page) >= 0;
      var answered = section.questions.filter(function (id) { return state.answers[id]; }).length;
      done += (visited ? 1 : 0) + answered;
      total += 1 + section.questions.length;
      if (objectiveCount >= 0 && (visited || answered)) {
        sections.push({ index: indexFor(section.objective), objective: section.objective,
                        complete: visited && answered === section.questions.length,
                        score: scoreOf(section.questions) });
      }
    });
    var score = scoreOf(questions);
    var complete = completedBefore || done === total;
    // For Moodle and Totara (config.scoreWhenComplete): no score before the module is complete, or the
    // platform would decide passed or failed from it while the learner is still working through.
    if (config.scoreWhenComplete && !complete) score = null;
    return { complete: complete, progress: total ? done / total : 1, score: score,
             passed: score === null || passing === null ? null : score >= decimal(passing, 4), sections: sections };
  }

  // What changed since the last commit, each value once, in an order whose end is the final state:
  // bookmark and progress, score and sections, session time and exit, and the statuses last.
  function report() {
    var now = edition.values(progress());
    var values = (state.last ? [[edition.location, state.last]] : []).concat(
      [["cmi.suspend_data", encode(state)]], now.values);
    var due = values.concat(now.statuses).some(function (pair) { return written[pair[0]] !== pair[1]; });
    if (!due) return;
    values.push(edition.sessionTime(Date.now() - started), edition.exit); // exit "suspend": kept for the next visit
    var changed = false;
    values.concat(now.statuses).forEach(function (pair) { changed = set(pair[0], pair[1]) || changed; });
    if (changed) commit();
  }

  function terminate() {
    if (finished) return;
    finished = true;
    var changed = set.apply(null, edition.sessionTime(Date.now() - started));
    changed = set.apply(null, edition.exit) || changed;
    if (changed) commit(); // a platform may drop what is not committed when the session ends
    var result = call("terminate");
    if (result !== null && String(result) !== "true") {
      warnOnce("terminate", "the learning platform did not end the session, error " + lastError());
    }
  }

  /* ---- Start ------------------------------------------------------------------------------ */

  if (api) {
    try {
      connected = String(call("initialize")) === "true";
    } catch (error) { connected = false; }
    if (!connected && window.console) console.warn("coursebuilder: the LMS did not start the session");
  }

  var learnerId = connected ? get(edition.learner) : "";
  var learner = learnerId ? "l" + hash("coursebuilder:" + learnerId) : null;

  if (api && !connected) {
    // An LMS that did not start the session: nothing is recorded, and as nobody is named, the
    // pages keep what they store only until the window closes.
    window.coursebuilderLMS = {
      learner: null,
      restore: function () { return null; },
      record: function () {},
    };
  }

  if (connected) {
    state = decode(get("cmi.suspend_data"));
    var bookmark = get(edition.location);
    if (config.pages.indexOf(bookmark) >= 0) state.last = bookmark;
    passing = edition.passing();
    if (passing === null && config.mastery !== null) passing = config.mastery / 100;
    completedBefore = edition.completed();
    findObjectives();
    window.coursebuilderLMS = {
      learner: learner, // null when the LMS names nobody
      restore: function () { return JSON.parse(JSON.stringify(state)); },
      record: function (update) {
        if (finished) return;
        state = clean(JSON.parse(JSON.stringify(update)));
        report();
      },
    };
    report(); // the learner has started: "incomplete" until every section and question is done
    window.addEventListener("pagehide", terminate);
    // The window hidden (another tab, the browser closing, a phone locked): the time so far, in case
    // nothing else is heard from this page.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState !== "hidden" || finished) return;
      if (set.apply(null, edition.sessionTime(Date.now() - started))) commit();
    });
  }

  frame.addEventListener("load", function () {
    var page;
    try { page = frame.contentDocument; } catch (error) { return; }
    if (!page || !page.body) return;
    if (page.title) document.title = frame.title = page.title;
    // Other sites open in a new window: inside the frame they would replace the module.
    Array.prototype.forEach.call(page.querySelectorAll("a[href]"), function (link) {
      if (/^https?:$/.test(link.protocol) && link.host !== window.location.host) {
        link.target = "_blank";
        link.rel = "noopener";
      }
    });
  });
  frame.src = config.folder + "/" + (state.last || "index.html");
})();
