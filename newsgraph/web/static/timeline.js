// Timelines: an actor's cooperation against conflict per period, or a dyad in both
// directions. The data comes from a <script type="application/json"> element.
(function () {
  "use strict";
  var COOP = "#2e8b57", CONFLICT = "#c0392b";
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  // Every month (or year) between the first and the last, so that quiet periods show as gaps.
  function continuous(labels) {
    if (!labels.length || !/^\d{4}(-\d{2})?$/.test(labels[0])) return labels;
    var monthly = labels[0].length === 7, out = [];
    var first = labels[0], last = labels[labels.length - 1];
    var y = +first.slice(0, 4), m = monthly ? +first.slice(5, 7) : 1;
    for (var guard = 0; guard < 1200; guard++) {
      var label = monthly ? y + "-" + (m < 10 ? "0" : "") + m : String(y);
      out.push(label);
      if (label >= last) break;
      if (monthly && ++m > 12) { m = 1; y++; } else if (!monthly) { y++; }
    }
    return out;
  }
  function valuesAt(labels, periods, field) {
    var by = {};
    periods.forEach(function (p) { by[p.period] = p[field]; });
    return labels.map(function (l) { return by[l] || 0; });
  }
  function signedTick(value) {
    return value < 0 ? "\u2212" + Math.abs(value) : value > 0 ? "+" + value : "0";
  }
  function bars(canvas, labels, datasets) {
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        maintainAspectRatio: false, animation: false, datasets: { bar: { maxBarThickness: 48 } },
        scales: {
          x: { stacked: true },
          // Signed: conflict is drawn below zero and labelled so ("−2"), never as a bare "2".
          y: { stacked: true, title: { display: true, text: "events: cooperation + / conflict −" },
               ticks: { precision: 0, callback: signedTick } },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: function (item) {
            return item.dataset.label + ": " + Math.abs(item.parsed.y) + " event" + (Math.abs(item.parsed.y) === 1 ? "" : "s");
          } } },
        },
      },
    });
  }
  function actorChart(actor) {
    var periods = actor.periods;
    if (!periods.length) {
      document.getElementById("timeline-status").textContent = "No dated asserted events.";
      return;
    }
    var months = continuous(periods.map(function (p) { return p.period; }));
    bars(canvas, months, [
      { label: "cooperation", data: valuesAt(months, periods, "cooperation"), backgroundColor: COOP },
      { label: "conflict", data: valuesAt(months, periods, "conflict").map(function (v) { return -v; }), backgroundColor: CONFLICT },
    ]);
    canvas.setAttribute("data-ready", "true");
  }
  var canvas = document.getElementById("timeline");
  if (canvas && canvas.getAttribute("data-src")) {
    fetch(canvas.getAttribute("data-src"))
      .then(function (r) { if (!r.ok) throw new Error("the server answered " + r.status); return r.json(); })
      .then(actorChart)
      .catch(function (e) { document.getElementById("timeline-status").textContent = "No timeline: " + e.message; });
  }
  var dyad = read("dyad-data");
  if (dyad) {
    var all = {};
    dyad.a_to_b.concat(dyad.b_to_a).forEach(function (p) { all[p.period] = true; });
    var labels = continuous(Object.keys(all).sort());
    function series(list, field) { return valuesAt(labels, list, field); }
    var ab = dyad.a + " → " + dyad.b, ba = dyad.b + " → " + dyad.a;
    bars(document.getElementById("dyad"), labels, [
      { label: ab + ": cooperation", data: series(dyad.a_to_b, "cooperation"), backgroundColor: COOP, stack: "ab" },
      { label: ab + ": conflict", data: series(dyad.a_to_b, "conflict").map(function (v) { return -v; }), backgroundColor: CONFLICT, stack: "ab" },
      { label: ba + ": cooperation", data: series(dyad.b_to_a, "cooperation"), backgroundColor: "#7fc8a0", stack: "ba" },
      { label: ba + ": conflict", data: series(dyad.b_to_a, "conflict").map(function (v) { return -v; }), backgroundColor: "#e8968c", stack: "ba" },
    ]);
  }
})();
