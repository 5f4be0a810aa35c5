/* coursebuilder e-learning: progress, resume, knowledge checks, reflections and reading preferences.
 * Everything stays in this browser. Nothing is sent anywhere, except progress and answers to a
 * learning platform when the pages run inside one of our SCORM packages. Without JavaScript every
 * page still reads and navigates; this script only adds to it.
 *
 * Where things are kept. On the learner's own device: localStorage, until they remove it. On a
 * shared computer (the learner's choice, kept for this window only): sessionStorage, gone when the
 * window closes. In a package, under the learner the platform names (`coursebuilderLMS.learner`,
 * a one-way hash of their id): nobody who signs in after them on the same computer sees their
 * notes; when the platform names nobody, only for this window. preferences-early.js reads the
 * reading preferences the same way. */
(function () {
  "use strict";

  // In an LMS, a SCORM wrapper page hosts these pages in a frame and offers `coursebuilderLMS`.
  // It gets progress and answers, never reflections, which stay in this browser only.
  var lms = null;
  try {
    if (window.parent !== window && window.parent.coursebuilderLMS) lms = window.parent.coursebuilderLMS;
  } catch (error) { /* a parent from another origin: no LMS */ }

  var SCOPE = lms ? ":learner-" + (lms.learner || "unknown") : ""; // ends every key this page stores
  var SHARED_KEY = "coursebuilder:shared" + SCOPE; // in sessionStorage: "1" on a shared computer
  var PREFERENCES_KEY = "coursebuilder:preferences" + SCOPE;
  var UNNAMED = !!lms && !lms.learner; // a platform that names nobody: this window only
  var memory = {}; // used when the browser refuses storage (some private modes)

  function storage(name) {
    try { return window[name] || null; } catch (error) { return null; } // refused: null
  }

  function sharedComputer() {
    if (UNNAMED) return true;
    var session = storage("sessionStorage");
    try { return !!session && session.getItem(SHARED_KEY) === "1"; } catch (error) { return false; }
  }

  function store() { return storage(sharedComputer() ? "sessionStorage" : "localStorage"); }

  function read(key, fallback) {
    try {
      var text = store().getItem(key);
      return text ? JSON.parse(text) : fallback;
    } catch (error) {
      return key in memory ? memory[key] : fallback;
    }
  }

  function write(key, value) {
    memory[key] = value;
    try { store().setItem(key, JSON.stringify(value)); } catch (error) { /* kept in memory */ }
  }

  function forget(key) {
    delete memory[key];
    try { store().removeItem(key); } catch (error) { /* nothing kept */ }
  }

  // This page's keys: in a package, this learner's only; in the plain e-learning, every key of the
  // plain e-learning (none of a package's learners).
  function mine(key) {
    if (key.indexOf("coursebuilder:") !== 0 || key === SHARED_KEY) return false;
    return SCOPE ? key.slice(-SCOPE.length) === SCOPE : key.indexOf(":learner-") < 0;
  }

  function keysIn(area) {
    var keys = [];
    try { for (var i = 0; i < area.length; i++) if (mine(area.key(i))) keys.push(area.key(i)); } catch (error) { /* none */ }
    return keys;
  }

  // Move this page's keys from one storage to the other (shared computer on or off).
  function moveAll(from, to) {
    if (!from || !to) return;
    keysIn(from).forEach(function (key) {
      try { to.setItem(key, from.getItem(key)); from.removeItem(key); } catch (error) { /* left where it was */ }
    });
  }

  function setShared(on) {
    var session = storage("sessionStorage"), local = storage("localStorage");
    if (UNNAMED || !session || on === sharedComputer()) return;
    try {
      if (on) { session.setItem(SHARED_KEY, "1"); moveAll(local, session); }
      else { moveAll(session, local); session.removeItem(SHARED_KEY); }
    } catch (error) { /* storage refused: kept in memory */ }
  }

  function removeEverything() {
    memory = {};
    [storage("localStorage"), storage("sessionStorage")].forEach(function (area) {
      if (area) keysIn(area).forEach(function (key) { try { area.removeItem(key); } catch (error) { /* none */ } });
    });
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function announce(element, text) {
    element.hidden = false;
    element.textContent = "";
    // A fresh text node after a tick makes screen readers announce repeated messages too.
    window.setTimeout(function () { element.textContent = text; }, 50);
  }

  all(".js-only").forEach(function (element) { element.hidden = false; });

  // The contents menu is open beside the page on wide screens and folded away on phones.
  var wide = window.matchMedia("(min-width: 62rem)");
  function placeContents() {
    all("details[data-open-wide]").forEach(function (details) { details.open = wide.matches; });
  }
  placeContents();
  if (wide.addEventListener) wide.addEventListener("change", placeContents);

  /* ---- Reading preferences -------------------------------------------------------------- */

  var root = document.documentElement;
  var NAMES = ["size", "spacing", "font", "scheme", "motion"];
  var DEFAULTS = { size: "2", spacing: "1", font: "theme", scheme: "default", motion: "" };

  // The panel needs JavaScript to work, so JavaScript builds it: pages without it stay lighter.
  var CHOICES = [
    ["size", "Text size", "radio", [["1", "Smaller"], ["2", "Standard"], ["3", "Large"], ["4", "Larger"], ["5", "Largest"]]],
    ["spacing", "Line spacing", "radio", [["1", "Standard"], ["2", "Wide"], ["3", "Widest"]]],
    ["font", "Font", "radio", [["theme", "Standard (Verdana)"], ["arial", "Arial"], ["tahoma", "Tahoma"],
                               ["dyslexic", "OpenDyslexic or Comic Sans, if on this device"]]],
    ["scheme", "Colours", "radio", [["default", "Standard"], ["contrast", "High contrast"], ["dark", "Dark"],
                                    ["cream", "Cream background"]]],
    ["motion", "Movement", "checkbox", [["reduce", "Reduce motion"]]],
  ];

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function buildPanel() {
    var panel = element("div", { "class": "preferences", id: "preferences", role: "region",
                                 "aria-labelledby": "preferences-heading", hidden: "" });
    var wrap = panel.appendChild(element("div", { "class": "wrap" }));
    wrap.appendChild(element("h2", { id: "preferences-heading" }, "Reading preferences"));
    wrap.appendChild(element("p", {}, "Choose what makes reading easier for you. Your choices are kept in this " +
                                      "browser only and apply to every page."));
    var groups = wrap.appendChild(element("div", { "class": "preference-groups" }));
    CHOICES.forEach(function (group) {
      var fieldset = groups.appendChild(element("fieldset"));
      fieldset.appendChild(element("legend", {}, group[1]));
      group[3].forEach(function (choice) {
        var id = "pref-" + group[0] + "-" + choice[0];
        var row = fieldset.appendChild(element("div", { "class": "choice" }));
        row.appendChild(element("input", { type: group[2], name: "pref-" + group[0], id: id, value: choice[0] }));
        row.appendChild(element("label", { "for": id }, choice[1]));
      });
    });
    var actions = wrap.appendChild(element("p", { "class": "preference-actions" }));
    actions.appendChild(element("button", { type: "button", "class": "button button-quiet", id: "preferences-reset" },
                                "Back to standard settings"));
    actions.appendChild(element("button", { type: "button", "class": "button", id: "preferences-close" }, "Done"));
    var header = document.querySelector(".site-header");
    header.parentNode.insertBefore(panel, header.nextSibling);
    return panel;
  }

  function setupPreferences() {
    var button = document.getElementById("preferences-button");
    if (!button) return;
    var panel = buildPanel();
    button.hidden = false;
    var saved = read(PREFERENCES_KEY, {});

    function current(name) { return saved[name] || DEFAULTS[name]; }

    function apply() {
      NAMES.forEach(function (name) {
        if (saved[name] && saved[name] !== DEFAULTS[name]) root.setAttribute("data-" + name, saved[name]);
        else root.removeAttribute("data-" + name);
      });
    }

    function show() {
      all("input[name^='pref-']", panel).forEach(function (input) {
        var name = input.name.slice(5);
        input.checked = input.type === "checkbox" ? current(name) === input.value : current(name) === input.value;
      });
    }

    function toggle(open) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = panel.querySelector("input:checked") || panel.querySelector("input");
        if (first) first.focus();
      } else {
        button.focus();
      }
    }

    panel.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.name || input.name.indexOf("pref-") !== 0) return;
      var name = input.name.slice(5);
      saved[name] = input.type === "checkbox" ? (input.checked ? input.value : "") : input.value;
      write(PREFERENCES_KEY, saved);
      apply();
    });
    button.addEventListener("click", function () { toggle(panel.hidden); });
    document.getElementById("preferences-close").addEventListener("click", function () { toggle(false); });
    document.getElementById("preferences-reset").addEventListener("click", function () {
      saved = {};
      write(PREFERENCES_KEY, saved);
      apply();
      show();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") toggle(false);
    });
    show();
    apply();
    resetPreferences = function () { saved = {}; apply(); show(); };
  }

  var resetPreferences = function () {};
  setupPreferences();

  /* ---- Module state: where the learner is, what they answered and wrote ---------------------- */

  var body = document.body;
  var moduleSlug = body.getAttribute("data-module");
  if (!moduleSlug) return; // the course index has no module state
  var STATE_KEY = "coursebuilder:" + body.getAttribute("data-course") + ":" + moduleSlug + SCOPE;
  var page = body.getAttribute("data-page");
  var kind = body.getAttribute("data-kind");
  var state = read(STATE_KEY, {});
  state.visited = state.visited || [];
  state.answers = state.answers || {};
  state.reflections = state.reflections || {};
  state.paths = state.paths || {}; // branching scenarios: { steps: [1, 4, …], ended, best } by block id

  var remote = lms ? lms.restore() : null;
  if (remote) {
    // The LMS's record is the learner's progress (a new attempt starts afresh, even on a shared
    // computer); only the reflections come from this browser.
    state.visited = remote.visited || [];
    state.answers = remote.answers || {};
    state.paths = remote.paths || {}; // an older runtime keeps no paths
    state.last = remote.last;
  }

  function save() {
    // In a package the LMS keeps progress and answers: this browser keeps only the reflections, if any.
    if (!remote) write(STATE_KEY, state);
    else if (Object.keys(state.reflections).length) write(STATE_KEY, { reflections: state.reflections });
    else forget(STATE_KEY);
    if (lms) lms.record({ visited: state.visited, answers: state.answers, last: state.last, paths: state.paths });
  }

  // For interactive.js (scenarios, put-in-order and match questions, written answers, self-ratings).
  window.coursebuilderPage = { state: state, save: save, announce: announce, element: element, all: all,
                               page: page, sharedComputer: sharedComputer };

  if (kind === "section" || kind === "summary") {
    if (state.visited.indexOf(page) < 0) state.visited.push(page);
    state.last = page;
    save();
  }

  all("[data-page-file]").forEach(function (item) {
    if (state.visited.indexOf(item.getAttribute("data-page-file")) >= 0) {
      var mark = item.querySelector(".visited-mark");
      if (mark) mark.hidden = false;
      item.classList.add("visited");
    }
  });

  if (kind === "start" && state.last) {
    var resume = document.getElementById("resume");
    var entry = document.querySelector("[data-page-file='" + state.last + "'] a");
    if (resume && entry) {
      var link = document.getElementById("resume-link");
      link.href = state.last;
      link.textContent = entry.textContent;
      resume.hidden = false;
    }
  }

  /* ---- Knowledge checks (choice questions; interactive.js does the other kinds) ------------- */

  all(".question:not(.sort)").forEach(function (question) {
    var id = question.getAttribute("data-question");
    var inputs = all("input", question);
    var result = question.querySelector(".question-result");
    var check = question.querySelector("[data-action='check-answer']");
    var again = question.querySelector("[data-action='try-again']");
    var answers = question.querySelector("details.answers");
    if (answers) answers.hidden = true; // feedback comes per option instead
    result.id = id + "-result";
    question.querySelector("fieldset").setAttribute("aria-describedby", result.id);
    // The question's own feedback, in the answers without JavaScript: under the result once answered.
    // (A question without one gets a stand-in object, so showing and hiding need no test.)
    var overall = question.querySelector(".overall-feedback") || {};
    if (overall.nodeType) { overall.hidden = true; result.after(overall); }

    function chosen() {
      return inputs.filter(function (input) { return input.checked; }).map(function (input) { return input.value; });
    }

    // Feedback lives once in the page, in the no-JavaScript answers list; show it under each choice.
    // Our verdict goes first unless the author's feedback opens with it (data-verdict: model.Option).
    function feedbackFor(input) {
      var option = input.closest(".option");
      var box = option.querySelector(".option-feedback");
      if (!box) {
        box = document.createElement("p");
        box.className = "option-feedback";
        var source = question.querySelector("[data-feedback-for='" + input.id + "'] .feedback");
        if (!source || !source.hasAttribute("data-verdict")) {
          var verdict = document.createElement("strong");
          verdict.textContent = option.getAttribute("data-correct") === "true" ? "This is right." : "Not quite.";
          box.appendChild(verdict);
        }
        if (source) box.appendChild(document.createTextNode((box.firstChild ? " " : "") + source.textContent));
        option.appendChild(box);
      }
      return box;
    }

    function showFeedback(values, announceIt) {
      var right = true;
      inputs.forEach(function (input) {
        var option = input.closest(".option");
        var correct = option.getAttribute("data-correct") === "true";
        var selected = values.indexOf(input.value) >= 0;
        if (selected) feedbackFor(input).hidden = false;
        else if (option.querySelector(".option-feedback")) option.querySelector(".option-feedback").hidden = true;
        option.classList.toggle("chosen-right", selected && correct);
        option.classList.toggle("chosen-wrong", selected && !correct);
        if (selected !== correct) right = false;
      });
      var text = right
        ? "That is right. The feedback under your answer says why."
        : question.getAttribute("data-multiple") === "true"
          ? "Not quite yet. Read the feedback under your choices; more than one answer is right. Try again when you are ready."
          : "Not quite yet. Read the feedback under your answer, then try again when you are ready.";
      if (announceIt) announce(result, text); else result.textContent = text;
      again.hidden = overall.hidden = false;
      return right;
    }

    check.addEventListener("click", function () {
      var values = chosen();
      if (!values.length) {
        question.classList.add("needs-answer");
        announce(result, "Choose an answer first, then select Check my answer.");
        inputs[0].focus();
        return;
      }
      question.classList.remove("needs-answer");
      var right = showFeedback(values, true);
      var previous = state.answers[id];
      state.answers[id] = { chosen: values, correct: right, tries: (previous ? previous.tries : 0) + 1 };
      save();
    });

    again.addEventListener("click", function () {
      inputs.forEach(function (input) {
        input.checked = false;
        var option = input.closest(".option");
        if (option.querySelector(".option-feedback")) option.querySelector(".option-feedback").hidden = true;
        option.classList.remove("chosen-right", "chosen-wrong");
      });
      result.textContent = "";
      again.hidden = overall.hidden = true;
      inputs[0].focus();
    });

    var saved = state.answers[id];
    if (saved && saved.chosen) {
      inputs.forEach(function (input) { input.checked = saved.chosen.indexOf(input.value) >= 0; });
      showFeedback(saved.chosen, false);
    }
  });

  /* ---- Reflections ------------------------------------------------------------------------ */

  var pageOrder = (document.querySelector("[data-sections]") || body).getAttribute("data-sections");

  // Dates in the course's language (<html lang>, from course.yaml), never the browser's: "3 December 2026" in en-GB.
  function courseDate(date) {
    var options = { day: "numeric", month: "long", year: "numeric" };
    try { return date.toLocaleDateString(root.lang || undefined, options); } catch (error) {
      return date.toLocaleDateString(undefined, options); // a language tag this browser does not know
    }
  }

  function reflectionText() {
    var title = document.querySelector(".contents-title a, h1");
    var lines = ["My reflections: " + (title ? title.textContent.trim() : moduleSlug),
                 "Saved from this browser on " + courseDate(new Date()), ""];
    var keys = Object.keys(state.reflections).sort();
    var lastSection = null;
    keys.forEach(function (key) {
      var note = state.reflections[key];
      if (!note.text || !note.text.trim()) return;
      if (note.section !== lastSection) {
        lines.push("== " + note.section + " ==", "");
        lastSection = note.section;
      }
      lines.push(note.prompt, note.text.trim(), "");
    });
    return lines.join("\n");
  }

  function hasNotes() {
    return Object.keys(state.reflections).some(function (key) {
      return state.reflections[key].text && state.reflections[key].text.trim();
    });
  }

  function download(button) {
    var status = button.closest("section").querySelector(".save-status") || document.getElementById("completion");
    if (!hasNotes()) {
      if (status) announce(status, "You have not written any notes yet.");
      return;
    }
    var blob = new Blob([reflectionText()], { type: "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = moduleSlug + "-reflections.txt";
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* A yes/no question in `box`, under the button that asked it; `onYes` runs if the learner agrees. Either
     answer hides the question and gives focus back to the button. */
  function askFirst(button, box, question, label, yesText, noText, onYes) {
    box.innerHTML = "";
    box.appendChild(element("p", {}, question));
    var yes = box.appendChild(element("button", { type: "button", "class": "button" }, yesText));
    var no = box.appendChild(element("button", { type: "button", "class": "button button-quiet" }, noText));
    box.hidden = false;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", label);
    yes.focus();
    no.addEventListener("click", function () { box.hidden = true; button.focus(); });
    yes.addEventListener("click", function () {
      onYes();
      box.hidden = true;
      button.focus();
    });
  }

  // Empty every note and rating on the page, once they are deleted.
  function blank() {
    all("[data-reflection] textarea").forEach(function (area) { area.value = ""; });
    all("[data-rating] input").forEach(function (input) { input.checked = false; });
  }

  function confirmClear(button) {
    var section = button.closest("section");
    askFirst(button, section.querySelector("[data-confirm-for='clear-reflections']"),
      "This deletes every note you wrote in this module, in this browser. It cannot be undone.",
      "Confirm deleting your notes", "Yes, delete my notes", "Keep my notes", function () {
        state.reflections = {};
        save();
        blank();
        renderReflectionList();
        var status = section.querySelector(".save-status") || document.getElementById("completion");
        if (status) announce(status, "Your notes have been deleted from this browser.");
      });
  }

  all("[data-reflection] textarea").forEach(function (area) {
    var key = page + "#" + area.id;
    var status = area.closest("section").querySelector(".save-status");
    var timer = null;
    if (state.reflections[key]) area.value = state.reflections[key].text;
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        state.reflections[key] = {
          page: page, section: area.getAttribute("data-section"),
          prompt: area.getAttribute("data-prompt"), text: area.value,
        };
        save();
        status.hidden = false;
        status.textContent = sharedComputer() ? "Saved in this browser until you close this window." : "Saved in this browser.";
      }, 400);
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "download-reflections") download(button);
    if (action === "clear-reflections") confirmClear(button);
    if (action === "remove-everything") confirmRemoveEverything(button);
  });

  /* ---- Where notes are kept: said on every reflection box; shared computer; remove everything -- */

  function storageNote() {
    var never = lms ? " They are never sent anywhere, not even to the learning platform." : " Nothing is sent anywhere.";
    var keep = " Download your reflections before you close it if you want to keep them.";
    if (UNNAMED) {
      return "The learning platform did not say who is signed in, so your notes are kept only until you close " +
             "this browser window." + never + keep;
    }
    if (sharedComputer()) {
      return "This is a shared computer, so your notes" + (lms ? "" : ", answers and progress") +
             " are kept only until you close this browser window." + never + keep;
    }
    if (lms) {
      return "Your notes are kept only in this browser, on this computer, for you alone: someone else who signs " +
             "in to the learning platform here does not see them." + never;
    }
    return "Your notes are kept only in this browser, on this computer, until you remove them." + never +
           " Anyone who uses this browser after you could read them: on a shared computer, tick the box below.";
  }

  var panels = all("[data-storage]");

  function showStorage() {
    panels.forEach(function (panel) {
      panel.querySelector(".privacy").textContent = storageNote();
      var box = panel.querySelector("input[type=checkbox]");
      if (box) box.checked = sharedComputer();
    });
  }

  panels.forEach(function (panel, index) {
    panel.innerHTML = "";
    panel.appendChild(element("p", { "class": "privacy" }));
    if (!UNNAMED) {
      var row = panel.appendChild(element("div", { "class": "choice shared-choice" }));
      var box = row.appendChild(element("input", { type: "checkbox", id: "shared-computer-" + index }));
      row.appendChild(element("label", { "for": box.id }, "This is a shared computer: forget my notes" +
                                          (lms ? "" : ", answers and progress") + " when I close this browser window"));
      box.addEventListener("change", function () {
        setShared(box.checked);
        showStorage();
        announce(panel.querySelector(".storage-status"), box.checked
          ? "Done. Everything is now kept only until you close this browser window."
          : "Done. Everything is now kept in this browser until you remove it.");
      });
    }
    if (panel.hasAttribute("data-storage-remove")) {
      var actions = panel.appendChild(element("p", { "class": "reflection-actions" }));
      actions.appendChild(element("button", { type: "button", "class": "button button-quiet",
                                              "data-action": "remove-everything" }, "Remove everything from this browser"));
      panel.appendChild(element("div", { "class": "confirm", hidden: "" }));
    }
    panel.appendChild(element("p", { "class": "storage-status", role: "status" }));
    panel.hidden = false;
  });
  showStorage();

  function confirmRemoveEverything(button) {
    var panel = button.closest("[data-storage]");
    askFirst(button, panel.querySelector(".confirm"), lms
      ? "This removes your notes and reading preferences from this browser. Your progress stays with the learning " +
        "platform. It cannot be undone."
      : "This removes your notes, answers, progress and reading preferences for every module from this browser. " +
        "It cannot be undone.",
      "Confirm removing everything from this browser", "Yes, remove everything", "Keep everything", function () {
        removeEverything();
        state.reflections = {};
        if (!remote) { state.visited = []; state.answers = {}; state.paths = {}; state.last = null; }
        blank();
        resetPreferences();
        renderReflectionList();
        announce(panel.querySelector(".storage-status"), "Everything has been removed from this browser.");
      });
  }

  /* ---- Summary ---------------------------------------------------------------------------- */

  function renderReflectionList() {
    var list = document.getElementById("reflection-list");
    if (!list) return;
    list.innerHTML = "";
    var keys = Object.keys(state.reflections).filter(function (key) {
      return state.reflections[key].text && state.reflections[key].text.trim();
    }).sort();
    if (!keys.length) {
      var none = document.createElement("p");
      none.textContent = "You have not written any reflections yet. You can add them on any section page.";
      list.appendChild(none);
      return;
    }
    keys.forEach(function (key) {
      var note = state.reflections[key];
      var item = document.createElement("div");
      item.className = "reflection-note";
      var heading = document.createElement("h3");
      heading.textContent = note.section;
      var prompt = document.createElement("p");
      prompt.className = "reflection-prompt";
      prompt.textContent = note.prompt;
      var text = document.createElement("p");
      text.className = "reflection-text";
      text.textContent = note.text;
      item.append(heading, prompt, text);
      list.appendChild(item);
    });
  }

  if (kind === "summary") {
    var sections = (pageOrder || "").split(" ").filter(Boolean);
    var visited = sections.filter(function (file) { return state.visited.indexOf(file) >= 0; }).length;
    var total = Number(body.getAttribute("data-questions")) || 0;
    var answered = Object.keys(state.answers).length;
    var right = Object.keys(state.answers).filter(function (key) { return state.answers[key].correct; }).length;
    state.complete = visited === sections.length && answered >= total;
    save();
    var completion = document.getElementById("completion");
    completion.hidden = false;
    completion.textContent = (state.complete ? "You have completed this module. " : "") +
      "You have visited " + visited + " of " + sections.length + " sections" +
      (total ? " and answered " + Math.min(answered, total) + " of " + total + " questions (" + right + " right)." : ".");
    renderReflectionList();
  }
})();
