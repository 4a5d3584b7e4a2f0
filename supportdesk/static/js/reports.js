/*
 * Report dashboards (/reports/ and /reports/me). Loaded as a static file: the CSP allows no inline
 * script. The page renders the filter form and a JSON block (#reports-config: API base, drill-down
 * URL, preset ranges, translated texts); this script
 * - fetches every figure from /api/v1/reports/* (overview, series, breakdown, agents, churn, live)
 *   with the form's filters and renders the tiles and tables (textContent only) and, through
 *   reports-charts.js, the Chart.js charts;
 * - shows each tile's change against the previous period (the compare toggle adds that period to
 *   the volume chart);
 * - keeps the state in the query string: a change pushes a new URL, the back button restores it;
 * - links every number, table cell and chart point to /reports/drilldown with the same parameters
 *   plus the measure (and by/key or period/interval), and every section to its CSV/XLSX export;
 * - refetches the live tiles when live.js reports a ticket change (`sd:ticket-changed`), at most
 *   once every 5 seconds.
 * Progress is visible to tests on #reports: data-state (loading/ready/error) and data-live-fetches.
 */
(function () {
  "use strict";

  var root = document.getElementById("reports");
  var configElement = document.getElementById("reports-config");
  var form = document.getElementById("report-filters");
  if (!root || !configElement || !form) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var T = config.texts;
  var team = config.mode === "team";
  var LIVE_MIN_INTERVAL_MS = 5000;
  var API_PARAMS = ["from", "to", "compare", "group", "channel", "agent", "organization"];
  var FILTERS = ["group", "channel", "agent", "organization"];
  var DAY_MS = 86400000;
  var locale = document.documentElement.lang || undefined;
  var generation = 0;
  var liveLast = 0;
  var liveTimer = null;
  var liveFetches = 0;

  // What each tile shows. `kpi` is the KPI name (a function of the wall/business switch for times),
  // `kind` how to format it, `better` which direction is good (for the colour of the change).
  var TILES = {
    created: { kpi: "created", kind: "count" },
    solved: { kpi: "solved", kind: "count", better: "up" },
    backlog: { source: "backlog", kind: "count", drill: "backlog" },
    replies: { kpi: "replies", kind: "count" },
    tracked_seconds: { kpi: "tracked_seconds", kind: "duration" },
    open_now: { source: "open_now", kind: "count" },
    frt_median: { time: "frt_%s_median", kind: "duration", better: "down" },
    frt_p90: { time: "frt_%s_p90", kind: "duration", better: "down" },
    resolution_median: { time: "resolution_%s_median", kind: "duration", better: "down" },
    resolution_p90: { time: "resolution_%s_p90", kind: "duration", better: "down" },
    sla_first_response: { kpi: "sla_first_response", kind: "percent", better: "up" },
    sla_next_response: { kpi: "sla_next_response", kind: "percent", better: "up" },
    sla_resolution: { kpi: "sla_resolution", kind: "percent", better: "up" },
    fcr_rate: { kpi: "fcr_rate", kind: "percent", better: "up" },
    aht_seconds: { kpi: "aht_seconds", kind: "duration", better: "down" },
    reopen_rate: { kpi: "reopen_rate", kind: "percent", better: "down" },
    csat: { kpi: "csat", kind: "percent", better: "up", extra: "csat_response_rate" },
    nps: { kpi: "nps", kind: "score", better: "up", extra: "nps_response_rate" },
    ces: { kpi: "ces", kind: "decimal", better: "up", extra: "ces_response_rate" },
  };

  // Formatting and DOM helpers live in reports-format.js (loaded first).
  var helpers = window.SupportdeskReportFormat(T, locale);
  var fill = helpers.fill;
  var number = helpers.number;
  var format = helpers.format;
  var parseDay = helpers.parseDay;
  var isoDay = helpers.isoDay;
  var element = helpers.element;
  var link = helpers.link;
  var cell = helpers.cell;
  var emptyRow = helpers.emptyRow;

  // -- state: the form is the source, the query string its copy --------------------------------------

  function formParams() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value) !== "") {
        params.append(name, String(value));
      }
    });
    return params;
  }

  function timeKind() {
    return formParams().get("time") === "business" ? "business" : "wall";
  }

  function range() {
    var params = formParams();
    return { from: params.get("from"), to: params.get("to") };
  }

  function previousRange() {
    var current = range();
    var start = parseDay(current.from);
    var days = Math.round((parseDay(current.to) - start) / DAY_MS) + 1;
    return { from: isoDay(start - days * DAY_MS), to: isoDay(start - DAY_MS) };
  }

  function interval() {
    var chosen = formParams().get("interval");
    if (chosen) {
      return chosen;
    }
    var current = range();
    var days = Math.round((parseDay(current.to) - parseDay(current.from)) / DAY_MS) + 1;
    return days <= 45 ? "day" : days <= 200 ? "week" : "month";
  }

  function breakdownBy() {
    return formParams().get("breakdown") || "group";
  }

  function apiParams(only) {
    var source = formParams();
    var params = new URLSearchParams();
    (only || API_PARAMS).forEach(function (name) {
      source.getAll(name).forEach(function (value) {
        params.append(name, value);
      });
    });
    return params;
  }

  function apiUrl(report, extra, only) {
    var params = apiParams(only);
    Object.keys(extra || {}).forEach(function (name) {
      params.set(name, extra[name]);
    });
    return config.api + report + "?" + params.toString();
  }

  // A drill-down link: the dashboard's state (so "back" restores it) plus what the figure is.
  function drillUrl(measure, extra, otherRange) {
    var params = formParams();
    params.delete("interval");
    params.set("measure", measure);
    if (otherRange) {
      params.set("range", "custom");
      params.set("from", otherRange.from);
      params.set("to", otherRange.to);
    }
    Object.keys(extra || {}).forEach(function (name) {
      params.set(name, String(extra[name]));
    });
    return config.drilldown + "?" + params.toString();
  }

  function applyParams(params) {
    var preset = params.get("range") || (params.get("from") && params.get("to") ? "custom" : "30d");
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.type === "hidden") {
        return;
      }
      if (element.type === "checkbox") {
        element.checked = params.get(element.name) === element.value;
      } else if (element.name === "range") {
        element.value = preset;
      } else if (element.name === "time") {
        element.value = params.get("time") === "business" ? "business" : "wall";
      } else if (element.name === "breakdown") {
        element.value = params.get("breakdown") || "group";
      } else if (element.name !== "from" && element.name !== "to") {
        element.value = params.get(element.name) || "";
      }
    });
    var dates = config.presets[preset];
    form.elements.from.value = dates ? dates[0] : params.get("from") || "";
    form.elements.to.value = dates ? dates[1] : params.get("to") || "";
  }

  function navigate() {
    if (!form.elements.from.value || !form.elements.to.value) {
      return;
    }
    var query = formParams().toString();
    if (query !== window.location.search.replace(/^\?/, "")) {
      window.history.pushState({ reports: true }, "", "?" + query);
    }
    load();
  }

  // -- fetching --------------------------------------------------------------------------------------

  function getJson(url) {
    return window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (body) {
            if (!response.ok) {
              throw new Error((body && (body.detail || body.title)) || T.failed);
            }
            return body;
          });
      });
  }

  function showError(message) {
    var box = document.getElementById("report-error");
    if (box) {
      box.textContent = message || "";
      box.hidden = !message;
    }
  }

  // -- key figures -----------------------------------------------------------------------------------

  function tileKpi(spec) {
    return spec.time ? spec.time.replace("%s", timeKind()) : spec.kpi;
  }

  // The change against the previous period; none when there is no base to compare with (the
  // previous value, shown below it, says why: 0 or "–").
  function changeText(change, spec) {
    var node = element("div", "kpi__change");
    if (change === null || change === undefined) {
      node.classList.add("kpi__change--none");
      return node;
    }
    if (change === 0) {
      node.textContent = T.no_change;
      return node;
    }
    var up = change > 0;
    node.textContent = (up ? "▲ +" : "▼ ") + number(change, 1) + " %";
    if (spec.better) {
      node.classList.add((spec.better === "up") === up ? "kpi__change--good" : "kpi__change--bad");
    }
    return node;
  }

  function renderTiles(overview, agentRow) {
    var box = document.getElementById("kpi-tiles");
    if (!box) {
      return;
    }
    box.textContent = "";
    var compared = overview && overview.previous_kpis;
    String(box.dataset.tiles || "")
      .split(/\s+/)
      .filter(Boolean)
      .forEach(function (name) {
        var spec = TILES[name];
        if (!spec) {
          return;
        }
        var kpi = tileKpi(spec);
        var tile = element("div", "kpi");
        tile.dataset.kpi = kpi || name;
        tile.dataset.testid = "kpi-" + name;
        tile.appendChild(element("div", "kpi__label", spec.source === "open_now" ? T.open_now : T.kpi[kpi || name] || name));
        var value;
        if (spec.source === "backlog") {
          value = overview ? overview.backlog : null;
        } else if (spec.source === "open_now") {
          value = agentRow ? agentRow.open_now : null;
        } else {
          value = overview ? overview.kpis[kpi] : null;
        }
        var shown = format(value, spec.kind);
        if (spec.kpi || spec.time || spec.drill) {
          var valueLink = link(shown, drillUrl(spec.drill || kpi), "kpi-value-" + name);
          valueLink.classList.add("kpi__value");
          tile.appendChild(valueLink);
        } else {
          tile.appendChild(element("div", "kpi__value", shown)).dataset.testid = "kpi-value-" + name;
        }
        if (spec.extra && overview) {
          tile.appendChild(element("div", "kpi__extra small muted", fill(T.response_rate, { value: format(overview.kpis[spec.extra], "percent") })));
        }
        if (compared && (spec.kpi || spec.time)) {
          tile.appendChild(changeText(overview.changes ? overview.changes[kpi] : null, spec));
          var previous = element("div", "kpi__previous small muted");
          var parts = T.previous.split("%(value)s");
          previous.appendChild(document.createTextNode(parts[0]));
          previous.appendChild(link(format(overview.previous_kpis[kpi], spec.kind), drillUrl(kpi, {}, overview.previous), "kpi-previous-" + name));
          previous.appendChild(document.createTextNode(parts[1] || ""));
          tile.appendChild(previous);
        }
        box.appendChild(tile);
      });
  }

  function renderStatus(overview) {
    var status = document.getElementById("report-status");
    if (!status || !overview || !overview.as_of) {
      return;
    }
    var time = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(overview.as_of));
    status.textContent = fill(T.as_of, { time: time });
  }

  // -- charts (drawn by reports-charts.js) -------------------------------------------------------------

  var CHARTS = window.SupportdeskReportCharts;

  function timeMetrics() {
    var kind = timeKind();
    return ["frt_" + kind + "_median", "frt_" + kind + "_p90", "resolution_" + kind + "_median", "resolution_" + kind + "_p90"];
  }

  function volumeMetrics() {
    return team ? ["created", "solved"] : ["solved", "replies"];
  }

  // A chart point's drill-down: its period, in this range or in the previous one.
  function drillPoint(measure, extra, previous) {
    return drillUrl(measure, extra, previous ? previousRange() : null);
  }

  function renderVolume(series) {
    var previousLabels = {};
    volumeMetrics().forEach(function (metric) {
      previousLabels[metric] = fill(T.period_previous, { name: T.kpi[metric] });
    });
    CHARTS.volume("chart-volume", series, {
      metrics: volumeMetrics(),
      backlog: team,
      labels: T.kpi,
      previousLabels: previousLabels,
      axis: { tickets: T.tickets, backlog: T.kpi.backlog },
      drill: drillPoint,
      locale: locale,
    });
  }

  function renderTimes(series) {
    CHARTS.times("chart-times", series, { metrics: timeMetrics(), labels: T.kpi, axis: { hours: T.hours }, drill: drillPoint, locale: locale });
  }

  // -- breakdown, agents, churn ----------------------------------------------------------------------

  function renderBreakdown(payload) {
    var tbody = document.getElementById("breakdown-rows");
    if (!tbody) {
      return;
    }
    var by = payload.by;
    var rows = payload.rows || [];
    var kind = timeKind();
    if (!rows.length) {
      emptyRow(tbody, 8, T.no_data);
    } else {
      tbody.textContent = "";
    }
    var columns = [
      ["created", "count"],
      ["solved", "count"],
      ["frt_" + kind + "_median", "duration"],
      ["resolution_" + kind + "_median", "duration"],
      ["sla_resolution", "percent"],
      ["fcr_rate", "percent"],
      ["csat", "percent"],
    ];
    rows.forEach(function (row) {
      var tr = element("tr");
      tr.dataset.testid = "breakdown-row";
      tr.dataset.key = String(row.key);
      cell(tr, link(row.label, drillUrl("created", { by: by, key: row.key })), "report-table__name");
      columns.forEach(function (column) {
        var value = row.kpis[column[0]];
        cell(tr, value === null || value === undefined ? "–" : link(format(value, column[1]), drillUrl(column[0], { by: by, key: row.key })));
      });
      tbody.appendChild(tr);
    });
    CHARTS.breakdown("chart-breakdown", rows, {
      labels: T.kpi,
      drill: function (measure, key) {
        return drillUrl(measure, { by: by, key: key });
      },
    });
  }

  function renderAgents(payload) {
    var tbody = document.getElementById("agent-rows");
    if (!tbody) {
      return;
    }
    var rows = payload.rows || [];
    if (!rows.length) {
      emptyRow(tbody, 9, T.no_data);
      return;
    }
    tbody.textContent = "";
    rows.forEach(function (row) {
      var tr = element("tr");
      tr.dataset.testid = "agent-row";
      tr.dataset.agent = String(row.agent_id);
      var by = { by: "agent", key: row.agent_id };
      cell(tr, row.name, "report-table__name");
      cell(tr, format(row.open_now, "count"));
      [
        ["solved", row.solved, "count"],
        ["replies", row.replies, "count"],
        ["tracked_seconds", row.tracked_seconds, "duration"],
        ["aht_seconds", row.aht_seconds, "duration"],
        ["fcr_rate", row.fcr_rate, "percent"],
        ["csat", row.csat, "percent"],
      ].forEach(function (column) {
        cell(tr, column[1] === null || column[1] === undefined ? "–" : link(format(column[1], column[2]), drillUrl(column[0], by)));
      });
      cell(tr, format(row.occupancy, "percent"));
      tbody.appendChild(tr);
    });
  }

  function renderChurn(payload) {
    ["customers", "organizations"].forEach(function (kind) {
      var row = document.querySelector('[data-churn="' + kind + '"]');
      var figures = payload[kind] || {};
      if (!row) {
        return;
      }
      row.querySelector('[data-field="previous_active"]').textContent = format(figures.previous_active, "count");
      row.querySelector('[data-field="churned"]').textContent = format(figures.churned, "count");
      row.querySelector('[data-field="rate"]').textContent = format(figures.rate, "percent");
    });
  }

  // -- exports ---------------------------------------------------------------------------------------

  function updateExports() {
    var seriesMetrics = {
      volume: volumeMetrics().concat(team ? ["backlog"] : []).join(","),
      times: timeMetrics().join(","),
    };
    Array.prototype.forEach.call(root.querySelectorAll("a[data-export]"), function (anchor) {
      var report = anchor.dataset.export;
      var extra = { format: anchor.dataset.format };
      var only = null;
      if (report === "series") {
        extra.metrics = seriesMetrics[anchor.dataset.variant];
        extra.interval = interval();
      } else if (report === "breakdown") {
        extra.by = breakdownBy();
      } else if (report === "live") {
        only = FILTERS;
      }
      anchor.href = apiUrl(report, extra, only);
    });
  }

  // -- live tiles ------------------------------------------------------------------------------------

  // The inbox shows the tickets behind a live tile (the same groups, organization and owner).
  function inboxUrl(tile) {
    var source = formParams();
    var params = new URLSearchParams();
    params.set("view", tile === "unassigned" ? "unassigned" : "open");
    if (tile === "at_risk" || tile === "breached") {
      params.set("sla", tile);
    }
    source.getAll("group").forEach(function (value) {
      params.append("group", value);
    });
    if (source.get("organization")) {
      params.set("organization", source.get("organization"));
    }
    if (source.get("agent") && tile !== "unassigned") {
      params.set("owner", source.get("agent"));
    }
    return config.inbox + "?" + params.toString();
  }

  function renderLive(payload) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-live]"), function (node) {
      node.textContent = format(payload[node.dataset.live], "count");
      if (node.tagName === "A") {
        node.href = inboxUrl(node.dataset.live);
      }
    });
    var status = document.getElementById("live-status");
    if (status) {
      status.textContent = fill(T.live_at, { time: new Intl.DateTimeFormat(locale, { timeStyle: "medium" }).format(new Date()) });
    }
  }

  function refreshLive() {
    liveTimer = null;
    liveLast = Date.now();
    liveFetches += 1;
    root.dataset.liveFetches = String(liveFetches);
    return getJson(apiUrl("live", {}, FILTERS))
      .then(renderLive)
      .catch(function (error) {
        showError(error.message);
      });
  }

  // A burst of ticket changes costs one request per LIVE_MIN_INTERVAL_MS, the last change included.
  function onTicketChanged() {
    if (liveTimer !== null) {
      return;
    }
    var wait = liveLast + LIVE_MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      refreshLive();
    } else {
      liveTimer = window.setTimeout(refreshLive, wait);
    }
  }

  // -- loading everything ------------------------------------------------------------------------------

  function load() {
    var mine = ++generation;
    root.dataset.state = "loading";
    showError("");
    updateExports();
    var step = interval();
    var requests = [
      // The tiles always show the change against the previous period; the toggle adds it to the charts.
      getJson(apiUrl("overview", { compare: "previous" })),
      getJson(apiUrl("series", { metrics: volumeMetrics().concat(team ? ["backlog"] : []).join(","), interval: step })),
      getJson(apiUrl("series", { metrics: timeMetrics().join(","), interval: step }, API_PARAMS.filter(function (n) { return n !== "compare"; }))),
      getJson(apiUrl("agents")),
      team ? getJson(apiUrl("breakdown", { by: breakdownBy() })) : Promise.resolve(null),
      team ? getJson(apiUrl("churn")) : Promise.resolve(null),
    ];
    var errors = [];
    var settled = requests.map(function (request) {
      return request.catch(function (error) {
        errors.push(error.message);
        return null;
      });
    });
    refreshLive();
    return Promise.all(settled).then(function (results) {
      if (mine !== generation) {
        return; // a newer state was asked for meanwhile
      }
      var overview = results[0];
      var agentRow = null;
      if (results[3]) {
        agentRow = (results[3].rows || []).filter(function (row) { return row.agent_id === config.self_agent; })[0] || null;
      }
      renderTiles(overview, agentRow);
      renderStatus(overview);
      if (results[1]) {
        renderVolume(results[1]);
      }
      if (results[2]) {
        renderTimes(results[2]);
      }
      if (team && results[3]) {
        renderAgents(results[3]);
      }
      if (results[4]) {
        renderBreakdown(results[4]);
      }
      if (results[5]) {
        renderChurn(results[5]);
      }
      showError(errors[0] || "");
      root.dataset.state = errors.length ? "error" : "ready";
    });
  }

  // -- wiring ----------------------------------------------------------------------------------------

  // Fields outside the form (interval, breakdown: form="report-filters") do not bubble to it.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || target.form !== form) {
      return;
    }
    if (target.name === "range" && config.presets[target.value]) {
      form.elements.from.value = config.presets[target.value][0];
      form.elements.to.value = config.presets[target.value][1];
    } else if (target.name === "from" || target.name === "to") {
      form.elements.range.value = "custom";
    }
    navigate();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    navigate();
  });

  window.addEventListener("popstate", function () {
    applyParams(new URLSearchParams(window.location.search));
    load();
  });

  document.body.addEventListener("sd:ticket-changed", onTicketChanged);

  load();
})();
