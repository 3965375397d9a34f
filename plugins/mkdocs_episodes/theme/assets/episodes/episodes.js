/* Reader control on episode pages: hide the host's commentary (opinion and analysis) and
   show it again. Only commentary collapses: its labelled header stays, so a reader can see
   where it was. The choice is kept in localStorage and applies to every episode page. */
(function () {
  "use strict";
  var KEY = "episodes.hideCommentary";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function apply(hidden) {
    root.classList.toggle("ep-hide-commentary", hidden);
    var buttons = document.querySelectorAll("[data-ep-toggle=commentary]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      b.setAttribute("aria-pressed", hidden ? "true" : "false");
      b.textContent = hidden ? b.getAttribute("data-label-show") : b.getAttribute("data-label-hide");
    }
  }
  function init() {
    var buttons = document.querySelectorAll("[data-ep-toggle=commentary]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].hasAttribute("data-ep-ready")) continue;
      buttons[i].setAttribute("data-ep-ready", "");
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var hidden = !root.classList.contains("ep-hide-commentary");
        store(hidden);
        apply(hidden);
      });
    }
    apply(stored());
  }
  // Material's instant navigation swaps the page without loading it: its document$ says
  // when each page (the first too) is in place; without it, the page's own load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* A click in a transcript line's gutter (its number) links that line: #L57. */
document.addEventListener("click", function (event) {
  var line = event.target;
  if (!line || !line.classList || !line.classList.contains("ep-l")) return;
  var padding = parseFloat(getComputedStyle(line).paddingLeft) || 0;
  if (event.clientX - line.getBoundingClientRect().left <= padding) {
    location.hash = line.id;
  }
});
