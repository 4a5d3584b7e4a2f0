/* LLM panel of the ticket sidebar and "Test connection" on the AI settings page.
 * - "Insert into reply" puts the (possibly edited) draft into the composer with the knowledge base
 *   panel's insert (kb-composer.js exposes it as window.sdComposerInsert).
 * - Errors come back with a 4xx/5xx status and the header X-Llm-Error; htmx does not swap error
 *   responses by default, so they are let through here to appear inline.
 * - A "busy" line shows while the model is asked.
 * Plain event delegation, no inline script (CSP). */
(function () {
  "use strict";
  if (window.sdAiLlm) return; // the partial may be loaded again
  window.sdAiLlm = true;

  function insertIntoComposer(text) {
    var textarea = document.getElementById("composer-body");
    if (!textarea) return;
    if (typeof window.sdComposerInsert === "function") {
      window.sdComposerInsert(textarea, text);
      return;
    }
    textarea.value = textarea.value ? textarea.value + "\n\n" + text : text;
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-llm-insert]");
    if (!button) return;
    event.preventDefault();
    var box = button.closest("[data-llm-draft]");
    var draft = box && box.querySelector("[data-llm-draft-text]");
    if (draft) insertIntoComposer(draft.value);
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.getResponseHeader("X-Llm-Error")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function busy(event, on) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-llm-action")) return;
    var panel = elt.closest("[data-llm-panel]");
    var line = panel && panel.querySelector("[data-llm-busy]");
    if (line) line.hidden = !on;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    busy(event, true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    busy(event, false);
  });
})();
