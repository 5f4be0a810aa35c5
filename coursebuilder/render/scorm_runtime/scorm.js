/* coursebuilder SCORM runtime, loaded by the package's launch page (scorm.html).
 *
 * It finds the LMS (the `API` object for SCORM 1.2, `API_1484_11` for SCORM 2004), hosts the
 * module's pages in a frame and offers them `window.coursebuilderLMS`. learning.js, in each page,
 * restores the learner's progress from it and records every change: pages visited, knowledge
 * check answers (choose, put in order, match) and the paths taken through branching scenarios.
 * This script turns that into the bookmark, completion, score, pass or fail, progress per section,
 * session time and one interaction record (cmi.interactions) for each answer checked and each
 * scenario ending reached, and keeps progress compact in suspend_data. Reflections, written
 * answers and self-ratings are never given to it and never reach the LMS: an interaction holds
 * option letters and step numbers only, and the author's question. Without an LMS the pages work
 * as they do on their own, keeping progress in the browser.
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
  // What the learner's answers and paths are about, from the module's outline (scorm.py, outline.Tracked):
  // { id, kind: "choice" | "order" | "match" | "path", size, scored, correct, text, multiple?, endings? }.
  var items = [];
  var itemOf = {}; // id → item
  var sectionOf = {}; // id → its section
  var PATH_KEPT = 2; // a path keeps at most 2 × steps entries (see encode): loops cannot make it grow for ever
  var MOST_TRIES = 999;
  config.sections.forEach(function (section) {
    section.tracked.forEach(function (item) {
      items.push(item);
      itemOf[item.id] = item;
      sectionOf[item.id] = section;
    });
  });
  var scoredIds = items.filter(function (item) { return item.scored; }).map(function (item) { return item.id; });

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
      // Interactions: a response is single characters (option and shown letters "a"–"z"; a matched item's
      // number "1"–"9", the tenth "0"), joined by commas.
      interaction: {
        types: { choice: "choice", order: "sequencing", match: "matching", path: "performance" },
        comma: ",", dot: ".", wrong: "wrong", response: "student_response",
        source: function (n) { return String(n % 10); },
        set: function (pattern, item) { return item.kind === "choice" && item.multiple ? "{" + pattern + "}" : pattern; },
        time: function (date) { // the time of day, HH:MM:SS
          return ["time", pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds())];
        },
      },
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
      interaction: {
        types: { choice: "choice", order: "sequencing", match: "matching", path: "other" },
        comma: "[,]", dot: "[.]", wrong: "incorrect", response: "learner_response",
        source: function (n) { return String(n); },
        set: function (pattern) { return pattern; },
        time: function (date) { // UTC, to the hundredth of a second: 2026-05-04T21:07:03.25Z
          return ["timestamp", date.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z")];
        },
        description: function (item) { return "{lang=" + config.language + "}" + item.text; },
      },
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
  var state = emptyState(); // what the learner has done: see clean()
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
   * "2.<structure>|<visited page numbers>|<items>", an item being one of:
   * - a question:  "<item number>:<r or w>:<answer>:<tries>", the answer being the numbers learning.js
   *   gives (choice: the options chosen; order: the shown number in each position; match: the shown
   *   number picked for each item, empty for none), joined by +;
   * - a scenario:  "<item number>:<r, w or x>:<steps>:<p, e or b>": the outcome of the last ending
   *   reached (r by best choices only, w otherwise, x none yet), the path now (step numbers joined
   *   by +) and whether that path is going on (p), ended (e) or ended by best choices only (b). So that
   *   loops cannot make it grow for ever, a path of more than PATH_KEPT × steps entries is kept with
   *   its loops taken out (loopless): the learner resumes on the same step, by a path the page can
   *   show, and whether they made the best choices all the way is kept as it was.
   * Item numbers count the module's questions and scenarios together, in page order. <structure> is a
   * hash of the page names and each item's id, kind and size: numbers saved by a version of the module
   * with other pages, questions or steps (a package updated in the LMS) must not be read as this one's.
   * scorm.py works out the longest this can be (suspend_worst_case) and stops the build of a module
   * that could need more than SCORM 1.2's 4,096 characters; the bundled modules need fewer than 200. */

  var FORMAT = (function () {
    var text = config.pages.concat(items.map(function (item) {
      return item.id + ":" + item.kind + ":" + item.size;
    })).join(" ");
    var hash = 5381;
    for (var i = 0; i < text.length; i++) hash = (hash * 33 + text.charCodeAt(i)) >>> 0;
    return "2." + hash.toString(36);
  }());

  function encode(current) {
    var visited = current.visited.map(function (file) { return config.pages.indexOf(file); });
    var full = [], short = [];
    items.forEach(function (item, number) {
      if (item.kind === "path") {
        var path = current.paths[item.id], outcome = current.outcomes[item.id];
        if (!path && !outcome) return;
        var mark = number + ":" + (outcome || "x");
        short.push(mark);
        full.push(path ? mark + ":" + path.steps.join("+") + ":" + (path.best ? "b" : path.ended ? "e" : "p") : mark);
        return;
      }
      var answer = current.answers[item.id];
      if (!answer) return;
      var said = number + ":" + (answer.correct ? "r" : "w");
      short.push(said);
      full.push(answer.chosen ? said + ":" + answer.chosen.join("+") + ":" + answer.tries : said);
    });
    function text(list) { return FORMAT + "|" + visited.join(",") + "|" + list.join(","); }
    // Too long for the LMS: keep what was right and the outcomes, and drop the answers and paths, then items.
    if (text(full).length <= config.suspendLimit) return text(full);
    while (text(short).length > config.suspendLimit) short.pop();
    return text(short);
  }

  // `walked`: the paths as the pages gave them, before any loops were taken out; never kept.
  function emptyState() { return { visited: [], answers: {}, last: null, paths: {}, outcomes: {}, walked: {} }; }

  function decode(text) {
    var saved = { visited: [], answers: {}, paths: {} }, outcomes = {};
    var parts = text.split("|");
    if (parts[0] !== FORMAT || parts.length !== 3) return emptyState();
    parts[1].split(",").forEach(function (number) {
      if (number !== "") saved.visited.push(config.pages[Number(number)]);
    });
    parts[2].split(",").forEach(function (token) {
      var fields = token.split(":");
      var item = fields[0] === "" ? null : items[Number(fields[0])];
      if (!item) return;
      if (item.kind === "path") {
        if (fields[1] === "r" || fields[1] === "w") outcomes[item.id] = fields[1];
        if (fields[2]) {
          saved.paths[item.id] = { steps: fields[2].split("+"), ended: fields[3] === "e" || fields[3] === "b",
                                   best: fields[3] === "b" };
        }
        return;
      }
      var answer = { correct: fields[1] === "r", tries: fields[3] };
      if (fields[2] !== undefined && fields[2] !== "") answer.chosen = fields[2].split("+"); // without: no choice shown
      saved.answers[item.id] = answer;
    });
    // What is read back goes through the same checks as what the pages record.
    return clean(saved, { paths: {}, outcomes: outcomes });
  }

  // A path with its loops taken out: each time it comes back to a step, what it did since is dropped. It
  // still starts where the path did and ends where it ends, each step reached by a choice, and it visits
  // no step twice: at most as many entries as the scenario has steps.
  function loopless(steps) {
    var kept = [];
    steps.forEach(function (number) {
      var at = kept.indexOf(number);
      if (at >= 0) kept = kept.slice(0, at + 1); else kept.push(number);
    });
    return kept;
  }

  function whole(value) { return /^[1-9]\d{0,2}$/.test(value) ? Number(value) : 0; } // 1 to 999, else 0

  // Only the numbers a question of this kind and size can have: what the build measured as the longest
  // (scorm.py). Anything else makes the answer keep no choices (the page then shows none).
  function chosenFor(item, chosen) {
    var values = (Array.isArray(chosen) ? chosen : []).map(String);
    if (item.kind === "choice") {
      return values.filter(function (value, n) {
        return whole(value) && whole(value) <= item.size && values.indexOf(value) === n; // each answer once
      });
    }
    var fits = values.length === item.size && values.every(function (value, n) {
      if (item.kind === "match") return value === "" || whole(value) && whole(value) <= item.size; // "": none picked
      return whole(value) && whole(value) <= item.size && values.indexOf(value) === n; // order: each step once
    });
    return fits ? values : [];
  }

  // Only what the LMS is meant to have: known pages, questions and scenarios, and for each only the
  // numbers it can have. Anything else is dropped. `before`: the state so far, whose scenario outcomes
  // are kept (the last ending reached counts, even while the learner tries the scenario again), as is
  // a scenario's path the update does not mention.
  function clean(update, before) {
    var result = emptyState();
    (update.visited || []).forEach(function (file) {
      if (config.pages.indexOf(file) >= 0 && result.visited.indexOf(file) < 0) result.visited.push(String(file));
    });
    items.forEach(function (item) {
      var id = item.id;
      if (item.kind === "path") {
        var given = update.paths && update.paths[id];
        var steps = (given && Array.isArray(given.steps) ? given.steps : []).map(String).filter(function (value) {
          return whole(value) && whole(value) <= item.size;
        }).map(Number);
        if (steps.length) {
          var ended = given.ended === true && item.endings.indexOf(steps[steps.length - 1]) >= 0;
          result.paths[id] = { steps: steps.length > PATH_KEPT * item.size ? loopless(steps) : steps, ended: ended,
                               best: ended && given.best === true };
          result.walked[id] = steps; // for the interaction record, not kept
        } else if (before.paths[id]) {
          result.paths[id] = before.paths[id];
        }
        var path = result.paths[id];
        if (path && path.ended) result.outcomes[id] = path.best ? "r" : "w";
        else if (before.outcomes[id]) result.outcomes[id] = before.outcomes[id];
        return;
      }
      var answer = update.answers && update.answers[id];
      if (!answer) return;
      var chosen = chosenFor(item, answer.chosen);
      var tries = Math.min(Math.max(Math.floor(Number(answer.tries)) || 1, 1), MOST_TRIES);
      result.answers[id] = { correct: answer.correct === true, tries: tries };
      if (chosen.length) result.answers[id].chosen = chosen;
    });
    if (config.pages.indexOf(update.last) >= 0) result.last = update.last;
    return result;
  }

  /* ---- Interactions: one record for each answer checked and each scenario ending reached -----
   * Journal style: a new record (cmi.interactions.n, n counting on from what the LMS already has)
   * each time a learner's answer or path changes, so a platform's report shows every attempt. Answers
   * restored at a relaunch are not sent again. A record holds letters and numbers only, and (SCORM
   * 2004) the author's question as its description; never anything a learner wrote:
   * - choose: the options' letters ("a" the first): "a,c" (1.2), "a[,]c" (2004); the right answers of
   *   a question with several are a set, "{a,c}", in SCORM 1.2;
   * - put in order (sequencing): the steps' letters as shown mixed up, in the learner's order;
   * - match (matching): each item's number with the letter of the match picked: "1.b,2.a" (1.2; the
   *   tenth item is "0"), "1[.]b[,]2[.]a" (2004);
   * - a scenario's path (performance in 1.2, other in 2004): its step numbers, "1 4 5"; the right
   *   answer is the best path, and a scenario that is not scored is neutral, weighted 0. */

  var interactionNext = -1; // the index of the next record; -1: the LMS keeps none
  var waiting = []; // records not yet given to the LMS: lists of [element, value], the id first

  function findInteractions() {
    var text = get("cmi.interactions._count");
    if (text !== "" && !isNaN(Number(text))) {
      interactionNext = Number(text);
      return;
    }
    if (lastError() !== "0") return; // not kept by this LMS
    // A platform that keeps the records but not their count: the first index not yet used.
    for (interactionNext = 0; interactionNext < 1000; interactionNext++) {
      if (get("cmi.interactions." + interactionNext + ".id") === "") break;
    }
  }

  function letter(number) { return "abcdefghijklmnopqrstuvwxyz".charAt(number - 1); }

  function responseOf(item, values, form) {
    if (item.kind === "path") {
      // Step numbers with spaces between ("1 4 5"): a comma would make a SCORM 2004 "other" pattern a list.
      var text = values.join(" ");
      while (text.length > 250) text = text.slice(text.indexOf(" ") + 1); // the most recent steps
      return text;
    }
    if (item.kind === "match") {
      return values.map(function (value, n) {
        return value === "" ? null : form.source(n + 1) + form.dot + letter(Number(value));
      }).filter(function (pair) { return pair !== null; }).join(form.comma);
    }
    return values.map(function (value) { return letter(Number(value)); }).join(form.comma);
  }

  function journal(before, after) {
    var form = edition.interaction;
    items.forEach(function (item) {
      var now, then, values, right;
      if (item.kind === "path") {
        now = after.paths[item.id];
        then = before.paths[item.id];
        if (!now || !now.ended || then && then.ended && then.steps.join() === now.steps.join()) return;
        values = after.walked[item.id] || now.steps;
        right = now.best;
      } else {
        now = after.answers[item.id];
        then = before.answers[item.id];
        if (!now || then && then.correct === now.correct && then.tries === now.tries &&
            String(then.chosen) === String(now.chosen)) return;
        values = now.chosen || [];
        right = now.correct;
      }
      if (interactionNext < 0) return;
      var at = "cmi.interactions." + interactionNext++ + ".";
      var record = [[at + "id", config.folder + "-" + item.id], [at + "type", form.types[item.kind]],
                    [at + "objectives.0.id", sectionOf[item.id].objective]];
      var time = form.time(new Date());
      record.push([at + time[0], time[1]], [at + "weighting", item.scored ? "1" : "0"]);
      if (item.scored && item.correct.length) {
        record.push([at + "correct_responses.0.pattern", form.set(responseOf(item, item.correct.map(String), form), item)]);
      }
      var response = responseOf(item, values, form);
      if (response) record.push([at + form.response, response]);
      record.push([at + "result", !item.scored ? "neutral" : right ? "correct" : form.wrong]);
      if (form.description) record.push([at + "description", form.description(item)]);
      waiting.push(record);
    });
  }

  function sendInteractions() {
    waiting.splice(0).forEach(function (record) {
      if (interactionNext < 0) return;
      if (!set(record[0][0], record[0][1])) { // the LMS refuses them: stop offering them
        interactionNext = -1;
        return;
      }
      record.slice(1).forEach(function (pair) { set(pair[0], pair[1]); });
    });
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

  // A question is done once answered; a scenario once the learner has reached an ending. It is right
  // when its answer is, or (a scenario) when the last ending reached was reached by best choices only.
  function done(id) { return itemOf[id].kind === "path" ? !!state.outcomes[id] : !!state.answers[id]; }
  function right(id) { return itemOf[id].kind === "path" ? state.outcomes[id] === "r" : state.answers[id].correct; }

  function scoreOf(ids) {
    // A score once every scored item is done; learners may try again as often as they like.
    if (!ids.length || !ids.every(done)) return null;
    return decimal(ids.filter(right).length / ids.length, 4);
  }

  // Complete: every section visited and every scored question and scenario done. A scenario that is not
  // scored is not needed for completion: it is there to explore, and a learner who leaves it part way
  // has still done the module.
  function progress() {
    var reached = 0, total = 0;
    var sections = [];
    config.sections.forEach(function (section) {
      var visited = state.visited.indexOf(section.page) >= 0;
      var ids = section.tracked.filter(function (item) { return item.scored; }).map(function (item) { return item.id; });
      var answered = ids.filter(done).length;
      reached += (visited ? 1 : 0) + answered;
      total += 1 + ids.length;
      if (objectiveCount >= 0 && (visited || answered)) {
        sections.push({ index: indexFor(section.objective), objective: section.objective,
                        complete: visited && answered === ids.length, score: scoreOf(ids) });
      }
    });
    var score = scoreOf(scoredIds);
    var complete = completedBefore || reached === total;
    // For Moodle and Totara (config.scoreWhenComplete): no score before the module is complete, or the
    // platform would decide passed or failed from it while the learner is still working through.
    if (config.scoreWhenComplete && !complete) score = null;
    return { complete: complete, progress: total ? reached / total : 1, score: score,
             passed: score === null || passing === null ? null : score >= decimal(passing, 4), sections: sections };
  }

  // What changed since the last commit, each value once, in an order whose end is the final state:
  // bookmark and progress, new interaction records, score and sections, session time and exit, and
  // the statuses last.
  function report() {
    var now = edition.values(progress());
    var values = (state.last ? [[edition.location, state.last]] : []).concat([["cmi.suspend_data", encode(state)]]);
    var due = waiting.length > 0 || values.concat(now.values, now.statuses).some(function (pair) {
      return written[pair[0]] !== pair[1];
    });
    if (!due) return;
    var changed = false;
    values.forEach(function (pair) { changed = set(pair[0], pair[1]) || changed; });
    changed = waiting.length > 0 && interactionNext >= 0 || changed;
    sendInteractions();
    values = now.values.concat([edition.sessionTime(Date.now() - started), edition.exit], now.statuses);
    values.forEach(function (pair) { changed = set(pair[0], pair[1]) || changed; }); // exit "suspend": kept for the next visit
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
    findInteractions();
    window.coursebuilderLMS = {
      learner: learner, // null when the LMS names nobody
      // { visited, answers, last, paths }: what learning.js records (the scenario outcomes stay here)
      restore: function () {
        return JSON.parse(JSON.stringify({ visited: state.visited, answers: state.answers, last: state.last,
                                           paths: state.paths }));
      },
      record: function (update) {
        if (finished) return;
        var before = state;
        state = clean(JSON.parse(JSON.stringify(update || {})), before);
        journal(before, state);
        report();
      },
    };
    report(); // the learner has started: "incomplete" until every section, question and scored scenario is done
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
