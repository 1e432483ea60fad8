// Explainer page behaviour. Everything works without it; it only adds conveniences.
(function () {
  "use strict";

  // Mark the sentence named in the address (#s-...) so a reader sees what was cited.
  function markTarget() {
    var old = document.querySelectorAll(".ex-s--target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("ex-s--target");
    var id = decodeURIComponent((location.hash || "").slice(1));
    if (!id || id.indexOf("s-") !== 0) return;
    var el = document.getElementById(id);
    if (el && el.classList.contains("ex-s")) el.classList.add("ex-s--target");
  }

  // Sortable tables: each header becomes a button; aria-sort tells screen readers the order.
  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      if (th.querySelector("button")) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ex-sort";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b2) {
          var x = a.cells[col].textContent.trim(), y = b2.cells[col].textContent.trim();
          var r = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
          return dir === "ascending" ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  // Filters: shown only when this script runs; they hide rows by speaker and source.
  function filters(box) {
    // the next table after the filters (Material may have wrapped it in scroll containers)
    var table = null;
    for (var sib = box.nextElementSibling; sib && !table; sib = sib.nextElementSibling)
      table = sib.tagName === "TABLE" ? sib : sib.querySelector("table");
    if (!table) return;
    var selects = box.querySelectorAll("select[data-ex-filter]");
    var count = box.querySelector(".ex-filters__count");
    function apply() {
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var ok = true;
        for (var j = 0; j < selects.length; j++) {
          var v = selects[j].value, key = selects[j].getAttribute("data-ex-filter");
          if (v && (rows[i].getAttribute("data-" + key) || "").split("|").indexOf(v) < 0) ok = false;
        }
        var want = ok ? "" : "none";
        if (rows[i].style.display !== want) rows[i].style.display = want;  // untouched rows keep their style
        if (ok) shown++;
      }
      if (count) count.textContent = shown + " of " + rows.length + " statements";
    }
    for (var j = 0; j < selects.length; j++) selects[j].addEventListener("change", apply);
    box.hidden = false;
    apply();
  }

  function init() {
    markTarget();
    document.querySelectorAll("table[data-ex-sortable]").forEach(sortable);
    document.querySelectorAll("[data-ex-filters]").forEach(filters);
  }

  window.addEventListener("hashchange", markTarget);
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
