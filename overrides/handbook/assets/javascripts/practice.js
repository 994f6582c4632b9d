/* The handbook's practice page: a situation, two replies in random order, the staff member picks one and
   reads why. Handbook only (added to the handbook build by macros/hooks.py). No request leaves the page;
   progress (answered / right) stays in this browser's localStorage. Every text is set with textContent. */
(function () {
  "use strict";
  var dataNode = document.getElementById("practice-data");
  var quiz = document.querySelector("[data-practice-quiz]");
  var all = document.querySelector("[data-practice-all]");
  if (!dataNode || !quiz || !all) return;
  var data;
  try { data = JSON.parse(dataNode.textContent); } catch (e) { return; }
  if (!data.items || !data.items.length) return;

  var KEY = "handbook-practice-progress";
  var L = data.labels;
  var lang = document.documentElement.lang || undefined;
  var number = function (n) {
    try { return new Intl.NumberFormat(lang).format(n); } catch (e) { return String(n); }
  };
  var fill = function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  };
  var el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  };
  var shuffled = function (list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  };

  // --- progress, in this browser only -----------------------------------------------------------
  var load = function () {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return { answered: Math.max(0, saved.answered | 0), right: Math.max(0, saved.right | 0) };
    } catch (e) { return { answered: 0, right: 0 }; }
  };
  var save = function (p) {
    try { window.localStorage.setItem(KEY, JSON.stringify(p)); } catch (e) { /* storage off: keep it in memory */ }
  };
  var progress = load();

  // --- the page ---------------------------------------------------------------------------------
  all.hidden = true;
  quiz.hidden = false;
  quiz.appendChild(el("p", { "class": "practice-intro" }, L.intro));
  var progressLine = quiz.appendChild(el("p", { "class": "practice-progress", "id": "practice-progress" }));
  var stage = quiz.appendChild(el("div", { "class": "practice-stage" }));
  var status = quiz.appendChild(el("p", { "class": "practice-status", "role": "status" }));  // the live region
  var after = quiz.appendChild(el("div", { "class": "practice-after" }));
  var reset = quiz.appendChild(el("button", { "type": "button", "class": "md-button practice-reset" }, L.reset));

  var showProgress = function () {
    progressLine.textContent = fill(L.progress, { answered: number(progress.answered), right: number(progress.right) });
  };

  var round = [];
  var index = 0;

  var newRound = function () {
    round = shuffled(data.items).map(function (item) {
      return { item: item, goodFirst: Math.random() < 0.5 };
    });
    index = 0;
  };

  var question = function (focus) {
    var entry = round[index];
    var item = entry.item;
    stage.textContent = "";
    after.textContent = "";
    var heading = stage.appendChild(el("h2", { "class": "practice-counter", "tabindex": "-1", "id": "practice-question" },
      fill(L.counter, { n: number(index + 1), total: number(round.length) })));
    stage.appendChild(el("p", { "class": "practice-promise" }, item.promise));
    var said = stage.appendChild(el("div", { "class": "practice-situation" }));
    said.appendChild(el("p", {}, L.customer));
    said.appendChild(el("blockquote", {})).appendChild(el("p", {}, item.situation));
    var group = stage.appendChild(el("div", { "role": "group", "aria-labelledby": "practice-ask", "class": "practice-choices" }));
    group.appendChild(el("p", { "id": "practice-ask", "class": "practice-ask" }, L.question));
    var order = entry.goodFirst ? ["good", "poor"] : ["poor", "good"];
    var buttons = order.map(function (kind, i) {
      var button = el("button", { "type": "button", "class": "practice-choice", "data-kind": kind });
      button.appendChild(el("span", { "class": "practice-choice__label" }, fill(L.reply, { n: number(i + 1) })));
      button.appendChild(el("span", { "class": "practice-choice__text" }, item[kind].reply));
      button.addEventListener("click", function () { answer(entry, kind, buttons, order); });
      return group.appendChild(button);
    });
    if (focus) heading.focus();
  };

  var answer = function (entry, kind, buttons, order) {
    if (entry.answered) return;
    entry.answered = true;
    var right = kind === "good";
    progress.answered += 1;
    if (right) progress.right += 1;
    save(progress);
    showProgress();
    buttons.forEach(function (b) {
      b.disabled = true;
      if (b.getAttribute("data-kind") === kind) b.classList.add("practice-choice--chosen");
    });
    status.textContent = (right ? L.right : L.wrong) + " " + progressLine.textContent;
    var feedback = after.appendChild(el("div", { "class": "practice-feedback" }));
    var why = feedback.appendChild(el("h2", { "tabindex": "-1", "id": "practice-why" }, L.why));
    order.forEach(function (k, i) {
      var box = feedback.appendChild(el("div", { "class": "example example--" + k }));
      var title = box.appendChild(el("p", {}));
      title.appendChild(el("strong", {}, fill(L.reply, { n: number(i + 1) }) + ": " + (k === "good" ? L.better : L.poorer)));
      if (k === kind) title.appendChild(document.createTextNode(" " + L.chosen));
      var line = box.appendChild(el("p", {}));
      line.appendChild(el("strong", {}, k === "good" ? L.why_good : L.why_poor));
      line.appendChild(document.createTextNode(" " + entry.item[k].why));
    });
    var last = index + 1 >= round.length;
    if (last) feedback.appendChild(el("p", { "class": "practice-done" }, L.done));
    var next = feedback.appendChild(el("button", { "type": "button", "class": "md-button md-button--primary practice-next" },
      last ? L.again : L.next));
    next.addEventListener("click", function () {
      status.textContent = "";
      if (last) newRound(); else index += 1;
      question(true);
    });
    why.focus();
  };

  reset.addEventListener("click", function () {
    progress = { answered: 0, right: 0 };
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    showProgress();
    status.textContent = L.was_reset;
  });

  showProgress();
  newRound();
  question(false);
})();
