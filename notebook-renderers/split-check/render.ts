/**
 * The split check: is the test set like the training set? Findings first (with the pitfall they
 * belong to), then the class shares of both parts and the columns whose distribution shifted.
 */
import type { SplitCheckPayload } from "../../src/protocol/views";
import { fmt, h, pct, unreadable } from "../shared/dom";
import { scrollX, shareBar, useTheme } from "../shared/theme";

/** Three decimals, so that a column of statistics lines up (0.104 over 0.068, not 0.104 over 0.0682). */
function fixed3(v: number | null | undefined): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(3) : fmt(v);
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
    h("div", { class: "title" }, p.findings.length ? `Split check: ${p.findings.length} finding${p.findings.length > 1 ? "s" : ""}` : "Split check: the test set looks like the training set"),
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
        h("tr", {}, h("th", {}, "column"), h("th", {}, "test"), ...["statistic", "p-value", "effect"].map((t) => h("th", { class: "num" }, t)), h("th", {})),
        ...p.columns.map((c) => h("tr", {}, h("td", {}, c.column), h("td", { class: "nowrap", title: c.test === "ks" ? "two-sample Kolmogorov–Smirnov test (numbers)" : "chi-square test of independence (categories)" }, c.test === "ks" ? "Kolmogorov–Smirnov" : "chi-square"), h("td", { class: "num" }, fixed3(c.statistic)), h("td", { class: "num" }, pValue(c.pValue)), h("td", { class: "num" }, fixed3(c.effect)), h("td", {}, c.shifted ? h("span", { class: "sev-warning" }, "shifted") : h("span", { class: "muted" }, "ok")))),
      )),
    );
  }
  container.replaceChildren(root);
}
