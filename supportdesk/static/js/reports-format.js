/* Formatting and DOM helpers of the report pages (reports.js), in the page's language.
 *
 *   var helpers = window.SupportdeskReportFormat(texts, locale);
 *
 * `texts` are the translated words the page passes in its settings (units, link titles); numbers
 * use Intl.NumberFormat in the page's locale. DOM helpers set text only, never HTML: group, agent
 * and organization names come from the database.
 */
(function () {
  "use strict";

  window.SupportdeskReportFormat = function (T, locale) {
    // -- formatting ----------------------------------------------------------------------------------

    function fill(template, values) {
      return String(template).replace(/%\((\w+)\)(0?\d*)[sd]/g, function (match, name, width) {
        var text = String(values[name]);
        var size = parseInt(width, 10);
        while (width.charAt(0) === "0" && text.length < size) {
          text = "0" + text;
        }
        return text;
      });
    }

    function number(value, digits) {
      return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
    }

    function duration(seconds) {
      var s = Math.max(0, Math.round(seconds));
      if (s < 60) {
        return fill(T.unit.s, { s: s });
      }
      var m = Math.floor(s / 60);
      if (m < 60) {
        return fill(T.unit.min, { m: m });
      }
      var h = Math.floor(m / 60);
      if (h < 24) {
        return fill(T.unit.h, { h: h, m: m % 60 });
      }
      return fill(T.unit.d, { d: Math.floor(h / 24), h: h % 24 });
    }

    function format(value, kind) {
      if (value === null || value === undefined || (typeof value === "number" && isNaN(value))) {
        return "–";
      }
      if (kind === "duration") {
        return duration(value);
      }
      if (kind === "percent") {
        return number(value, 1) + " %";
      }
      if (kind === "score") {
        return number(value, 1);
      }
      if (kind === "decimal") {
        return number(value, 2);
      }
      return number(value, 0);
    }

    function parseDay(text) {
      var parts = String(text).split("-");
      return Date.UTC(parseInt(parts[0], 10), parseInt(parts[1], 10) - 1, parseInt(parts[2], 10));
    }

    function isoDay(ms) {
      return new Date(ms).toISOString().slice(0, 10);
    }

    // -- DOM helpers (text only: names come from the database) ----------------------------------------

    function element(tag, className, text) {
      var node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text !== undefined && text !== null) {
        node.textContent = text;
      }
      return node;
    }

    function link(text, href, testid) {
      var node = element("a", "report-link", text);
      node.href = href;
      node.title = T.open_drilldown;
      if (testid) {
        node.dataset.testid = testid;
      }
      return node;
    }

    function cell(row, content, className) {
      var td = element("td", className === undefined ? "num" : className);
      if (content instanceof Node) {
        td.appendChild(content);
      } else {
        td.textContent = content;
      }
      row.appendChild(td);
      return td;
    }

    function emptyRow(tbody, columns, text) {
      tbody.textContent = "";
      var row = element("tr");
      var td = element("td", "empty", text);
      td.colSpan = columns;
      row.appendChild(td);
      tbody.appendChild(row);
    }

    return {
      fill: fill,
      number: number,
      duration: duration,
      format: format,
      parseDay: parseDay,
      isoDay: isoDay,
      element: element,
      link: link,
      cell: cell,
      emptyRow: emptyRow,
    };
  };
})();
