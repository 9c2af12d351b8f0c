// The map page: a world outline (world-atlas, served by the app) and one circle per place,
// its area the number of events, its colour cooperation or conflict. Everything is built
// with DOM calls; place names only ever become text nodes.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  var panel = document.getElementById("map-panel");
  var status = document.getElementById("map-status");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var query = svg.getAttribute("data-query") || "";

  function json(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + " answered " + r.status);
      return r.json();
    });
  }
  function element(name, attributes) {
    var el = document.createElementNS(NS, name);
    Object.keys(attributes).forEach(function (k) { el.setAttribute(k, attributes[k]); });
    return el;
  }
  function show(place) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var title = document.createElement("h2");
    title.textContent = place.name + (place.country ? " (" + place.country + ")" : "");
    var counts = document.createElement("p");
    counts.textContent = place.events + " events: " + place.cooperation + " cooperation, " +
      place.conflict + " conflict";
    var link = document.createElement("a");
    link.href = "/events?place=" + encodeURIComponent(place.name);
    link.textContent = "List these events";
    panel.append(title, counts, link);
  }

  Promise.all([json("/vendor/countries-110m.json"), json("/api/map" + (query ? "?" + query : ""))])
    .then(function (loaded) {
      var world = loaded[0], places = loaded[1].places;
      var countries = window.topojson.feature(world, world.objects.countries);
      var projection = window.d3.geoNaturalEarth1().fitSize([960, 500], countries);
      var path = window.d3.geoPath(projection);
      var land = element("g", {});
      countries.features.forEach(function (f) { land.appendChild(element("path", { d: path(f) || "", "class": "country" })); });
      svg.appendChild(land);
      var max = Math.max.apply(null, places.map(function (p) { return p.events; }).concat([1]));
      var dots = element("g", {});
      places.forEach(function (place) {
        var xy = projection([place.lon, place.lat]);
        if (!xy) return;
        var kind = place.cooperation > place.conflict ? "coop" : place.conflict > place.cooperation ? "conflict" : "other";
        var dot = element("circle", { cx: xy[0], cy: xy[1], r: 3 + 14 * Math.sqrt(place.events / max), "class": "place " + kind });
        var tip = element("title", {});
        tip.textContent = place.name + ": " + place.events + " events";
        dot.appendChild(tip);
        dot.addEventListener("click", function () {
          svg.querySelectorAll(".place.selected").forEach(function (d) { d.classList.remove("selected"); });
          dot.classList.add("selected");
          show(place);
        });
        dots.appendChild(dot);
      });
      svg.appendChild(dots);
      status.textContent = places.length + " places with events.";
      svg.setAttribute("data-ready", "true");
    })
    .catch(function (error) { status.textContent = "Could not draw the map: " + error.message; });
})();
