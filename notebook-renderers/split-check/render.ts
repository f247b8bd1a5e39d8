/**
 * The split check: is the test set like the training set? Findings first (with the pitfall they
 * belong to), then the class shares of both parts and the columns whose distribution shifted.
 */
import type { ColumnShift, SplitCheckPayload } from "../../src/protocol/views";
import { fmt, h, pct, unreadable } from "../shared/dom";
import { scrollX, shareBar, useTheme } from "../shared/theme";

/** Three decimals, so that a column of statistics lines up (0.104 over 0.068, not 0.104 over 0.0682). */
function fixed3(v: number | null | undefined): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : fmt(v);
}

/** A signed value with three decimals and a real minus sign: "+0.820", "−0.021". */
function signed3(v: number): string {
  return `${v < 0 ? "−" : "+"}${Math.abs(v).toFixed(3)}`;
}

const STATISTIC_TITLE = "Kolmogorov–Smirnov: D, the largest gap between the two cumulative distributions (0 to 1). Chi-square: χ² of the table of category counts, train against test.";
const EFFECT_TITLE =
  "Numbers: d, the standardized mean difference (test mean − train mean, in pooled standard deviations; |d| ≥ 0.2 is a noticeable move). " +
  "Categories: V, Cramér's V (0 to 1). A column is marked shifted when its p-value is below alpha (Bonferroni over the columns tested) and D or V reaches the minimum effect size.";

/** The effect of a row: how far a number column's mean moved (the KS statistic D is already shown), or a category's Cramér's V. */
function effectText(c: ColumnShift): string {
  if (c.test === "ks") return typeof c.meanShift === "number" && Number.isFinite(c.meanShift) ? `d ${signed3(c.meanShift)}` : "–";
  return typeof c.effect === "number" && Number.isFinite(c.effect) ? `V ${fixed3(c.effect)}` : "–";
}

function statisticText(c: ColumnShift): string {
  return typeof c.statistic === "number" && Number.isFinite(c.statistic) ? `${c.test === "ks" ? "D" : "χ²"} ${fixed3(c.statistic)}` : "–";
}

/** A p-value as papers print it: three decimals, and "< 0.001" below that. */
export function pValue(p: number | null | undefined): string {
  return typeof p === "number" && Number.isFinite(p) && p < 0.001 ? "< 0.001" : fixed3(p);
}

export function renderSplitCheck(container: HTMLElement, payload: unknown): void {
  const p = payload as SplitCheckPayload;
  if (!p || p.kind !== "split-check" || !Array.isArray(p.findings)) return unreadable(container, "split check", "the output is not an aibook split-check payload.");
  useTheme();
  const root = h(
    "div",
    { class: "aibook-view aibook-split-check" },
    h("div", { class: "title" }, p.findings.length ? `Split check: ${p.findings.length} finding${p.findings.length > 1 ? "s" : ""}` : p.timeOrdered ? "Split check: a time split, the test rows are the latest (columns not compared)" : p.columns.length ? "Split check: the test set looks like the training set" : "Split check: no finding, no column compared"),
    h("div", { class: "summary" }, `train ${fmt(p.trainRows)} rows · test ${fmt(p.testRows)} rows · ${p.duplicateRows === 1 ? "1 test row copies" : `${fmt(p.duplicateRows)} test rows copy`} a training row`),
  );
  if (p.findings.length) {
    root.append(h("ul", { class: "warnings" }, ...p.findings.map((f) => h("li", {}, h("span", { class: `sev-${f.severity}` }, `${f.severity} `), h("code", {}, f.rule), ": ", f.message))));
  }
  if (p.classBalance?.length) {
    root.append(
      h("h4", {}, "Class shares"),
      h("table", { class: "grid" }, h("tr", {}, h("th", {}, "class"), h("th", { class: "num" }, "train"), h("th", {}), h("th", { class: "num" }, "test"), h("th", {})), ...p.classBalance.map((b) => h("tr", {}, h("td", {}, b.label), h("td", { class: "num" }, pct(b.train)), h("td", {}, shareBar(b.train)), h("td", { class: "num" }, pct(b.test)), h("td", {}, shareBar(b.test))))),
    );
  }
  if (p.columns.length) {
    root.append(
      h("h4", {}, "Feature distributions, train vs test"),
      scrollX(h(
        "table",
        { class: "grid distributions" },
        h("tr", {}, h("th", {}, "column"), h("th", {}, "test"), h("th", { class: "num", title: STATISTIC_TITLE }, "statistic"), h("th", { class: "num" }, "p-value"), h("th", { class: "num", title: EFFECT_TITLE }, "effect size"), h("th", {})),
        ...p.columns.map((c) => h("tr", { "data-column": c.column }, h("td", {}, c.column), h("td", { class: "nowrap", title: c.test === "ks" ? "two-sample Kolmogorov–Smirnov test (numbers)" : "chi-square test of independence (categories)" }, c.test === "ks" ? "Kolmogorov–Smirnov" : "chi-square"), h("td", { class: "num nowrap" }, statisticText(c)), h("td", { class: "num nowrap" }, pValue(c.pValue)), h("td", { class: "num nowrap", title: c.test === "ks" ? "standardized mean difference: (test mean − train mean) / pooled standard deviation" : "Cramér's V" }, effectText(c)), h("td", {}, c.shifted ? h("span", { class: "sev-warning" }, "shifted") : h("span", { class: "muted" }, "ok")))),
      )),
    );
  }
  container.replaceChildren(root);
}
