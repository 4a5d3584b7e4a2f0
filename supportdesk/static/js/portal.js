/* Customer portal and help centre behaviour. Loaded from our origin (the CSP forbids inline script);
 * Alpine components (CSP build) are registered here with Alpine.data, before Alpine starts.
 */
(function () {
  "use strict";

  // <select data-autosubmit> submits its form on change (the language switch); the form keeps a
  // submit button for browsers without script.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });

  // A button with data-once is disabled after its form is submitted, so a double click sends one request.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.querySelectorAll) return;
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.querySelectorAll("button[data-once]"), function (button) {
        button.disabled = true;
      });
    }, 0);
  });
})();
