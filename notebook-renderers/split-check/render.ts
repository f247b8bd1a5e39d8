/**
 * The split check: is the test set like the training set? Findings first (with the pitfall they
 * belong to), then the class shares of both parts and the columns whose distribution shifted.
 */
import type { SplitCheckPayload } from "../../src/protocol/views";
import { fmt, h, pct, unreadable } from "../shared/dom";
import { scrollX, shareBar, useTheme } from "../shared/theme";

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
        { class: "grid" },
        h("tr", {}, h("th", {}, "column"), h("th", {}, "test"), ...["statistic", "p-value", "effect"].map((t) => h("th", { class: "num" }, t)), h("th", {})),
        ...p.columns.map((c) => h("tr", {}, h("td", {}, c.column), h("td", { class: "nowrap", title: c.test === "ks" ? "two-sample Kolmogorov–Smirnov test (numbers)" : "chi-square test of independence (categories)" }, c.test === "ks" ? "Kolmogorov–Smirnov" : "chi-square"), h("td", { class: "num" }, fmt(c.statistic, 3)), h("td", { class: "num" }, fmt(c.pValue, 3)), h("td", { class: "num" }, fmt(c.effect, 3)), h("td", {}, c.shifted ? h("span", { class: "sev-warning" }, "shifted") : h("span", { class: "muted" }, "ok")))),
      )),
    );
  }
  container.replaceChildren(root);
}
