/* The knowledge base article editor: a toolbar over a contenteditable area.
 *
 * Progressive: without this script the <textarea> (HTML) is the editor. With it, the textarea is
 * hidden and kept in step with the editable area, so the form posts the same field either way.
 * The server sanitizes whatever arrives (kb.actions), so nothing here is a security boundary.
 * Plain event handlers from our own origin: the CSP forbids inline script.
 */
(function () {
  "use strict";

  var SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/))/i;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function setup(root) {
    var toolbar = root.querySelector(".kb-editor__toolbar");
    var area = root.querySelector(".kb-editor__area");
    var source = root.querySelector(".kb-editor__source");
    var status = root.querySelector("[data-editor-status]");
    var imageInput = root.querySelector("[data-image-input]");
    var form = root.closest("form");
    if (!toolbar || !area || !source) return;

    function message(name, fallback) {
      return root.getAttribute("data-msg-" + name) || fallback;
    }

    var sourceMode = false;
    var savedRange = null;

    function say(text, isError) {
      if (!status) return;
      status.textContent = text || "";
      status.hidden = !text;
      status.classList.toggle("is-error", !!isError);
    }

    function sync() {
      if (!sourceMode) source.value = area.innerHTML;
    }

    function load() {
      area.innerHTML = source.value.trim() ? source.value : "<p><br></p>";
    }

    function rememberSelection() {
      var selection = window.getSelection();
      if (selection && selection.rangeCount && area.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        savedRange = selection.getRangeAt(0).cloneRange();
      }
    }

    function restoreSelection() {
      area.focus();
      if (!savedRange) return;
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(savedRange);
    }

    function insertNode(node) {
      restoreSelection();
      var selection = window.getSelection();
      if (!selection.rangeCount || !area.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        area.appendChild(node);
      } else {
        var range = selection.getRangeAt(0);
        range.deleteContents();
        range.insertNode(node);
        range.setStartAfter(node);
        range.collapse(true);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      sync();
    }

    function wrapInCode() {
      restoreSelection();
      var selection = window.getSelection();
      var text = selection.rangeCount ? selection.toString() : "";
      var code = document.createElement("code");
      code.textContent = text || "code";
      insertNode(code);
    }

    function addLink(button) {
      rememberSelection();
      var url = window.prompt(button.getAttribute("data-prompt") || "URL", "https://");
      if (!url) return;
      url = url.trim();
      if (!SAFE_LINK.test(url)) {
        say(message("bad-link", "?"), true);
        return;
      }
      restoreSelection();
      var selection = window.getSelection();
      if (selection.isCollapsed) {
        var link = document.createElement("a");
        link.href = url;
        link.textContent = url;
        insertNode(link);
      } else {
        document.execCommand("createLink", false, url);
      }
      say("");
    }

    function upload(file) {
      var url = root.getAttribute("data-upload-url");
      if (!url || !file) return;
      var body = new FormData();
      body.append("file", file);
      body.append("image", "1");
      say(message("uploading", "…") + " " + file.name);
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            say(result.data.error || message("upload-failed", "!"), true);
            return;
          }
          var img = document.createElement("img");
          img.src = result.data.url;
          img.alt = result.data.filename || "";
          insertNode(img);
          say("");
        })
        .catch(function () {
          say(message("upload-failed", "!"), true);
        });
    }

    function toggleSource(button) {
      if (sourceMode) {
        sourceMode = false;
        load();
        source.hidden = true;
        area.hidden = false;
        area.focus();
      } else {
        sync();
        sourceMode = true;
        area.hidden = true;
        source.hidden = false;
        source.focus();
      }
      button.setAttribute("aria-pressed", sourceMode ? "true" : "false");
      Array.prototype.forEach.call(toolbar.querySelectorAll("[data-cmd]"), function (other) {
        if (other !== button) other.disabled = sourceMode;
      });
    }

    var blocks = { h2: "h2", h3: "h3", p: "p" };
    var simple = { bold: "bold", italic: "italic", ul: "insertUnorderedList", ol: "insertOrderedList" };

    toolbar.addEventListener("mousedown", function (event) {
      if (event.target.closest("[data-cmd]")) event.preventDefault(); // keep the selection in the text
    });
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-cmd]");
      if (!button) return;
      event.preventDefault();
      var cmd = button.getAttribute("data-cmd");
      if (cmd === "source") return toggleSource(button);
      if (sourceMode) return;
      if (cmd === "link") return addLink(button);
      if (cmd === "code") return wrapInCode();
      if (cmd === "image") {
        rememberSelection();
        if (imageInput) imageInput.click();
        return;
      }
      restoreSelection();
      if (blocks[cmd]) document.execCommand("formatBlock", false, blocks[cmd]);
      else if (simple[cmd]) document.execCommand(simple[cmd], false, null);
      sync();
    });
    if (imageInput) {
      imageInput.addEventListener("change", function () {
        if (imageInput.files && imageInput.files[0]) upload(imageInput.files[0]);
        imageInput.value = "";
      });
    }
    area.addEventListener("input", sync);
    area.addEventListener("keyup", rememberSelection);
    area.addEventListener("mouseup", rememberSelection);
    area.addEventListener("blur", rememberSelection);
    if (form) {
      form.addEventListener("submit", function () {
        if (!sourceMode) sync();
      });
    }

    document.execCommand("defaultParagraphSeparator", false, "p");
    load();
    source.hidden = true;
    area.hidden = false;
    toolbar.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-editor]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
