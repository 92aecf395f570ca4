/*
 * charts.js: initialises ECharts charts from server-built options, without inline scripts.
 *
 * Markup (CSP-safe; the container's height comes from .chart in zhengwu.css):
 *   {{ chart_option|json_script:"chart-data" }}
 *   <div class="chart" data-chart="chart-data" role="img" aria-label="…"></div>
 *   {% block extra_js %}
 *     <script src="{% static 'vendor/echarts/echarts.min.js' %}" defer></script>
 *     <script src="{% static 'js/charts.js' %}" defer></script>
 *   {% endblock %}
 *
 * data-chart names the id of the json_script element that holds the ECharts option object.
 * Charts are re-initialised after htmx swaps, and resized with the window.
 */
(function () {
  "use strict";

  var FONT =
    '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
  var PALETTE = ["#1a4d8f", "#a3161d", "#2f7d4a", "#b26a00", "#6b4fa3", "#1f7f8c", "#555d69"];
  var instances = [];

  function readOption(id) {
    var source = document.getElementById(id);
    if (!source) {
      return null;
    }
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      if (window.console) {
        window.console.warn("charts.js: invalid chart options in #" + id, error);
      }
      return null;
    }
  }

  function initChart(element) {
    if (!window.echarts || element.getAttribute("data-chart-ready") === "true") {
      return;
    }
    var option = readOption(element.getAttribute("data-chart"));
    if (!option) {
      return;
    }
    if (!option.color) {
      option.color = PALETTE;
    }
    option.textStyle = Object.assign({ fontFamily: FONT }, option.textStyle || {});
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option);
    element.setAttribute("data-chart-ready", "true");
    instances.push(chart);
  }

  function initAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var elements = scope.querySelectorAll("[data-chart]");
    for (var i = 0; i < elements.length; i += 1) {
      initChart(elements[i]);
    }
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      instances = instances.filter(function (chart) {
        if (chart.isDisposed() || !document.body.contains(chart.getDom())) {
          return false;
        }
        chart.resize();
        return true;
      });
    }, 150);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    initAll(event.target);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      initAll(document);
    });
  } else {
    initAll(document);
  }
})();
