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
})();
