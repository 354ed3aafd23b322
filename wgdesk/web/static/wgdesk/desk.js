/* The desk's only script of its own: progressive enhancement, the pages work without it
   (without script, nojs.css keeps the menu open). */
(function () {
  "use strict";

  /* Wide tables scroll sideways inside their own box on a phone, not the whole page. */
  function wrapTables(scope) {
    scope.querySelectorAll("main table").forEach(function (table) {
      if (table.parentElement.classList.contains("table-responsive")) { return; }
      var box = document.createElement("div");
      box.className = "table-responsive";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  /* A button with data-confirm asks before it submits (without script it just submits). */
  function confirmSubmit(event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  }

  /* A suggested HS code (sanctions/hs_hits.html) fills its field when chosen. */
  function fillField(event) {
    var button = event.target.closest("button[data-fill]");
    if (!button) { return; }
    var field = document.getElementById(button.dataset.fill);
    if (!field) { return; }
    field.value = button.value;
    var box = button.closest(".hs-box");
    if (box) { box.textContent = ""; }
    field.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables(document);
    document.addEventListener("submit", confirmSubmit, true);
    document.addEventListener("click", fillField);
  });
  document.addEventListener("htmx:afterSwap", function (event) { wrapTables(event.target); });
})();
