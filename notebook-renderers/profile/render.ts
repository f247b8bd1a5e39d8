/**
 * The data profile: the findings first (what to fix before modelling), then the class balance of
 * the target, then one row per column with its type, missing share, distinct values, statistics
 * and a small histogram or its most frequent values.
 */
import type { ColumnProfile, ProfilePayload } from "../../src/protocol/views";
import { ensureStyle, fmt, h, pct, unreadable } from "../shared/dom";
import { sparkBars } from "../shared/plot";
import { scrollX, shareBar, useTheme } from "../shared/theme";

const CSS = `
.aibook-profile table.grid td { vertical-align: top; }
.aibook-profile .colname { font-weight: 600; max-width: 260px; overflow-wrap: anywhere; }
.aibook-profile .notes { font-size: .9em; color: var(--aibook-warning-text); }
.aibook-profile .stats { font-size: .9em; display: grid; grid-template-columns: auto auto auto auto; column-gap: 8px; }
.aibook-profile .stats span:nth-child(odd) { color: var(--vscode-descriptionForeground, #717171); }
.aibook-profile .top { font-size: .9em; }
.aibook-profile .top div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 260px; }
`;

function statsBlock(c: ColumnProfile): HTMLElement | null {
  if (!c.stats) return null;
  const s = c.stats;
  const pairs: [string, number | null][] = [["mean", s.mean], ["std", s.std], ["min", s.min], ["max", s.max], ["q1", s.q1], ["q3", s.q3], ["median", s.median]];
  const el = h("div", { class: "stats" });
  for (const [k, v] of pairs) el.append(h("span", {}, k), h("span", { class: "num" }, fmt(v)));
  if (c.outliers !== undefined) el.append(h("span", {}, "outliers"), h("span", { class: "num" }, fmt(c.outliers)));
  return el;
}

function distribution(c: ColumnProfile): HTMLElement | SVGElement | null {
  if (c.histogram && c.histogram.counts.length) {
    const svg = sparkBars(c.histogram.counts);
    svg.setAttribute("aria-label", `histogram of ${c.name}`);
    return svg;
  }
  if (c.topValues?.length) {
    return h("div", { class: "top" }, ...c.topValues.slice(0, 5).map((t) => h("div", { title: t.label }, shareBar(t.share), " ", t.label, h("span", { class: "muted" }, ` ${pct(t.share)}`))));
  }
  return null;
}

export function renderProfile(container: HTMLElement, payload: unknown): void {
  const p = payload as ProfilePayload;
  if (!p || p.kind !== "profile" || !Array.isArray(p.columns)) return unreadable(container, "profile", "the output is not an aibook profile payload.");
  useTheme();
  ensureStyle("aibook-profile", CSS);
  const root = h("div", { class: "aibook-view aibook-profile" });
  root.append(
    h("div", { class: "title" }, p.title ?? "Data profile"),
    h("div", { class: "summary" }, `${fmt(p.rows)} rows × ${fmt(p.columns.length)} columns · ${fmt(p.duplicateRows)} duplicate rows${p.target ? ` · target: ${p.target}` : ""}`),
  );
  if (p.warnings.length) root.append(h("ul", { class: "warnings" }, ...p.warnings.map((w) => h("li", {}, w))));
  if (p.classBalance?.length) {
    root.append(
      h("h4", {}, `Class balance of ${p.target ?? "the target"}`),
      h("table", { class: "grid balance" }, ...p.classBalance.map((b) => h("tr", {}, h("td", {}, b.label), h("td", { class: "num" }, fmt(b.count)), h("td", {}, shareBar(b.share)), h("td", { class: "num" }, pct(b.share))))),
    );
  }
  const head = h("tr", {}, ...["column", "type", "missing", "distinct", "statistics", "distribution"].map((t) => h("th", { class: t === "missing" || t === "distinct" ? "num" : undefined }, t)));
  const rows = p.columns.map((c) =>
    h(
      "tr",
      { "data-column": c.name },
      h("td", {}, h("div", { class: "colname" }, c.name), c.notes.length ? h("div", { class: "notes" }, c.notes.join(" · ")) : null),
      h("td", {}, h("span", { class: "badge" }, c.type)),
      h("td", { class: "num" }, c.missing ? `${fmt(c.missing)} (${pct(c.missingShare)})` : "0", h("br"), shareBar(c.missingShare, "var(--vscode-editorWarning-foreground, #bf8803)")),
      h("td", { class: "num" }, fmt(c.distinct)),
      h("td", {}, statsBlock(c)),
      h("td", {}, distribution(c)),
    ),
  );
  root.append(scrollX(h("table", { class: "grid columns" }, h("thead", {}, head), h("tbody", {}, ...rows))));
  container.replaceChildren(root);
}
