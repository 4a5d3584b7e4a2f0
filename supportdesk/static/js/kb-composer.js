/* Knowledge base panel of the reply composer: "Insert link" and "Insert text" fetch the text from
 * the server (staff-only endpoints; a link to a non-public article is refused there) and insert it
 * into the reply box at the cursor, like reply templates (replies/composer.js). Plain event
 * delegation, no inline script (CSP). */
(function () {
  "use strict";
  if (window.sdKbComposer) return; // the partial may be loaded again
  window.sdKbComposer = true;

  function insert(textarea, text) {
    var start = textarea.selectionStart || 0;
    var end = textarea.selectionEnd || 0;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    if (before && !/\s$/.test(before)) text = " " + text;
    textarea.value = before + text + after;
    var caret = before.length + text.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  window.sdComposerInsert = insert; // shared with the LLM panel (ai-llm.js)

  function showError(button, message) {
    var panel = button.closest(".kb-composer");
    var box = panel && panel.querySelector("[data-kb-composer-error]");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-kb-insert]");
    if (!button) return;
    event.preventDefault();
    var textarea = document.getElementById("composer-body");
    if (!textarea || !window.fetch) return;
    button.disabled = true;
    fetch(button.getAttribute("data-kb-insert"), { credentials: "same-origin", headers: { Accept: "text/plain" } })
      .then(function (response) {
        return response.text().then(function (body) {
          if (!response.ok) throw new Error(body || response.statusText);
          return body;
        });
      })
      .then(function (body) {
        showError(button, "");
        insert(textarea, body);
      })
      .catch(function (error) {
        showError(button, error.message);
      })
      .finally(function () {
        button.disabled = false;
      });
  });

  // Enter in the search box must not send the reply.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches("[data-kb-composer-search]")) {
      event.preventDefault();
    }
  });
})();
