// The app's own small behaviours, kept out of the pages so the content security policy can forbid inline script.
(function () {
  "use strict";
  // A select marked data-autosubmit submits its form when changed (the language switch).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  // Open the tab named in the address (#tab-documents …), so redirects after a save land on the right section.
  document.addEventListener("DOMContentLoaded", function () {
    var button = location.hash && document.querySelector('[data-bs-target="' + CSS.escape(location.hash) + '"]');
    if (button && window.bootstrap) {
      bootstrap.Tab.getOrCreateInstance(button).show();
    }
  });
  // Phone cards (table.table-cards, static/css/app.css): a cell a template left without data-label takes its
  // column's heading, so every card still names its fields (tables whose columns are built in a loop).
  function labelCards(root) {
    root.querySelectorAll("table.table-cards").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody > tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && heads[index] && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", heads[index]);
          }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { labelCards(document); });
  document.addEventListener("htmx:afterSwap", function (event) { labelCards(document); });
})();
