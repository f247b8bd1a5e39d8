/**
 * Pieces of result views shared by the evaluation renderer and the metrics panel: metric tiles,
 * a confusion-matrix heatmap, ROC curves (several overlaid for comparison) and a residual plot.
 */
import type { ConfusionMatrix, MetricValue, Residuals, RocCurve } from "../../src/protocol/views";
import { fmt, h, pct, s } from "./dom";
import { extent, plot } from "./plot";
import { seriesColors } from "./series-colors";

export function metricTiles(metrics: MetricValue[]): HTMLElement {
  return h(
    "div",
    { class: "tiles" },
    ...metrics.map((m) => h("div", { class: "tile", "data-metric": m.name, title: m.greaterIsBetter ? "higher is better" : "lower is better" }, h("div", { class: "value" }, fmt(m.value, 3)), h("div", { class: "label" }, m.name))),
  );
}

/** More classes than this and the matrix is drawn compact: small shaded squares, counts in tooltips. */
export const COMPACT_CONFUSION_CLASSES = 12;

/**
 * Heatmap of counts, shaded by the share of each true class (row), so a rare class's errors are
 * as visible as a common one's. Diagonal cells (right answers) use the green of the theme. Past
 * COMPACT_CONFUSION_CLASSES classes (100 classes drew a 7,000 px wide table) the cells are small
 * squares without text and the column labels stand upright; the wrapper scrolls if it must.
 */
export function confusionHeatmap(cm: ConfusionMatrix): HTMLElement {
  const compact = cm.labels.length > COMPACT_CONFUSION_CLASSES;
  const cell = (i: number, j: number) => {
    const rowTotal = cm.matrix[i].reduce((a, b) => a + b, 0);
    const share = rowTotal ? cm.matrix[i][j] / rowTotal : 0;
    const color = i === j ? "var(--vscode-charts-green, #388a34)" : "var(--vscode-charts-red, #f14c4c)";
    const title = `true ${cm.labels[i]}, predicted ${cm.labels[j]}: ${fmt(cm.matrix[i][j])} (${pct(share)} of ${cm.labels[i]})`;
    const td = compact
      ? h("td", { class: "num cm-cell", title, "aria-label": title })
      : h("td", { class: "num cm-cell", title }, h("div", {}, fmt(cm.matrix[i][j])), h("div", { class: "cm-share" }, pct(share)));
    td.style.background = `color-mix(in srgb, ${color} ${Math.round(share * 85)}%, transparent)`;
    return td;
  };
  const label = (l: string, column: boolean) => h("th", { title: l, class: column ? "cm-col" : "cm-row" }, compact ? h("span", {}, l) : l);
  const table = h(
    "table",
    { class: `grid confusion${compact ? " compact" : ""}`, "aria-label": "confusion matrix" },
    h("tr", {}, h("th", { class: "muted" }, compact ? "true ↓ / predicted →" : "true ↓ / predicted →"), ...cm.labels.map((l) => label(l, true))),
    ...cm.labels.map((l, i) => h("tr", {}, label(l, false), ...cm.labels.map((_, j) => cell(i, j)))),
  );
  return h("div", { class: "confusion-wrap" }, table, compact ? h("div", { class: "muted" }, `${fmt(cm.labels.length)} classes: hover a square for its count`) : null);
}

export interface NamedRoc {
  name: string;
  curve: RocCurve;
}

/** ROC curves with the chance diagonal; the legend carries each AUC. */
export function rocChart(curves: NamedRoc[], size = 260): HTMLElement {
  const p = plot({ width: size + 70, height: size, x: [0, 1], y: [0, 1], xLabel: "false positive rate", yLabel: "true positive rate" });
  p.marks.appendChild(s("line", { class: "ref", x1: p.x(0), y1: p.y(0), x2: p.x(1), y2: p.y(1) }));
  const colors = seriesColors();
  const color = (k: number) => colors[k % colors.length];
  curves.forEach((c, k) => {
    const points = c.curve.fpr.map((f, i) => `${p.x(f).toFixed(1)},${p.y(c.curve.tpr[i]).toFixed(1)}`).join(" ");
    p.marks.appendChild(s("polyline", { points, fill: "none", stroke: color(k), "stroke-width": 2, class: "roc" }));
  });
  const legend = h("div", { class: "legend" }, ...curves.map((c, k) => h("span", { class: "roc-legend" }, swatch(color(k)), `${c.name}: AUC ${fmt(c.curve.auc, 3)}`)));
  return h("div", { class: "roc-chart" }, p.svg, legend);
}

/** A legend's colour square, in the colour its series is drawn with. */
export function swatch(color: string): HTMLElement {
  const el = h("span", { class: "swatch" });
  el.style.background = color;
  return el;
}

/** Residuals against predictions with the zero line: a pattern means the model misses structure. */
export function residualPlot(r: Residuals): HTMLElement {
  const [y0, y1] = extent(r.residual);
  const bound = Math.max(Math.abs(y0), Math.abs(y1));
  const p = plot({ x: extent(r.predicted), y: [-bound, bound], xLabel: "predicted", yLabel: "residual (actual − predicted)" });
  p.marks.appendChild(s("line", { class: "ref", x1: p.x(extent(r.predicted)[0]), x2: p.x(extent(r.predicted)[1]), y1: p.y(0), y2: p.y(0) }));
  const radius = r.predicted.length > 1000 ? 1.5 : 2.5;
  const dot = seriesColors()[0];
  r.predicted.forEach((x, i) => p.marks.appendChild(s("circle", { cx: p.x(x).toFixed(1), cy: p.y(r.residual[i]).toFixed(1), r: radius, fill: dot, "fill-opacity": 0.6 })));
  return h("div", { class: "residuals" }, p.svg, r.sampled ? h("div", { class: "muted" }, `a sample of ${fmt(r.predicted.length)} points`) : null);
}
