/* Birmingham Career Pathways embed, for the page of another site. Paste:

     <div data-bcp-embed="https://TRACKER/embed?kind=internship" data-bcp-title="Paid internships">
       <a href="https://TRACKER/search?kind=internship">Paid internships</a>
     </div>
     <script src="https://TRACKER/static/js/embed.js" async></script>

   Each such element gets an iframe of the embed page, kept as tall as its content: the
   frame posts its height, and only messages from the tracker's own origin, sent by one
   of these frames, are believed. The link stays until the frame's first message proves
   it loaded: a site the tracker does not (yet) let frame its embed keeps a working link,
   not a grey "refused to connect" box. Without JavaScript the link remains. */
(function () {
  "use strict";
  var HELLO = "bcp-embed:hello";
  var HEIGHT = "bcp-embed:height";
  var MAX_HEIGHT = 20000;
  // A frame that has not spoken by then was refused (or is unreachable): drop it, keep the link.
  var GIVE_UP_MS = 15000;

  var script = document.currentScript ||
    document.querySelector('script[src$="/static/js/embed.js"]');
  if (!script || !window.URL || !window.postMessage) return;
  var scriptUrl = new URL(script.src, document.baseURI);
  var origin = scriptUrl.origin;
  // The embed page sits beside /static on the same site as this script.
  var embedPath = scriptUrl.pathname.replace(/static\/js\/embed\.js$/, "embed");
  var frames = [];

  function mount(holder) {
    if (holder.getAttribute("data-bcp-mounted")) return;
    var src;
    try {
      src = new URL(holder.getAttribute("data-bcp-embed"), scriptUrl);
    } catch (e) {
      return;
    }
    // Frame nothing but this tracker's embed pages.
    if (src.origin !== origin || src.pathname !== embedPath) return;
    var iframe = document.createElement("iframe");
    iframe.src = src.href;
    iframe.title = holder.getAttribute("data-bcp-title") ||
      (holder.textContent || "").trim() || "Opportunities";
    iframe.setAttribute("data-bcp-frame", "");
    iframe.style.display = "block";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    // Out of sight, but laid out at full width so the page inside measures its true height.
    iframe.style.height = "0";
    iframe.style.visibility = "hidden";
    iframe.addEventListener("load", function () {
      // Each page loaded in the frame (also after "Next page") learns where to report.
      iframe.contentWindow.postMessage({ type: HELLO }, origin);
    });
    holder.setAttribute("data-bcp-mounted", "1");
    holder.appendChild(iframe);
    frames.push(iframe);
    window.setTimeout(function () {
      if (iframe.style.visibility !== "hidden") return;
      frames.splice(frames.indexOf(iframe), 1);
      holder.removeChild(iframe);
      holder.setAttribute("data-bcp-fallback", "1");
    }, GIVE_UP_MS);
  }

  function reveal(iframe) {
    // The frame answered from the tracker's origin: it loaded, so it replaces the link.
    var holder = iframe.parentNode;
    Array.prototype.slice.call(holder.childNodes).forEach(function (node) {
      if (node !== iframe) holder.removeChild(node);
    });
    iframe.style.visibility = "visible";
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== HEIGHT) return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + "px";
        if (frames[i].style.visibility === "hidden") reveal(frames[i]);
      }
    }
  });

  function mountAll() {
    var holders = document.querySelectorAll("[data-bcp-embed]");
    for (var i = 0; i < holders.length; i++) mount(holders[i]);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
