/* coursebuilder e-learning: branching scenarios, put-in-order and match-pairs questions, written answers
 * and self-ratings. Loaded after learning.js, only on the pages that have them; it keeps everything
 * through learning.js (window.coursebuilderPage), so answers and paths go where choice answers go (this
 * browser, or the learning platform in a package) and written answers and ratings stay in this browser
 * with the reflections, never sent anywhere. Without JavaScript every step, question and model answer
 * still reads, and the scenario's choices are links to the steps they lead to. */
(function () {
  "use strict";

  var cb = window.coursebuilderPage;
  if (!cb) return; // not a module page
  var state = cb.state, all = cb.all, element = cb.element, announce = cb.announce;

  function text(node) { return node ? node.textContent.trim() : ""; }

  function savedText() {
    return cb.sharedComputer() ? "Saved in this browser until you close this window." : "Saved in this browser.";
  }

  /* ---- Put in order and match pairs ------------------------------------------------------- */

  // Recorded as the learning platform expects (outline.Tracked): order: for each position in turn, the
  // shown number of the step put there; match: for each item in turn, the shown number of its match.
  all(".question.sort").forEach(function (question) {
    var id = question.getAttribute("data-question");
    var order = question.getAttribute("data-kind") === "order";
    var selects = all("select", question);
    var result = question.querySelector(".question-result");
    var check = question.querySelector("[data-action='check-answer']");
    var again = question.querySelector("[data-action='try-again']");
    var answers = question.querySelector("details.answers");
    var overall = question.querySelector(".overall-feedback");
    result.id = id + "-result";
    question.querySelector("fieldset").setAttribute("aria-describedby", result.id);
    answers.hidden = true; // offered once the learner has answered
    if (overall) { overall.hidden = true; result.after(overall); }

    function chosen() {
      var values = selects.map(function (select) { return select.value; });
      if (!order) return values;
      var byPosition = values.map(function () { return ""; });
      values.forEach(function (position, shown) { if (position) byPosition[position - 1] = String(shown + 1); });
      return byPosition;
    }

    // Why the answer cannot be checked yet, or "".
    function problem() {
      var empty = selects.filter(function (select) { return !select.value; });
      if (empty.length) {
        return [empty[0], order ? "Give every step a position first, then select Check my answer."
                                : "Choose a match for every item first, then select Check my answer."];
      }
      if (order) {
        var twice = selects.filter(function (select, index) {
          return selects.some(function (other, before) { return before < index && other.value === select.value; });
        });
        if (twice.length) {
          return [twice[0], "Give each step its own position: position " + twice[0].value +
                            " is given to more than one step."];
        }
      }
      return null;
    }

    function feedbackBox(select) {
      var item = select.closest(".sort-item");
      var box = item.querySelector(".item-feedback");
      if (!box) {
        box = item.appendChild(element("span", { "class": "item-feedback", id: select.id + "-f" }));
        select.setAttribute("aria-describedby", box.id);
      }
      return box;
    }

    function showFeedback(announceIt) {
      var right = 0;
      selects.forEach(function (select) {
        var ok = select.value === select.getAttribute("data-right");
        var item = select.closest(".sort-item");
        var box = feedbackBox(select);
        box.textContent = "";
        box.appendChild(element("strong", {}, ok ? (order ? "In the right place." : "Yes, these go together.")
                                                 : (order ? "Not in the right place yet." : "Not this one.")));
        var why = item.querySelector(".pair-feedback");
        if (ok && why) box.appendChild(document.createTextNode(" " + text(why)));
        box.hidden = false;
        item.classList.toggle("chosen-right", ok);
        item.classList.toggle("chosen-wrong", !ok);
        if (ok) right += 1;
      });
      var all_right = right === selects.length;
      var message = all_right
        ? (order ? "That is right: every step is in its place." : "That is right: every pair matches.")
        : order
          ? "Not quite yet: " + right + " of " + selects.length + " steps are in the right place. Move the ones " +
            "marked “Not in the right place yet”, then try again when you are ready."
          : "Not quite yet: " + right + " of " + selects.length + " pairs match. Read the feedback beside each " +
            "item, then try again when you are ready.";
      if (announceIt) announce(result, message); else result.textContent = message;
      again.hidden = answers.hidden = false;
      // Why the order (or the pairs) are so comes with a right answer: shown after a wrong one, it would
      // give the answer away. It is always there under "Show the right order and feedback".
      if (overall) overall.hidden = !all_right;
      return all_right;
    }

    // A changed answer loses its mark: the others keep theirs, so the learner sees what is left to move.
    function unmark(select) {
      var item = select.closest(".sort-item");
      var box = item.querySelector(".item-feedback");
      if (box) box.hidden = true;
      item.classList.remove("chosen-right", "chosen-wrong");
    }

    check.addEventListener("click", function () {
      var wrong = problem();
      if (wrong) {
        question.classList.add("needs-answer");
        announce(result, wrong[1]);
        wrong[0].focus();
        return;
      }
      question.classList.remove("needs-answer");
      var right = showFeedback(true);
      var previous = state.answers[id];
      state.answers[id] = { chosen: chosen(), correct: right, tries: (previous ? previous.tries : 0) + 1 };
      cb.save();
    });

    // On a narrow screen a long match is cut short in its closed list: its whole text goes under it (a
    // screen reader hears it as the list's value already).
    function picked(select) {
      if (order) return;
      var line = select.closest(".sort-item").querySelector(".sort-picked");
      if (!line) {
        line = element("span", { "class": "sort-picked", "aria-hidden": "true" });
        select.parentNode.after(line);
      }
      line.textContent = select.selectedIndex > 0 ? select.options[select.selectedIndex].text : "";
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () { unmark(select); picked(select); });
    });

    // Try again keeps the answers, so only the ones in the wrong place need to change.
    again.addEventListener("click", function () {
      var wrong = selects.filter(function (select) { return select.value !== select.getAttribute("data-right"); });
      result.textContent = "";
      again.hidden = true;
      if (overall) overall.hidden = true;
      (wrong[0] || selects[0]).focus();
    });

    var saved = state.answers[id];
    if (saved && saved.chosen && saved.chosen.length === selects.length) {
      saved.chosen.forEach(function (shown, index) {
        if (order) { if (selects[shown - 1]) selects[shown - 1].value = String(index + 1); }
        else selects[index].value = shown;
      });
      selects.forEach(picked);
      if (!problem()) showFeedback(false);
    }
  });

  /* ---- Written answers: saved by learning.js as reflections; the model answer -------------- */

  all(".free-response").forEach(function (block) {
    var details = block.querySelector("details.model-answer");
    var area = block.querySelector("textarea");
    var note = block.querySelector(".write-first");
    details.addEventListener("toggle", function () {
      note.hidden = !details.open || !!area.value.trim();
    });
  });

  /* ---- Self-ratings: kept with the reflections, in this browser only ------------------------- */

  function earlier(name, statement) {
    var found = null;
    Object.keys(state.reflections).forEach(function (key) {
      var note = state.reflections[key];
      if (note.rating === name && note.statement === statement) found = note;
    });
    return found;
  }

  all("[data-rating]").forEach(function (block) {
    var id = block.getAttribute("data-rating");
    var name = block.getAttribute("data-rating-name") || id;
    var compare = block.getAttribute("data-compare");
    var status = block.querySelector(".save-status");
    all("fieldset[data-statement]", block).forEach(function (set) {
      var statement = Number(set.getAttribute("data-statement"));
      var key = cb.page + "#" + id + "-s" + statement;
      var saved = state.reflections[key];
      all("input", set).forEach(function (input) { input.checked = !!saved && saved.value === input.value; });
      set.addEventListener("change", function (event) {
        var input = event.target;
        state.reflections[key] = {
          page: cb.page, section: block.getAttribute("data-section"), prompt: text(set.querySelector("legend")),
          text: "My rating: " + text(set.querySelector("label[for='" + input.id + "']")),
          rating: name, statement: statement, value: input.value,
        };
        cb.save();
        status.hidden = false;
        status.textContent = savedText();
      });
      if (compare) {
        var before = earlier(compare, statement);
        set.querySelector(".before").textContent = before
          ? "Before: " + before.text.replace(/^My rating: /, "")
          : "You did not rate this earlier.";
      }
    });
  });

  /* ---- Branching scenarios: one step at a time ---------------------------------------------- */

  // state.paths[block id] = { steps: [1, …] (step numbers in the order visited), ended, best }: what
  // learning.js records, and what the learning platform gets in a package.
  all("[data-scenario]").forEach(function (block) {
    var id = block.getAttribute("data-scenario");
    var scored = block.getAttribute("data-scored") === "true";
    var steps = all(".step", block);
    var status = block.querySelector(".scenario-status");
    block.classList.add("playing");
    block.querySelector(".scenario-how").textContent =
      "At each step, choose what you would do. What happens next depends on your choice. You can go back a " +
      "step, or start again, at any time.";
    all(".step-restart", block).forEach(function (node) { node.remove(); });

    // Each choice becomes a button; where it leads stays a surprise.
    steps.forEach(function (step) {
      all(".choices li", step).forEach(function (item, index) {
        var link = item.querySelector("a");
        if (!link) return;
        var button = element("button", { type: "button", "class": "button button-quiet choice-button",
                                         "data-choice": String(index) });
        button.appendChild(item.querySelector(".choice-text"));
        link.replaceWith(button);
      });
    });

    var chose = element("div", { "class": "you-chose" });
    var controls = element("p", { "class": "scenario-controls" });
    var back = controls.appendChild(element("button", { type: "button", "class": "button button-quiet" }, "Back"));
    var restart = controls.appendChild(element("button", { type: "button", "class": "button button-quiet" },
                                               "Start again"));
    var review = element("details", { "class": "scenario-path" });
    review.appendChild(element("summary", {}, "Your path so far"));
    var reviewList = review.appendChild(element("ol"));
    var summary = element("div", { "class": "scenario-summary" });
    block.insertBefore(summary, status);
    block.insertBefore(controls, status);
    block.insertBefore(review, status);

    function stepAt(number) { return steps[number - 1]; }
    function title(number) { return text(stepAt(number).querySelector("h3")).replace(/\s*\(an ending\)$/, ""); }
    function isEnding(number) { return stepAt(number).classList.contains("ending"); }

    // The choice at step `from` that leads to step `to` (the first, if several do).
    function choiceBetween(from, to) {
      return all(".choices li", stepAt(from)).filter(function (item) {
        return item.getAttribute("data-go") === String(to);
      })[0] || null;
    }

    function allBest(numbers) {
      for (var i = 1; i < numbers.length; i++) {
        var choice = all(".choices li", stepAt(numbers[i - 1])).filter(function (item) {
          return item.getAttribute("data-go") === String(numbers[i]) && item.hasAttribute("data-best");
        });
        if (!choice.length) return false;
      }
      return true;
    }

    function valid(path) {
      if (!path || !Array.isArray(path.steps) || path.steps[0] !== 1) return false;
      return path.steps.every(function (number, index) {
        return number >= 1 && number <= steps.length && (!index || !!choiceBetween(path.steps[index - 1], number));
      });
    }

    var path = valid(state.paths[id]) ? state.paths[id] : { steps: [1], ended: false, best: false };

    function keep() {
      var numbers = path.steps;
      var ended = isEnding(numbers[numbers.length - 1]);
      path = { steps: numbers, ended: ended, best: ended && allBest(numbers) };
      state.paths[id] = path;
      cb.save();
    }

    function pathList(list, withCurrent) {
      list.textContent = "";
      path.steps.forEach(function (number, index) {
        var next = path.steps[index + 1];
        var item = list.appendChild(element("li"));
        item.appendChild(element("strong", {}, title(number)));
        if (next) {
          var choice = choiceBetween(number, next);
          item.appendChild(document.createTextNode(". You chose: " + text(choice.querySelector(".choice-text"))));
        } else if (withCurrent) {
          item.appendChild(document.createTextNode(isEnding(number) ? ": where your path ended." : ": you are here."));
        }
      });
    }

    function endingNote() {
      var best = path.best;
      if (scored) {
        return best ? "You reached this ending by making the best choice at every step: this scenario counts as " +
                      "done well."
                    : "This scenario counts as done well when an ending is reached by the best choice at every " +
                      "step. Real shifts rarely go exactly to plan: start again whenever you like and see where " +
                      "other choices lead.";
      }
      return best ? "You made the choices the course authors would make at each step."
                  : "Real shifts rarely go exactly to plan, and there are other ways through this scenario. Start " +
                    "again whenever you like and see where other choices lead.";
    }

    function show(focus) {
      var numbers = path.steps;
      var current = numbers[numbers.length - 1];
      var step = stepAt(current);
      steps.forEach(function (each) { each.hidden = each !== step; });

      // What the learner chose to get here, and why it matters: shown on the step it led to.
      chose.textContent = "";
      var choice = numbers.length > 1 ? choiceBetween(numbers[numbers.length - 2], current) : null;
      if (choice) {
        var said = chose.appendChild(element("p"));
        said.appendChild(element("strong", {}, "You chose: "));
        said.appendChild(document.createTextNode(text(choice.querySelector(".choice-text"))));
        var why = choice.querySelector(".choice-feedback");
        if (why) chose.appendChild(element("p", {}, text(why)));
        step.querySelector("h3").after(chose);
      } else if (chose.parentNode) {
        chose.remove();
      }

      controls.hidden = numbers.length < 2; // Back and Start again: nothing to undo on the first step
      var ended = isEnding(current);
      review.hidden = ended || numbers.length < 2;
      pathList(reviewList, true);
      summary.hidden = !ended;
      summary.textContent = "";
      if (ended) {
        summary.appendChild(element("h4", { id: id + "-summary" }, "The path you took"));
        summary.setAttribute("role", "group");
        summary.setAttribute("aria-labelledby", id + "-summary");
        pathList(summary.appendChild(element("ol")), true);
        summary.appendChild(element("p", { "class": "ending-note" }, endingNote()));
      }
      if (focus) step.querySelector("h3").focus();
    }

    block.addEventListener("click", function (event) {
      var button = event.target.closest("[data-choice]");
      if (!button) return;
      var item = button.closest("li");
      path.steps = path.steps.concat([Number(item.getAttribute("data-go"))]);
      keep();
      show(true);
    });
    back.addEventListener("click", function () {
      path.steps = path.steps.slice(0, -1);
      keep();
      show(true);
      announce(status, "You went back to " + title(path.steps[path.steps.length - 1]) + ".");
    });
    restart.addEventListener("click", function () {
      path.steps = [1];
      keep();
      show(true);
      announce(status, "You started the scenario again.");
    });

    show(false);
  });
})();
