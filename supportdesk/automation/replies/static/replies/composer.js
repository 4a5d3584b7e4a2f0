/* Reply templates in the composer: a click on a result inserts its rendered text into the reply box
 * at the cursor and counts the use. Plain event delegation (no inline script: the CSP forbids it);
 * the results come from the server already rendered and HTML-escaped in data-text. */
(function () {
  "use strict";
  if (window.sdReplyTemplates) return; // the partial may be loaded again
  window.sdReplyTemplates = true;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function insert(textarea, text) {
    var start = textarea.selectionStart || 0;
    var end = textarea.selectionEnd || 0;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    textarea.value = before + text + after;
    var caret = before.length + text.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-reply-template]");
    if (!button) return;
    event.preventDefault();
    var textarea = document.getElementById("composer-body");
    if (!textarea) return;
    insert(textarea, button.getAttribute("data-text") || "");
    var url = button.getAttribute("data-use-url");
    if (url && window.fetch) {
      fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } }).catch(function () {});
    }
  });

  // Enter in the search box must not send the reply.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches("[data-reply-template-search]")) {
      event.preventDefault();
    }
  });
})();
