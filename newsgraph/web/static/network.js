// The network page: actors as nodes sized by their events, edges coloured by cooperation or
// conflict and sized by their count of events; clicking an actor opens its profile.
// Laid out by fCoSE (cytoscape-fcose, served by the app) with room for the labels, its
// unconnected parts packed to the shape of the box; only the largest actors are labelled
// until one zooms in, and no two labels overlap. Actors with no relation among those drawn
// are hidden until asked for. Labels are drawn on a canvas by
// cytoscape, never inserted as HTML.
(function () {
  "use strict";
  var box = document.getElementById("network");
  var status = document.getElementById("network-status");
  var toggle = document.getElementById("network-isolated");
  if (!box) return;
  var query = box.getAttribute("data-query") || "";
  var LABEL_PX = 13;        // labels keep this size on screen whatever the zoom
  var FIT_MAX_ZOOM = 1.4;
  var PIXELS_PER_LABEL = 40000;  // when the whole network fits, one label per this much screen

  function colour(edge) {
    if (edge.cooperation > edge.conflict) return "#2e8b57";
    if (edge.conflict > edge.cooperation) return "#c0392b";
    return "#8c96a3";
  }
  // Sizes on a log scale of absolute counts: a small network is not blown up.
  function scaled(count, base, step, cap) { return Math.min(cap, base + step * Math.log2(1 + count)); }
  function plural(n, noun) { return n.toLocaleString() + " " + noun + (n === 1 ? "" : "s"); }

  function elementsOf(data) {
    var linked = {};
    data.edges.forEach(function (e) { linked[e.source] = true; linked[e.target] = true; });
    var ranked = data.nodes.slice().sort(function (a, b) { return b.events - a.events || (a.name < b.name ? -1 : 1); });
    var nodes = ranked.map(function (n, rank) {
      return {
        data: { id: n.id, label: n.name, events: n.events, rank: rank, size: scaled(n.events, 10, 6, 56) },
        classes: "t-" + n.type.toLowerCase() + (linked[n.id] ? "" : " isolated"),
      };
    });
    var edges = data.edges.map(function (e, i) {
      return { data: { id: "edge" + i, source: e.source, target: e.target, events: e.events,
                       width: scaled(e.events, 0.8, 1.6, 12), colour: colour(e) } };
    });
    return nodes.concat(edges);
  }

  // Which labels to draw: the largest visible actors first, as many as the zoom allows
  // (one per PIXELS_PER_LABEL of the box at the zoom that fits everything, four times as
  // many at twice that zoom), skipping any label that would overlap one already placed or
  // not be wholly on screen.
  function placeLabels(graph, fitZoom) {
    var ratio = Math.max(1, graph.zoom() / fitZoom);
    var width = graph.width(), height = graph.height();
    var atFit = Math.max(4, Math.min(20, Math.round(width * height / PIXELS_PER_LABEL)));
    var budget = Math.round(atFit * ratio * ratio);
    var placed = [];
    var nodes = graph.nodes().sort(function (a, b) { return a.data("rank") - b.data("rank"); });
    graph.batch(function () {
      nodes.forEach(function (node) {
        var show = false;
        if (node.visible() && (placed.length < budget || node.hasClass("hover"))) {
          var p = node.renderedPosition(), half = node.renderedOuterWidth() / 2;
          var w = node.data("label").length * LABEL_PX * 0.58 + 6, h = LABEL_PX * 1.3;
          var box = { x1: p.x - w / 2, x2: p.x + w / 2, y1: p.y + half + 2, y2: p.y + half + 2 + h };
          var onScreen = box.x1 >= 0 && box.x2 <= width && box.y1 >= 0 && box.y2 <= height;
          show = node.hasClass("hover") || (onScreen && !placed.some(function (o) {
            return box.x1 < o.x2 && o.x1 < box.x2 && box.y1 < o.y2 && o.y1 < box.y2;
          }));
          if (show && onScreen) placed.push(box);
        }
        if (show) node.addClass("labelled"); else node.removeClass("labelled");
      });
    });
    // The estimate above is close, not exact (fonts, outlines): measure the names drawn and
    // take back any that still touches a larger actor's name.
    var kept = [];
    graph.batch(function () {
      nodes.filter(function (n) { return n.hasClass("labelled") && !n.hasClass("hover"); }).forEach(function (node) {
        var b = node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
        if (kept.some(function (o) { return b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2; })) {
          node.removeClass("labelled");
        } else {
          kept.push(b);
        }
      });
    });
  }

  // fCoSE leaves unconnected parts wherever the forces put them (its own packing needs
  // another library), often in a wide band that a phone's tall box shows tiny. The largest
  // part stays where it is; the others are shelved in rows beside it or below it, with the
  // row width that lets the whole be drawn largest in a box of this shape (`aspect`: its
  // width over its height).
  var GAP = 30;
  function shelve(parts, width) {
    var x = 0, y = 0, rowHeight = 0, widest = 0, at = [];
    parts.forEach(function (p) {
      if (x > 0 && x + p.w > width) { x = 0; y += rowHeight; rowHeight = 0; }
      at.push({ x: x, y: y });
      x += p.w;
      widest = Math.max(widest, x);
      rowHeight = Math.max(rowHeight, p.h);
    });
    return { at: at, w: widest, h: y + rowHeight };
  }
  function packComponents(visible, aspect) {
    var parts = visible.components().map(function (part) {
      var bb = part.boundingBox({ includeLabels: true });
      return { eles: part, bb: bb, w: bb.w + GAP, h: bb.h + GAP };
    }).sort(function (a, b) { return b.w * b.h - a.w * a.h; });
    if (parts.length < 2) return;
    var main = parts[0];
    var rest = parts.slice(1).sort(function (a, b) { return b.h - a.h || b.w - a.w; });
    var widest = Math.max.apply(null, rest.map(function (p) { return p.w; }));
    var total = rest.reduce(function (sum, p) { return sum + p.w; }, 0);
    var best = null;
    for (var width = widest; ; width *= 1.2) {
      var shelf = shelve(rest, width);
      [true, false].forEach(function (beside) {
        var w = beside ? main.w + shelf.w : Math.max(main.w, shelf.w);
        var h = beside ? Math.max(main.h, shelf.h) : main.h + shelf.h;
        var scale = Math.min(aspect / w, 1 / h);  // the zoom that fits the box, up to a factor
        if (!best || scale > best.scale) best = { scale: scale, shelf: shelf, beside: beside };
      });
      if (width >= total) break;
    }
    var x0 = best.beside ? main.bb.x2 + GAP : main.bb.x1;
    var y0 = best.beside ? main.bb.y1 : main.bb.y2 + GAP;
    rest.forEach(function (p, i) {
      var dx = x0 + best.shelf.at[i].x - p.bb.x1, dy = y0 + best.shelf.at[i].y - p.bb.y1;
      p.eles.nodes().positions(function (node) {
        var was = node.position();
        return { x: was.x + dx, y: was.y + dy };
      });
    });
  }

  function draw(data) {
    var graph = window.cytoscape({
      container: box,
      elements: elementsOf(data),
      style: [
        { selector: "node", style: {
          label: "", "background-color": "#1f5fbf", width: "data(size)", height: "data(size)",
          "font-size": LABEL_PX, color: "#1d2430", "text-valign": "bottom", "text-margin-y": 2,
          "text-outline-color": "#fff", "text-outline-width": 2, "text-outline-opacity": 0.9 } },
        { selector: "node.t-gpe", style: { "background-color": "#33415c" } },
        { selector: "node.t-org", style: { "background-color": "#8e44ad" } },
        { selector: "node.t-norp", style: { "background-color": "#1a8a8a" } },
        // A named actor is drawn over the unnamed ones, so that none of them covers its name.
        { selector: "node.labelled, node.hover", style: { label: "data(label)", "z-index": 5 } },
        { selector: "node.hover", style: { "background-color": "#0d3b80", "font-weight": "bold", "z-index": 10 } },
        { selector: "node.isolated", style: { opacity: 0.75, display: "none" } },
        { selector: "node.isolated.shown", style: { display: "element" } },
        { selector: "edge", style: {
          width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", opacity: 0.7 } },
      ],
      minZoom: 0.05,
      maxZoom: 4,
    });
    var fitZoom = 1;
    var pending = false;
    function relabel() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        var z = graph.zoom();
        graph.style().selector("node").style({
          "font-size": LABEL_PX / z, "text-outline-width": 2 / z, "text-margin-y": 2 / z,
        }).update();
        placeLabels(graph, fitZoom);
      });
    }
    function layout() {
      var visible = graph.elements(":visible");
      if (visible.nodes().length === 0) return;
      // Every label counts in the layout (then most are hidden again): the layout leaves
      // room for the labels that zooming in will show.
      graph.nodes().addClass("labelled");
      visible.layout({
        name: visible.nodes().length > 1 ? "fcose" : "grid", quality: "default", animate: false,
        randomize: true, nodeDimensionsIncludeLabels: true, padding: 24,
        nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; },
        nodeSeparation: 90, tile: true, tilingPaddingVertical: 24, tilingPaddingHorizontal: 24,
      }).run();
      packComponents(visible, graph.width() / Math.max(1, graph.height()));
      graph.fit(visible, 24);
      if (graph.zoom() > FIT_MAX_ZOOM) {  // a few actors are not blown up to fill the box
        graph.zoom(FIT_MAX_ZOOM);
        graph.center(visible);
      }
      fitZoom = graph.zoom();
      relabel();
    }
    graph.on("tap", "node", function (event) {
      window.location.href = "/actors/" + encodeURIComponent(event.target.id());
    });
    graph.on("mouseover", "node", function (event) { event.target.addClass("hover"); });
    graph.on("mouseout", "node", function (event) { event.target.removeClass("hover"); relabel(); });
    graph.on("zoom pan resize", relabel);
    var isolated = graph.nodes(".isolated");
    if (toggle) {
      toggle.disabled = isolated.length === 0;
      document.getElementById("network-isolated-count").textContent = isolated.length;
      toggle.addEventListener("change", function () {
        if (toggle.checked) isolated.addClass("shown"); else isolated.removeClass("shown");
        layout();
      });
    }
    layout();
    window.__network = graph;  // for the end-to-end tests
    var linked = data.nodes.length - isolated.length;
    status.textContent = plural(linked, "actor") + " in " + plural(data.edges.length, "relation") +
      " (the strongest), " + plural(isolated.length, "actor") + " without one, from " +
      plural(data.events_drawn, "event") + (data.events_drawn >= data.max_events ? " (the latest in the filters)" : "") + ".";
    if (!data.nodes.length) status.textContent = "No events between actors in these filters.";
    box.setAttribute("data-ready", "true");
  }

  if (window.cytoscapeFcose) window.cytoscape.use(window.cytoscapeFcose);
  fetch("/api/network" + (query ? "?" + query : ""))
    .then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    })
    .then(draw)
    .catch(function (error) { status.textContent = "Could not draw the network: " + error.message; });
})();
