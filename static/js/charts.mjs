// Draw a chart above each dashboard table marked data-chart, from the table's own
// figures: the table stays the accessible source, and without JavaScript it is all there
// is. Chart.js is served from our static files (no CDN), and nothing here needs inline
// script or eval, so it runs under a strict Content Security Policy. The axis titles
// and the figures' unit come from the table's data attributes (dashboards/tables.py).

const BLUE = "#1d70b8";

function figures(table, column) {
  const labels = [];
  const values = [];
  for (const row of table.tBodies[0].rows) {
    labels.push(row.cells[0].textContent.trim());
    const value = parseFloat(row.cells[column].textContent.replace(/[,%]/g, ""));
    values.push(Number.isNaN(value) ? null : value);
  }
  return { labels, values };
}

function axisTitle(text) {
  return { display: Boolean(text), text: text || "", color: "#0b0c0c", font: { size: 14 } };
}

function draw(table) {
  const column = Number(table.dataset.chartColumn);
  const { labels, values } = figures(table, column);
  const heading = table.tHead.rows[0].cells[column].textContent.trim();
  const unit = table.dataset.chartUnit || "";
  const percent = unit === "%";
  const withUnit = (value) => (value === null ? "" : `${value}${unit}`);
  const wrapper = document.createElement("div");
  wrapper.className = "app-chart";
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute(
    "aria-label",
    `${table.dataset.chartLabel}. The figures are in the table that follows.`,
  );
  wrapper.appendChild(canvas);
  table.closest(".app-table-scroll").before(wrapper);
  new window.Chart(canvas, {
    type: table.dataset.chart,
    data: {
      labels,
      datasets: [
        {
          label: heading,
          data: values,
          backgroundColor: BLUE,
          borderColor: BLUE,
          spanGaps: true,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { title: axisTitle(table.dataset.chartXTitle) },
        y: {
          beginAtZero: true,
          max: percent ? 100 : undefined,
          title: axisTitle(table.dataset.chartYTitle),
          ticks: { callback: withUnit },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${heading}: ${withUnit(item.parsed.y)}` } },
      },
    },
  });
}

export function initCharts() {
  if (!window.Chart) return;
  for (const table of document.querySelectorAll("table[data-chart]")) {
    draw(table);
  }
}
