// The network page: actors as nodes, edges coloured by cooperation or conflict and sized by
// their count of events; clicking an actor opens its profile. Labels are drawn on a canvas
// by cytoscape, never inserted as HTML.
(function () {
  "use strict";
  var box = document.getElementById("network");
  var status = document.getElementById("network-status");
  if (!box) return;
  var query = box.getAttribute("data-query") || "";

  function colour(edge) {
    if (edge.cooperation > edge.conflict) return "#2e8b57";
    if (edge.conflict > edge.cooperation) return "#c0392b";
    return "#8c96a3";
  }

  fetch("/api/network" + (query ? "?" + query : ""))
    .then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    })
    .then(function (data) {
      // Sizes on a log scale of absolute counts: a small network is not blown up.
      function scaled(count, base, step, cap) { return Math.min(cap, base + step * Math.log2(1 + count)); }
      var degree = {};
      data.edges.forEach(function (e) {
        degree[e.source] = (degree[e.source] || 0) + e.events;
        degree[e.target] = (degree[e.target] || 0) + e.events;
      });
      var elements = data.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, size: scaled(degree[n.id] || 1, 8, 5, 48) } };
      }).concat(data.edges.map(function (e, i) {
        return { data: { id: "edge" + i, source: e.source, target: e.target, events: e.events,
                         width: scaled(e.events, 0.5, 1.5, 12), colour: colour(e) } };
      }));
      var graph = window.cytoscape({
        container: box,
        elements: elements,
        style: [
          { selector: "node", style: {
            label: "data(label)", "font-size": 12, "min-zoomed-font-size": 7, color: "#1d2430", "background-color": "#1f5fbf",
            width: "data(size)", height: "data(size)",
            "text-valign": "bottom", "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2 } },
          { selector: "edge", style: {
            width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.75 } },
        ],
        maxZoom: 1.6,
        layout: { name: data.nodes.length > 1 ? "cose" : "grid", animate: false, randomize: true,
                  padding: 30, nodeRepulsion: function () { return 12000; }, nodeOverlap: 20,
                  componentSpacing: 60, idealEdgeLength: function () { return 100; } },
      });
      graph.on("tap", "node", function (event) {
        window.location.href = "/actors/" + encodeURIComponent(event.target.id());
      });
      window.__network = graph;  // for the end-to-end tests
      status.textContent = data.nodes.length + " actors, " + data.edges.length +
        " strongest relations, from " + data.events_drawn.toLocaleString() +
        " events" + (data.events_drawn >= data.max_events ? " (the latest in the filters)" : "") + ".";
      box.setAttribute("data-ready", "true");
    })
    .catch(function (error) { status.textContent = "Could not draw the network: " + error.message; });
})();
