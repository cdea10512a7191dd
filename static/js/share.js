/* Share tools, progressive enhancement only:
   <button data-share-url="URL" data-share-title="…" hidden> opens the phone's share sheet
   (Web Share API); where there is none, it stays hidden and "Copy the link" is the way;
   <button data-copy-target="ID" hidden> copies the text (or value) of element ID;
   <button data-print hidden> prints the page.
   The status element (#copy-status) carries the words to say, in the page's language,
   in data-copied and data-copy-failed.
   Each button stays hidden where the browser cannot do its job; the text can still be
   selected and copied, and the page printed, by hand. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  function say(words) {
    if (status) status.textContent = words;
  }
  if (navigator.clipboard) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = "value" in target ? target.value : (target.href || target.textContent);
        navigator.clipboard.writeText(text.trim()).then(function () {
          say(status && status.getAttribute("data-copied") || "Copied.");
        }, function () {
          if (target.select) target.select();
          say(status && status.getAttribute("data-copy-failed") || "Copying failed: select the text and copy it by hand.");
        });
      });
    });
  }
  if (navigator.share) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-share-url]"), function (button) {
      var data = { title: button.getAttribute("data-share-title") || document.title,
                   url: button.getAttribute("data-share-url") };
      if (navigator.canShare && !navigator.canShare(data)) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        // Closing the sheet without sharing rejects: nothing to say then.
        navigator.share(data).catch(function () {});
      });
    });
  }
  if (window.print) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }
})();
