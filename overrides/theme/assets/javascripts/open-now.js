/* "Open now / opens at …" per channel, computed in the visitor's browser against the company's
   time zone. Without JavaScript the static hours table stays the source of truth. */
(function () {
  "use strict";
  var node = document.getElementById("opening-hours");
  if (!node) return;
  var data = JSON.parse(node.textContent);
  var dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

  function nowInZone() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: data.timezone, year: "numeric", month: "2-digit", day: "2-digit",
      weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var weekday = dayNames.indexOf(parts.weekday.toLowerCase().slice(0, 3));
    return { date: parts.year + "-" + parts.month + "-" + parts.day, weekday: weekday,
             minutes: parseInt(parts.hour, 10) * 60 + parseInt(parts.minute, 10) };
  }
  function toMinutes(hhmm) { var p = hhmm.split(":"); return parseInt(p[0], 10) * 60 + parseInt(p[1], 10); }
  function addDays(iso, n) {
    var d = new Date(iso + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function intervalsOn(ch, iso, weekday) {
    var exceptions = data.exceptions[ch];
    for (var i = 0; i < exceptions.length; i++) {
      if (exceptions[i].date === iso) {
        var h = exceptions[i].hours.trim().toLowerCase();
        if (h === "closed") return [];
        return h.split(",").map(function (r) {
          var ab = r.split(/[-–]/); return [toMinutes(ab[0].trim()), toMinutes(ab[1].trim())];
        });
      }
    }
    return data.week[ch][weekday].map(function (r) { return [toMinutes(r[0]), toMinutes(r[1])]; });
  }
  function fmt(m) { return ("0" + Math.floor(m / 60)).slice(-2) + ":" + ("0" + (m % 60)).slice(-2); }
  function status(ch, now) {
    var always = data.week[ch].every(function (d) { return d.length === 1 && d[0][0] === "00:00" && d[0][1] === "24:00"; });
    if (always && !data.exceptions[ch].length) return data.labels.always_open;
    var today = intervalsOn(ch, now.date, now.weekday);
    for (var i = 0; i < today.length; i++) {
      if (now.minutes >= today[i][0] && now.minutes < today[i][1]) {
        return data.labels.open_now.replace("{time}", fmt(today[i][1]));
      }
      if (now.minutes < today[i][0]) return data.labels.closed_now_today.replace("{time}", fmt(today[i][0]));
    }
    for (var n = 1; n <= 14; n++) {
      var wd = (now.weekday + n) % 7, next = intervalsOn(ch, addDays(now.date, n), wd);
      if (next.length) {
        return data.labels.closed_now.replace("{day}", data.lang === "en" ? data.days[wd] : data.days[wd].toLowerCase()).replace("{time}", fmt(next[0][0]));
      }
    }
    return null;
  }
  var now = nowInZone();
  data.channels.forEach(function (id, ch) {
    var el = document.querySelector('.open-now[data-channel="' + id + '"]');
    var text = el && status(ch, now);
    if (text) { el.textContent = text; el.hidden = false; }
  });
})();
