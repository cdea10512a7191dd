/* "Show password" beside each password field (ASVS 2.1.12), progressive enhancement only:
   <button class="show-password" aria-controls="ID" aria-pressed="false" hidden> stays
   hidden without JavaScript. Pressed, it shows the typed text; pressed again, or when the
   form is sent, the field is masked again so a shown password is never left on screen or
   kept by the browser's form history. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("button.show-password"), function (button) {
    var field = document.getElementById(button.getAttribute("aria-controls"));
    if (!field) return;
    function show(on) {
      field.type = on ? "text" : "password";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      show(field.type === "password");
    });
    if (field.form) field.form.addEventListener("submit", function () { show(false); });
  });
})();
