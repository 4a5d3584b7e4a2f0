/* Supportdesk agent workspace behaviour. Loaded from our origin (the CSP forbids inline script).
 * - Alpine components (CSP build: registered here with Alpine.data, no expressions in HTML).
 * - Live refresh glue: live.js fires `sd:ticket-changed` on <body>; ticket pages turn it into
 *   `sd:this-ticket-changed` only for their own ticket, and refreshes never clobber work in progress.
 */
(function () {
  "use strict";

  document.addEventListener("alpine:init", function () {
    var Alpine = window.Alpine;

    Alpine.data("bulkSelect", function () {
      return {
        count: 0,
        get none() {
          return this.count === 0;
        },
        boxes: function () {
          return Array.prototype.slice.call(this.$root.querySelectorAll('input[name="ticket_ids"]'));
        },
        update: function () {
          this.count = this.boxes().filter(function (b) { return b.checked; }).length;
        },
        toggleAll: function (event) {
          var on = event.target.checked;
          this.boxes().forEach(function (b) { b.checked = on; });
          this.update();
        },
      };
    });

    Alpine.data("composer", function () {
      return {};
    });
  });

  function ticketIdOf(el) {
    return el ? String(el.getAttribute("data-live-ticket") || "") : "";
  }

  // Only the open ticket's own changes refresh its timeline and sidebar.
  document.addEventListener("sd:ticket-changed", function (event) {
    var detail = event.detail || {};
    var live = document.querySelector("[data-live-ticket]");
    if (live && ticketIdOf(live) === String(detail.ticket_id)) {
      document.body.dispatchEvent(new CustomEvent("sd:this-ticket-changed", { detail: detail }));
    }
  });

  // A refetch must not throw away a selection or a half-edited form.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var el = event.detail && event.detail.elt;
    if (!el || !el.id) return;
    if (el.id === "inbox-list" && el.querySelector('input[name="ticket_ids"]:checked')) {
      event.preventDefault();
    }
    if (el.id === "ticket-sidebar" && el.contains(document.activeElement) && document.activeElement !== document.body) {
      event.preventDefault();
    }
  });

  // <select data-autosubmit> submits its form on change (language switch).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
})();
