/* "Open now – closes at …" / "Closed – opens …" per channel, computed in the visitor's browser in the
   channel's own time zone, from the same calendar as the static tables (weekly hours, seasons, public
   holidays and dated exceptions). Times and words come pre-formatted from the page's language; without
   JavaScript the static tables stay the source of truth. */
(function () {
  "use strict";
  var node = document.getElementById("opening-hours");
  if (!node) return;
  var data = JSON.parse(node.textContent);
  var DAY = 1440;

  var formatters = {};
  var started = new Date();
  function localNow(zone) {
    var parts = {};
    formatters[zone] = formatters[zone] || new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    formatters[zone].formatToParts(started).forEach(function (p) { parts[p.type] = p.value; });
    var iso = parts.year + "-" + parts.month + "-" + parts.day;
    return { iso: iso, minutes: parseInt(parts.hour, 10) % 24 * 60 + parseInt(parts.minute, 10) };
  }
  function addDays(iso, n) {
    var d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function weekday(iso) { return (new Date(iso + "T12:00:00Z").getUTCDay() + 6) % 7; }  /* Monday = 0 */
  function inSeason(season, iso) {
    if (typeof season.from === "string") return season.from <= iso && iso <= season.to;
    var md = iso.slice(5), a = pad(season.from), b = pad(season.to);
    return a <= b ? (a <= md && md <= b) : (md >= a || md <= b);
  }
  function pad(md) { return ("0" + md[0]).slice(-2) + "-" + ("0" + md[1]).slice(-2); }
  function hours(ch, iso) {
    if (Object.prototype.hasOwnProperty.call(ch.special, iso)) return ch.special[iso];
    for (var i = 0; i < ch.seasons.length; i++) {
      if (inSeason(ch.seasons[i], iso)) return ch.seasons[i].week[weekday(iso)];
    }
    return ch.week[weekday(iso)];
  }
  function fill(label, values) {
    return label.replace(/%\((\w+)\)s/g, function (m, key) { return key in values ? values[key] : m; });
  }
  function time(minutes) { return data.times[String(minutes)] || ""; }
  function status(ch) {
    if (ch.always) return data.labels.always;
    var now = localNow(ch.tz), m = now.minutes;
    var yesterday = hours(ch, addDays(now.iso, -1));
    for (var y = 0; y < yesterday.length; y++) {
      if (yesterday[y][1] > DAY && m < yesterday[y][1] - DAY) {
        return fill(data.labels.open, { time: time(yesterday[y][1]) });
      }
    }
    var today = hours(ch, now.iso);
    for (var i = 0; i < today.length; i++) {
      if (m >= today[i][0] && m < today[i][1]) {
        return fill(today[i][1] > DAY ? data.labels.open_late : data.labels.open, { time: time(today[i][1]) });
      }
      if (m < today[i][0]) return fill(data.labels.opens_today, { time: time(today[i][0]) });
    }
    for (var n = 1; n <= 14; n++) {
      var iso = addDays(now.iso, n), next = hours(ch, iso);
      if (next.length) {
        var label = n === 1 ? data.labels.opens_tomorrow : data.labels.opens_day;
        return fill(label, { day: data.days[weekday(iso)], time: time(next[0][0]) });
      }
    }
    return null;
  }
  var lines = {};  /* read every line first, then write: no forced layout between writes */
  document.querySelectorAll(".open-now[data-channel]").forEach(function (el) {
    (lines[el.getAttribute("data-channel")] = lines[el.getAttribute("data-channel")] || []).push(el);
  });
  data.channels.forEach(function (ch) {
    var text = status(ch);
    (lines[ch.id] || []).forEach(function (el) { if (text) el.textContent = text; });
  });
})();
