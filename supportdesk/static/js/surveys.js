/* Survey answer page (/survey/<token>/). Loaded from our origin; the CSP forbids inline script.
 *
 * A click on a score in the survey mail opens the page with that score preselected. A page fetch
 * records nothing (mail scanners fetch links), so this script submits the preselected score at
 * once: for a person the click in the mail is the whole answer, and the page that follows thanks
 * them and offers the comment box. Without script the page shows the same form with a button.
 */
(function () {
  "use strict";

  function submitPreselected() {
    var form = document.querySelector("form[data-survey-autosubmit]");
    if (!form || form.dataset.surveySubmitted) return;
    if (!form.querySelector("input[name=score]:checked")) return;
    form.dataset.surveySubmitted = "1";
    form.classList.add("survey__form--sending");
    form.submit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", submitPreselected);
  } else {
    submitPreselected();
  }
})();
