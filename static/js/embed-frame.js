/* Inside the embed frame: tell the page that framed us how tall our content is.

   The parent's embed.js says hello first; we answer only that window (event.source is
   our parent) and only at its origin. Which origins may frame us at all is decided by
   the Content-Security-Policy frame-ancestors header, not here. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var HELLO = "bcp-embed:hello";
  var HEIGHT = "bcp-embed:height";
  var parentOrigin = null;
  var last = 0;

  function height() {
    var root = document.documentElement;
    return Math.ceil(root.getBoundingClientRect().height);
  }

  function report() {
    if (!parentOrigin) return;
    var now = height();
    if (now === last) return;
    last = now;
    window.parent.postMessage({ type: HEIGHT, height: now }, parentOrigin);
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== HELLO) return;
    if (!event.origin || event.origin === "null") return;
    parentOrigin = event.origin;
    last = 0;
    report();
  });

  if (window.ResizeObserver) {
    new ResizeObserver(report).observe(document.documentElement);
  } else {
    window.addEventListener("resize", report);
  }
  window.addEventListener("load", report);
})();
