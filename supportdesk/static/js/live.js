/*
 * Live updates for the agent workspace (loaded as a static file: CSP allows no inline script).
 *
 * Connects to /ws/live/, reconnects with capped exponential backoff, and
 * - re-dispatches every `ticket.changed` push as a `sd:ticket-changed` CustomEvent on <body>
 *   (detail: {ticket_id, group_id}); pages refetch what they show through normal, access-checked URLs;
 * - on a page with `#presence[data-ticket-id]`, watches that ticket, heartbeats, and renders the
 *   names of the *other* viewers into the element (textContent only). An optional, already
 *   translated `data-label` attribute is put before the names; the element is hidden when alone.
 * - fields marked `data-live-typing` send a throttled "typing" signal; others' typing is
 *   re-dispatched as `sd:typing` (detail: {ticket_id, user}).
 * - a `notification` push (the user's own new in-app notification, e.g. an SLA warning) shows a
 *   toast (textContent only, linking to the ticket when there is one) and bumps the unread count
 *   on the bell; it is also re-dispatched as `sd:notification` (detail: the message).
 */
(function () {
  "use strict";

  var HEARTBEAT_MS = 25000;
  var TYPING_THROTTLE_MS = 3000;
  var MIN_BACKOFF_MS = 1000;
  var MAX_BACKOFF_MS = 30000;
  var TOAST_MS = 10000;

  var socket = null;
  var userId = null;
  var backoff = MIN_BACKOFF_MS;
  var heartbeatTimer = null;
  var lastTypingSent = 0;
  var stopped = false;

  function presenceElement() {
    var el = document.getElementById("presence");
    return el && el.dataset.ticketId ? el : null;
  }

  function watchedTicketId() {
    var el = presenceElement();
    var id = el ? parseInt(el.dataset.ticketId, 10) : NaN;
    return isNaN(id) ? null : id;
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function renderPresence(viewers) {
    var el = presenceElement();
    if (!el) {
      return;
    }
    var names = [];
    for (var i = 0; i < viewers.length; i++) {
      if (viewers[i].id !== userId) {
        names.push(String(viewers[i].name));
      }
    }
    if (names.length === 0) {
      el.textContent = "";
      el.hidden = true;
      return;
    }
    var label = el.dataset.label ? el.dataset.label + " " : "";
    el.textContent = label + names.join(", ");
    el.hidden = false;
  }

  function bumpUnread() {
    var bell = document.querySelector(".bell");
    if (!bell) {
      return;
    }
    var count = bell.querySelector(".bell__count");
    if (!count) {
      count = document.createElement("span");
      count.className = "bell__count";
      count.dataset.testid = "unread-count";
      count.textContent = "0";
      bell.appendChild(count);
    }
    var current = parseInt(count.textContent, 10);
    count.textContent = String((isNaN(current) ? 0 : current) + 1);
    bell.classList.add("bell--unread");
  }

  function toastArea() {
    var area = document.getElementById("toasts");
    if (!area) {
      // Styled through the CSSOM: CSP forbids inline style attributes, not script-set properties.
      area = document.createElement("div");
      area.id = "toasts";
      area.setAttribute("role", "status");
      area.setAttribute("aria-live", "polite");
      area.style.position = "fixed";
      area.style.right = "16px";
      area.style.bottom = "16px";
      area.style.zIndex = "1000";
      area.style.maxWidth = "420px";
      document.body.appendChild(area);
    }
    return area;
  }

  function showNotification(message) {
    var toast = document.createElement(message.ticket_id ? "a" : "div");
    toast.className = "toast message message--" + (String(message.kind || "").indexOf("breach") >= 0 ? "error" : "success");
    toast.dataset.kind = String(message.kind || "");
    toast.style.display = "block";
    toast.style.marginTop = "8px";
    toast.style.boxShadow = "0 2px 8px rgba(0, 0, 0, 0.15)";
    toast.textContent = String(message.text || "");
    if (message.ticket_id) {
      toast.href = "/tickets/" + parseInt(message.ticket_id, 10) + "/";
    }
    toastArea().appendChild(toast);
    window.setTimeout(function () {
      if (toast.parentNode) {
        toast.parentNode.removeChild(toast);
      }
    }, TOAST_MS);
    bumpUnread();
    document.body.dispatchEvent(new CustomEvent("sd:notification", { detail: message }));
  }

  function onMessage(event) {
    var message;
    try {
      message = JSON.parse(event.data);
    } catch (err) {
      return;
    }
    if (!message || typeof message !== "object") {
      return;
    }
    if (message.type === "hello") {
      userId = message.user_id;
      var ticketId = watchedTicketId();
      if (ticketId !== null) {
        send({ type: "watch", ticket_id: ticketId });
      }
    } else if (message.type === "ticket.changed") {
      document.body.dispatchEvent(
        new CustomEvent("sd:ticket-changed", { bubbles: true, detail: { ticket_id: message.ticket_id, group_id: message.group_id } })
      );
    } else if (message.type === "notification") {
      showNotification(message);
    } else if (message.type === "presence" && message.ticket_id === watchedTicketId()) {
      renderPresence(message.viewers || []);
    } else if (message.type === "typing") {
      document.body.dispatchEvent(new CustomEvent("sd:typing", { detail: { ticket_id: message.ticket_id, user: message.user } }));
    }
  }

  function connect() {
    if (stopped) {
      return;
    }
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/ws/live/");
    socket.addEventListener("open", function () {
      backoff = MIN_BACKOFF_MS;
      document.body.dataset.live = "connected";
      heartbeatTimer = window.setInterval(function () {
        send({ type: "heartbeat" });
      }, HEARTBEAT_MS);
    });
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", function () {
      window.clearInterval(heartbeatTimer);
      document.body.dataset.live = "disconnected";
      socket = null;
      if (stopped) {
        return;
      }
      // Jitter spreads reconnects after a server restart, so they do not all arrive at once.
      var delay = backoff + Math.floor(Math.random() * 500);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      window.setTimeout(connect, delay);
    });
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest("[data-live-typing]")) {
      return;
    }
    var now = Date.now();
    if (now - lastTypingSent >= TYPING_THROTTLE_MS) {
      lastTypingSent = now;
      send({ type: "typing" });
    }
  });

  window.addEventListener("pagehide", function () {
    stopped = true;
    if (socket) {
      socket.close();
    }
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted && !socket) {
      stopped = false;
      connect();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
})();
