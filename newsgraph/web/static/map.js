// The map page: a world outline (world-atlas, served by the app) framing the places, one
// circle per place, its area the number of events, its colour cooperation or conflict; the
// busiest places are named on the map (no two names overlap) and listed beside it.
// Everything is built with DOM calls; place names only ever become text nodes.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  var panel = document.getElementById("map-panel");
  var status = document.getElementById("map-status");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var WIDTH = 960, HEIGHT = 500;
  var NAMED = 12;      // the busiest places named on a wide map (fewer where names would overlap)
  var LISTED = 10;     // and listed beside it
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
  function html(name, text, className) {
    var el = document.createElement(name);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }
  function plural(n, noun) { return n.toLocaleString() + " " + noun + (n === 1 ? "" : "s"); }
  function label(place) { return place.name + (place.country ? " (" + place.country + ")" : ""); }
  function kind(place) {
    return place.cooperation > place.conflict ? "coop" : place.conflict > place.cooperation ? "conflict" : "other";
  }
  // SVG units per screen pixel: names and dots keep a readable size on a phone.
  function unitsPerPixel() { return WIDTH / Math.max(200, svg.getBoundingClientRect().width || WIDTH); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // The projection that frames the places (with room for their names and dots), not the
  // whole world: events cluster (Europe, the Middle East, East Asia) and a world map left
  // their names no room. Never wider than the world, never closer than MAX_ZOOM times it.
  var MAX_ZOOM = 6, PAD_X = 90, PAD_Y = 40;
  function framed(projection, countries, places) {
    projection.fitSize([WIDTH, HEIGHT], countries);
    var world = projection.scale();
    if (!places.length) return projection;
    var points = { type: "MultiPoint", coordinates: places.map(function (p) { return [p.lon, p.lat]; }) };
    projection.fitExtent([[PAD_X, PAD_Y], [WIDTH - PAD_X, HEIGHT - PAD_Y]], points);
    if (projection.scale() <= world) return projection.fitSize([WIDTH, HEIGHT], countries);
    if (projection.scale() > world * MAX_ZOOM) {  // one place, or a few close together
      var centre = window.d3.geoCentroid(points);
      projection.scale(world * MAX_ZOOM).translate([WIDTH / 2, HEIGHT / 2]);
      var at = projection(centre), t = projection.translate();
      projection.translate([t[0] + WIDTH / 2 - at[0], t[1] + HEIGHT / 2 - at[1]]);
    }
    return projection;
  }

  function draw(world, places) {
    var countries = window.topojson.feature(world, world.objects.countries);
    var projection = framed(window.d3.geoNaturalEarth1(), countries, places);
    var path = window.d3.geoPath(projection);
    var land = element("g", {});
    countries.features.forEach(function (f) { land.appendChild(element("path", { d: path(f) || "", "class": "country" })); });
    svg.appendChild(land);
    var max = Math.max.apply(null, places.map(function (p) { return p.events; }).concat([1]));
    var dots = element("g", {}), names = element("g", { "class": "names" });
    var drawn = [];
    places.forEach(function (place) {
      var xy = projection([place.lon, place.lat]);
      if (!xy) return;
      var dot = element("circle", { cx: xy[0], cy: xy[1], "class": "place " + kind(place) });
      var tip = element("title", {});
      tip.textContent = label(place) + ": " + plural(place.events, "event");
      dot.appendChild(tip);
      dot.addEventListener("click", function () { select(place); });
      place.dot = dot; place.xy = xy;
      drawn.push(place);
    });
    // The smallest on top, so that a big dot never hides a small one.
    drawn.forEach(function (place) { dots.appendChild(place.dot); });
    svg.append(dots, names);

    function layout() {
      var unit = unitsPerPixel();
      // Area proportional to the count of events: the busiest place's radius is 17 screen
      // pixels on a wide map, less on a phone's (where the whole world is 350 pixels wide).
      var largest = Math.max(8, Math.min(17, WIDTH / unit / 55));
      drawn.forEach(function (place) {
        place.dot.setAttribute("r", (2.5 + (largest - 2.5) * Math.sqrt(place.events / max)) * unit);
      });
      nameBusiest(drawn, names, unit);
    }
    layout();
    window.addEventListener("resize", layout);
    listBusiest(drawn);
    status.textContent = plural(drawn.length, "place") + " with events · dot area: events (largest: " +
      plural(max, "event") + ")" + (drawn.length > NAMED ? " · the busiest are named" : "") + ".";
    svg.setAttribute("data-ready", "true");
  }

  // Names beside the busiest places, busiest first: each takes the first of four spots
  // around its dot (right, left, above, below) that stays on the map and overlaps neither a
  // name already placed nor the dot of a busier place; a name with no free spot is left out.
  // (It may cover a smaller place's dot: names are drawn over the dots, with a halo.)
  function nameBusiest(places, group, unit) {
    clear(group);
    var taken = [], named = 0;
    var most = Math.min(NAMED, Math.round(WIDTH / unit / 45));  // 8 on a phone
    function overlaps(box) {
      return taken.some(function (o) { return box.x1 < o.x2 && o.x1 < box.x2 && box.y1 < o.y2 && o.y1 < box.y2; });
    }
    places.forEach(function (place) {
      var r = +place.dot.getAttribute("r"), gap = 3 * unit, x = place.xy[0], y = place.xy[1];
      if (named < most) {
        var text = element("text", { "class": "place-name", "font-size": 12 * unit, "stroke-width": 3 * unit });
        text.textContent = place.name;
        group.appendChild(text);
        var spots = [
          ["start", "central", x + r + gap, y], ["end", "central", x - r - gap, y],
          ["middle", "auto", x, y - r - gap], ["middle", "hanging", x, y + r + gap],
        ];
        var fits = spots.some(function (spot) {
          text.setAttribute("text-anchor", spot[0]);
          text.setAttribute("dominant-baseline", spot[1]);
          text.setAttribute("x", spot[2]);
          text.setAttribute("y", spot[3]);
          var b = text.getBBox(), box = { x1: b.x, x2: b.x + b.width, y1: b.y, y2: b.y + b.height };
          if (box.x1 < 0 || box.x2 > WIDTH || box.y1 < 0 || box.y2 > HEIGHT || overlaps(box)) return false;
          taken.push(box);
          return true;
        });
        if (fits) named++; else group.removeChild(text);
      }
      taken.push({ x1: x - r, x2: x + r, y1: y - r, y2: y + r });
    });
  }

  function listBusiest(places) {
    var list = html("ol", undefined, "ranked busiest");
    places.slice(0, LISTED).forEach(function (place) {
      var item = html("li");
      var button = html("button", place.name, "link");
      button.type = "button";
      button.addEventListener("click", function () { select(place); });
      item.append(button, html("span", " " + plural(place.events, "event"), "meta"));
      list.appendChild(item);
    });
    if (places.length) panel.append(html("h2", "Busiest places"), list);
  }

  function select(place) {
    svg.querySelectorAll(".place.selected").forEach(function (d) { d.classList.remove("selected"); });
    place.dot.classList.add("selected");
    var chosen = document.getElementById("map-chosen");
    clear(chosen);
    var counts = html("p", plural(place.events, "event") + ": " + place.cooperation + " cooperation, " +
      place.conflict + " conflict");
    var link = html("a", "List these events");
    link.href = "/events?place=" + encodeURIComponent(place.name);
    chosen.append(html("h2", label(place)), counts, link);
  }

  Promise.all([json("/vendor/countries-110m.json"), json("/api/map" + (query ? "?" + query : ""))])
    .then(function (loaded) { draw(loaded[0], loaded[1].places); })
    .catch(function (error) { status.textContent = "Could not draw the map: " + error.message; });
})();
