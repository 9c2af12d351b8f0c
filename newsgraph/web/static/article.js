// The article view: clicking a mark in the text selects its annotations in the panel,
// clicking an annotation in the panel marks its spans in the text. Only classes and
// element ids are touched: no article content is ever parsed as HTML.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var panel = document.getElementById("panel");
  if (!text || !panel) return;
  var KINDS = { entity: "data-entity", quote: "data-quote", event: "data-event", damage: "data-damage" };

  function clear() {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
  }
  function keysOf(el, kind) {
    return (el.getAttribute(KINDS[kind]) || "").split(/\s+/).filter(Boolean);
  }
  function spansOf(kind, key) {
    return Array.prototype.filter.call(text.querySelectorAll(".mark"), function (el) {
      return keysOf(el, kind).indexOf(key) >= 0;
    });
  }
  function select(kind, key, scrollText) {
    var spans = spansOf(kind, key);
    spans.forEach(function (el) { el.classList.add("selected"); });
    var item = document.getElementById("item-" + kind + "-" + key);
    if (item) item.classList.add("selected");
    if (scrollText && spans.length) spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
    return item;
  }

  text.addEventListener("click", function (event) {
    var mark = event.target.closest(".mark");
    if (!mark) return;
    clear();
    var first = null;
    Object.keys(KINDS).forEach(function (kind) {
      keysOf(mark, kind).forEach(function (key) {
        var item = select(kind, key, false);
        first = first || item;
      });
    });
    if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });

  panel.addEventListener("click", function (event) {
    var item = event.target.closest(".item");
    if (!item || event.target.closest("a.actor")) return;  // actor links go to the profile
    event.preventDefault();
    clear();
    select(item.getAttribute("data-kind"), item.getAttribute("data-key"), true);
  });

  // A link to #q-<id> or #ev-<id> selects that quote or event.
  var hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash.indexOf("q-") === 0) select("quote", hash.slice(2), true);
  if (hash.indexOf("ev-") === 0) select("event", hash.slice(3), true);
})();
