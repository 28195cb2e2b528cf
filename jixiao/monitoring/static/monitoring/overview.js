// Draws the overview's two charts from the JSON embedded by the page (json_script); a click on
// a bar opens the projects behind it. ECharts is served by the app (no CDN).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var script = document.currentScript;
  var base = script.getAttribute("data-drilldown");
  function bar(id, rows, colour, onClick) {
    var element = document.getElementById(id);
    if (!element || typeof echarts === "undefined") { return; }
    var chart = echarts.init(element);
    chart.setOption({
      animation: false,
      tooltip: {},
      grid: { left: 40, right: 10, top: 10, bottom: 30 },
      xAxis: { type: "category", data: rows.map(function (r) { return r[0]; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: rows.map(function (r) { return r[1]; }), itemStyle: { color: colour } }]
    });
    chart.on("click", function (event) { onClick(event.dataIndex); });
    element.setAttribute("data-rendered", "1");
  }
  bar("chart-buckets", data.buckets, "#3b6ea5", function (i) {
    window.location = base + "&bucket=" + encodeURIComponent(data.bucket_codes[i]);
  });
  bar("chart-grades", data.grades, "#2e8b57", function (i) {
    window.location = base + "&grade=" + encodeURIComponent(data.grades[i][0]);
  });
})();
