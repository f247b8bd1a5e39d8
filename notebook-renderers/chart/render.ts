/** Charts (histogram, scatter, line, bar) drawn as SVG in the theme's chart colours. */
import type { BarChart, ChartPayload, HistogramChart, XYChart } from "../../src/protocol/views";
import { fmt, h, s, unreadable } from "../shared/dom";
import { extent, plot, type Plot } from "../shared/plot";
import { useTheme } from "../shared/theme";
import { seriesColors } from "../shared/series-colors";
import { swatch } from "../shared/result-parts";

/** The colour of series k. */
type SeriesColor = (k: number) => string;

function histogramChart(c: HistogramChart, color: SeriesColor): Plot {
  const max = Math.max(1, ...c.series.flatMap((sr) => sr.counts));
  const p = plot({ x: [c.edges[0], c.edges[c.edges.length - 1]], y: [0, max * 1.05], xLabel: c.xLabel, yLabel: c.yLabel ?? "count", title: c.title });
  c.series.forEach((sr, k) =>
    sr.counts.forEach((n, i) => {
      const x0 = p.x(c.edges[i]), x1 = p.x(c.edges[i + 1]);
      p.marks.appendChild(s("rect", { class: "bar", x: x0 + 0.5, width: Math.max(1, x1 - x0 - 1), y: p.y(n), height: p.y(0) - p.y(n), fill: color(k), "fill-opacity": c.series.length > 1 ? 0.55 : 0.85 }, s("title", {}, `${sr.name} [${fmt(c.edges[i])}, ${fmt(c.edges[i + 1])}): ${n}`)));
    }),
  );
  return p;
}

function xyChart(c: XYChart, color: SeriesColor): Plot {
  const p = plot({ x: extent(c.series.flatMap((sr) => sr.x)), y: extent(c.series.flatMap((sr) => sr.y)), xLabel: c.xLabel, yLabel: c.yLabel, title: c.title, xTime: c.xTime });
  c.series.forEach((sr, k) => {
    if (c.chart === "line") {
      const order = sr.x.map((_, i) => i).sort((a, b) => sr.x[a] - sr.x[b]);
      p.marks.appendChild(s("polyline", { class: "line", points: order.map((i) => `${p.x(sr.x[i]).toFixed(1)},${p.y(sr.y[i]).toFixed(1)}`).join(" "), fill: "none", stroke: color(k), "stroke-width": 2 }));
    } else {
      const r = sr.x.length > 1000 ? 1.5 : 3;
      sr.x.forEach((x, i) => p.marks.appendChild(s("circle", { class: "point", cx: p.x(x).toFixed(1), cy: p.y(sr.y[i]).toFixed(1), r, fill: color(k), "fill-opacity": 0.65 })));
    }
  });
  return p;
}

function barChart(c: BarChart, color: SeriesColor): Plot {
  const values = c.series.flatMap((sr) => sr.values).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const p = plot({ x: [0, c.categories.length], y: [lo, hi === lo ? lo + 1 : hi * 1.05], xCategories: c.categories, xLabel: c.xLabel, yLabel: c.yLabel, title: c.title });
  const band = p.innerWidth / Math.max(1, c.categories.length);
  const w = (band * 0.8) / Math.max(1, c.series.length);
  c.series.forEach((sr, k) =>
    sr.values.forEach((v, i) => {
      if (v === null) return;
      const x = p.x(i) + band * 0.1 + k * w;
      p.marks.appendChild(s("rect", { class: "bar", x, width: Math.max(1, w - 1), y: p.y(Math.max(0, v)), height: Math.abs(p.y(v) - p.y(0)), fill: color(k) }, s("title", {}, `${c.categories[i]} · ${sr.name}: ${fmt(v)}`)));
    }),
  );
  return p;
}

export function renderChart(container: HTMLElement, payload: unknown): void {
  const c = payload as ChartPayload;
  if (!c || c.kind !== "chart" || !Array.isArray(c.series)) return unreadable(container, "chart", "the output is not an aibook chart payload.");
  useTheme();
  // Resolved per render: the theme can change between two outputs.
  const palette = seriesColors();
  const color: SeriesColor = (k) => palette[k % palette.length];
  let p: Plot;
  if (c.chart === "histogram") p = histogramChart(c, color);
  else if (c.chart === "bar") p = barChart(c, color);
  else if (c.chart === "scatter" || c.chart === "line") p = xyChart(c, color);
  else return unreadable(container, "chart", `unknown chart type "${String((c as { chart?: unknown }).chart)}".`);
  p.svg.setAttribute("aria-label", c.title ?? c.chart);
  p.svg.classList.add(`chart-${c.chart}`);
  const legend = c.series.length > 1 ? h("div", { class: "legend" }, ...c.series.map((sr, k) => h("span", {}, swatch(color(k)), sr.name))) : null;
  const note = c.chart !== "histogram" && c.chart !== "bar" && c.sampled ? h("div", { class: "muted" }, "points sampled for drawing") : null;
  container.replaceChildren(h("div", { class: "aibook-view aibook-chart" }, p.svg, legend, note));
}
