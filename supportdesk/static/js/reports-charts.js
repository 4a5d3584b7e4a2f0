/*
 * Chart.js drawing for the report dashboards (loaded after vendor/chart.umd.min.js, before
 * reports.js; a static file, as the CSP allows no inline script). reports.js decides what to show
 * and passes the payloads, the translated labels and a `drill` function that builds the drill-down
 * URL of a point; this file only draws, and sends a click on a point or bar to that URL.
 * Chart.js sets canvas sizes through the CSSOM, which the CSP (style-src 'self') allows.
 *
 *   window.SupportdeskReportCharts.volume(id, series, options)
 *   window.SupportdeskReportCharts.times(id, series, options)
 *   window.SupportdeskReportCharts.breakdown(id, rows, options)
 */
(function () {
  "use strict";

  var COLORS = ["#1f6feb", "#1a7f37", "#c93c37", "#a86b00", "#8250df", "#0a7ea4", "#6b7280"];
  var charts = {};

  function parseDay(text) {
    var parts = String(text).split("-");
    return Date.UTC(parseInt(parts[0], 10), parseInt(parts[1], 10) - 1, parseInt(parts[2], 10));
  }

  function periodLabel(period, interval, locale) {
    var options = interval === "month" ? { month: "short", year: "numeric", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" };
    return new Intl.DateTimeFormat(locale, options).format(new Date(parseDay(period)));
  }

  function draw(id, definition) {
    if (charts[id]) {
      charts[id].destroy();
      delete charts[id];
    }
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) {
      return;
    }
    definition.options = Object.assign(
      {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "nearest", intersect: true },
        onHover: function (event, elements) {
          canvas.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements, chart) {
          if (!elements.length) {
            return;
          }
          var hit = elements[0];
          var target = chart.data.datasets[hit.datasetIndex].drill;
          var url = target && target(hit.index);
          if (url) {
            window.location.assign(url);
          }
        },
      },
      definition.options || {}
    );
    charts[id] = new window.Chart(canvas, definition);
    canvas.dataset.rendered = "true";
  }

  // One line or bar series of a metric; `drill(index)` is the URL of the tickets behind a point.
  function seriesDataset(label, points, metric, settings) {
    var scale = settings.scale || 1;
    var dataset = Object.assign(
      {
        label: label,
        data: points.map(function (point) {
          var value = point.values[metric];
          return value === null || value === undefined ? null : Math.round((value / scale) * 100) / 100;
        }),
      },
      settings.style || {}
    );
    dataset.drill = settings.drill
      ? function (index) {
          var point = points[index];
          return point ? settings.drill(metric, { period: point.period, interval: settings.interval }, Boolean(settings.previous)) : null;
        }
      : null;
    return dataset;
  }

  function labelsOf(points, interval, locale) {
    return points.map(function (point) {
      return periodLabel(point.period, interval, locale);
    });
  }

  // Counts per period as bars (and the previous period as dashed lines), the backlog as a line on
  // its own axis. options: metrics, backlog (bool), labels {metric: text}, previousLabels,
  // axis {tickets, backlog}, drill(measure, extra, previous), locale.
  function volume(id, series, options) {
    var points = series.points || [];
    var step = series.interval;
    var datasets = options.metrics.map(function (metric, index) {
      return seriesDataset(options.labels[metric], points, metric, {
        interval: step,
        drill: options.drill,
        style: { type: "bar", backgroundColor: COLORS[index], order: 2 },
      });
    });
    if (options.backlog) {
      // No drill-down: the backlog at a day's end is not one list of counted fact rows.
      datasets.push(
        seriesDataset(options.labels.backlog, points, "backlog", {
          style: { type: "line", borderColor: COLORS[2], backgroundColor: COLORS[2], yAxisID: "backlog", order: 1 },
        })
      );
    }
    if (series.previous_points) {
      options.metrics.forEach(function (metric, index) {
        datasets.push(
          seriesDataset(options.previousLabels[metric], series.previous_points, metric, {
            interval: step,
            drill: options.drill,
            previous: true,
            style: { type: "line", borderDash: [6, 4], borderColor: COLORS[index], backgroundColor: COLORS[index], order: 0 },
          })
        );
      });
    }
    var scales = { y: { beginAtZero: true, title: { display: true, text: options.axis.tickets } } };
    if (options.backlog) {
      scales.backlog = { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: options.axis.backlog } };
    }
    draw(id, { type: "bar", data: { labels: labelsOf(points, step, options.locale), datasets: datasets }, options: { scales: scales } });
  }

  // Durations per period as lines, in hours (medians solid, 90th percentiles dashed).
  // options: metrics, labels, axis {hours}, drill, locale.
  function times(id, series, options) {
    var points = series.points || [];
    var step = series.interval;
    var datasets = options.metrics.map(function (metric, index) {
      return seriesDataset(options.labels[metric], points, metric, {
        interval: step,
        scale: 3600,
        drill: options.drill,
        style: { type: "line", borderColor: COLORS[index], backgroundColor: COLORS[index], borderDash: index % 2 ? [4, 3] : [], spanGaps: true },
      });
    });
    draw(id, {
      type: "line",
      data: { labels: labelsOf(points, step, options.locale), datasets: datasets },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: options.axis.hours } } } },
    });
  }

  // Created and solved per breakdown key (the first 15 rows). options: labels, drill(measure, key).
  function breakdown(id, rows, options) {
    var top = rows.slice(0, 15);
    draw(id, {
      type: "bar",
      data: {
        labels: top.map(function (row) {
          return row.label;
        }),
        datasets: ["created", "solved"].map(function (metric, index) {
          return {
            label: options.labels[metric],
            backgroundColor: COLORS[index],
            data: top.map(function (row) {
              return row.kpis[metric];
            }),
            drill: function (i) {
              return options.drill(metric, top[i].key);
            },
          };
        }),
      },
      options: { scales: { y: { beginAtZero: true } } },
    });
  }

  window.SupportdeskReportCharts = { volume: volume, times: times, breakdown: breakdown };
})();
