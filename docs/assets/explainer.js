// Mark the sentence named in the address (#s-...) so a reader sees what was cited.
// Works on first load, on in-page anchor clicks and with Material's instant navigation.
(function () {
  function mark() {
    var old = document.querySelectorAll(".ex-s--target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("ex-s--target");
    var id = decodeURIComponent((location.hash || "").slice(1));
    if (!id || id.indexOf("s-") !== 0) return;
    var el = document.getElementById(id);
    if (el && el.classList.contains("ex-s")) el.classList.add("ex-s--target");
  }
  window.addEventListener("hashchange", mark);
  if (typeof document$ !== "undefined") document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
})();
