/* Saved listings, kept in this browser only (localStorage "saved-listings": listing ids,
   newest first); the server stores nothing. Progressive enhancement:
   - <button data-save="ID" data-label-save="…" data-label-saved="…" hidden> saves or unsaves
     (the words go in its [data-save-label] child, so a hidden listing title can follow);
   - <a data-saved-link href="/saved"> points at /saved?ids=… and shows how many are saved;
   - on /saved with no ids, the page reloads with the browser's list in its address, so the
     server can check each listing is still open;
   - <button data-unsave="ID" hidden> removes one; <button data-keep-all hidden> keeps the
     list in the address (opened from a link) in this browser.
   Where storage is blocked, every button stays hidden and the links still work. */
(function () {
  "use strict";
  var KEY = "saved-listings";

  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (n) { return typeof n === "number" && n > 0; }) : [];
    } catch (error) {
      return null;
    }
  }
  function write(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list));
      return true;
    } catch (error) {
      return false;
    }
  }
  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }
  var ids = read();
  if (ids === null) return;

  function listUrl(base, list) {
    return list.length ? base + "?ids=" + list.join(",") : base;
  }
  function showLinks() {
    each("[data-saved-link]", function (link) {
      var base = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", listUrl(base, ids));
      var count = link.querySelector("[data-saved-count]");
      if (count) count.textContent = ids.length ? " (" + ids.length + ")" : "";
    });
  }

  var here = window.location.pathname;
  var shown = (new URLSearchParams(window.location.search).get("ids") || "").split(",").map(Number).filter(Boolean);
  if (document.querySelector("[data-saved-page]") && window.location.search.indexOf("ids=") < 0 && ids.length) {
    window.location.replace(listUrl(here, ids));
    return;
  }

  each("[data-save]", function (button) {
    var id = Number(button.getAttribute("data-save"));
    var label = button.querySelector("[data-save-label]") || button;
    function show() {
      label.textContent = button.getAttribute(ids.indexOf(id) >= 0 ? "data-label-saved" : "data-label-save");
    }
    show();
    button.hidden = false;
    button.addEventListener("click", function () {
      ids = read() || [];
      var at = ids.indexOf(id);
      if (at >= 0) ids.splice(at, 1);
      else ids.unshift(id);
      write(ids);
      show();
      showLinks();
    });
  });

  each("[data-unsave]", function (button) {
    var id = Number(button.getAttribute("data-unsave"));
    button.hidden = false;
    button.addEventListener("click", function () {
      ids = (read() || []).filter(function (n) { return n !== id; });
      write(ids);
      window.location.replace(listUrl(here, shown.filter(function (n) { return n !== id; })));
    });
  });

  var missing = shown.filter(function (n) { return ids.indexOf(n) < 0; });
  each("[data-keep-all]", function (button) {
    if (!missing.length) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      ids = (read() || []).concat(missing.filter(function (n) { return (read() || []).indexOf(n) < 0; }));
      write(ids);
      button.hidden = true;
      var status = document.getElementById("copy-status");
      if (status) status.textContent = status.getAttribute("data-kept") || "";
      showLinks();
    });
  });
  showLinks();
})();
