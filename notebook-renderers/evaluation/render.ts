/**
 * The evaluation report: headline metrics as tiles, then for classification the confusion matrix
 * heatmap, the ROC curve(s) with AUC and the per-class scores; for regression the residuals
 * against the predictions.
 */
import type { EvaluationPayload } from "../../src/protocol/views";
import { fmt, h, unreadable } from "../shared/dom";
import { confusionHeatmap, metricTiles, residualPlot, rocChart } from "../shared/result-parts";
import { useTheme } from "../shared/theme";

/** A 0..1 score with three decimals, so that 1 and 0.947 line up in a column as 1.000 and 0.947. */
function score(v: number | null | undefined): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : fmt(v);
}

/** A table of many rows (100 classes) scrolls in a box instead of making the output thousands of pixels tall. */
function wrapLong(rows: number, table: HTMLElement): HTMLElement {
  return rows > 20 ? h("div", { class: "scroll-y" }, table) : table;
}

export function renderEvaluation(container: HTMLElement, payload: unknown): void {
  const p = payload as EvaluationPayload;
  if (!p || p.kind !== "evaluation" || !Array.isArray(p.metrics)) return unreadable(container, "evaluation", "the output is not an aibook evaluation payload.");
  useTheme();
  const root = h(
    "div",
    { class: "aibook-view aibook-evaluation" },
    h("div", { class: "title" }, p.name),
    h("div", { class: "summary" }, `${p.model} · ${p.task} · ${fmt(p.rows)} rows, ${fmt(p.features)} features`),
    metricTiles(p.metrics),
  );
  const row = h("div", { class: "row" });
  const perClass = p.perClass?.length
    ? [
        h("h4", {}, "Per class"),
        wrapLong(p.perClass.length, h(
          "table",
          { class: "grid per-class" },
          h("tr", {}, h("th", {}, "class"), ...["precision", "recall", "f1", "support"].map((t) => h("th", { class: "num" }, t))),
          ...p.perClass.map((r) => h("tr", {}, h("td", {}, r.label), h("td", { class: "num" }, score(r.precision)), h("td", { class: "num" }, score(r.recall)), h("td", { class: "num" }, score(r.f1)), h("td", { class: "num" }, fmt(r.support)))),
        )),
      ]
    : [];
  // The per-class scores go under the confusion matrix, beside the ROC curve: below the whole row
  // they left an empty block under the (shorter) matrix.
  if (p.confusion) row.append(h("div", {}, h("h4", {}, "Confusion matrix"), confusionHeatmap(p.confusion), ...perClass));
  if (p.roc?.length) {
    const curves = p.roc.filter((r) => r.fpr.length).map((r) => ({ name: p.roc!.length === 1 ? `positive: ${r.positiveLabel}` : r.positiveLabel, curve: r }));
    if (curves.length) row.append(h("div", {}, h("h4", {}, p.roc.length === 1 ? "ROC curve" : "ROC curves (one class vs the rest)"), rocChart(curves)));
  }
  if (p.residuals) row.append(h("div", {}, h("h4", {}, "Residuals"), residualPlot(p.residuals)));
  root.append(row);
  if (!p.confusion) root.append(...perClass);
  container.replaceChildren(root);
}
