/**
 * The compareModels leaderboard: simplest model first, the best one marked, each mean score with
 * its spread over folds drawn as a bar with a whisker, so that a difference smaller than the
 * noise is visible as such.
 */
import type { LeaderboardPayload } from "../../src/protocol/views";
import { ensureStyle, fmt, h, s, unreadable } from "../shared/dom";
import { scrollX, useTheme } from "../shared/theme";

const CSS = `
.aibook-leaderboard tr.is-best td { font-weight: 600; }
.aibook-leaderboard .badge.best { margin-left: 6px; }
.aibook-leaderboard tr.failed td { color: var(--aibook-error-text); }
.aibook-leaderboard .scorebar rect.fill { fill: var(--vscode-charts-blue, #3794ff); }
.aibook-leaderboard tr.is-best .scorebar rect.fill { fill: var(--vscode-charts-green, #388a34); }
.aibook-leaderboard .scorebar line { stroke: var(--vscode-editor-foreground, #333); }
.aibook-leaderboard .scorebar circle { fill: var(--vscode-editor-foreground, #333); fill-opacity: .5; }
`;

const W = 160, H = 16;

function scoreBar(mean: number, std: number, scores: (number | null)[], lo: number, hi: number): SVGSVGElement {
  const x = (v: number) => ((v - lo) / (hi - lo || 1)) * W;
  const svg = s("svg", { width: W, height: H, class: "scorebar", role: "img" });
  svg.appendChild(s("rect", { class: "fill", x: 0, y: 4, width: Math.max(1, x(mean)), height: H - 8, rx: 2 }));
  svg.appendChild(s("line", { x1: x(mean - std), x2: x(mean + std), y1: H / 2, y2: H / 2, "stroke-width": 1.5 }));
  for (const sc of scores) if (sc !== null) svg.appendChild(s("circle", { cx: x(sc), cy: H / 2, r: 1.8 }));
  return svg;
}

export function renderLeaderboard(container: HTMLElement, payload: unknown): void {
  const p = payload as LeaderboardPayload;
  if (!p || p.kind !== "leaderboard" || !Array.isArray(p.entries)) return unreadable(container, "leaderboard", "the output is not an aibook leaderboard payload.");
  useTheme();
  ensureStyle("aibook-leaderboard", CSS);
  const values = p.entries.flatMap((e) => [e.mean, ...(e.scores ?? [])]).filter((v): v is number => v !== null && Number.isFinite(v));
  const hi = Math.max(...values, p.greaterIsBetter && values.every((v) => v <= 1) ? 1 : -Infinity);
  const lo = Math.min(0, ...values);
  const rows = p.entries.map((e, i) => {
    const isBest = e.name === p.best;
    return h(
      "tr",
      { class: `${isBest ? "is-best" : ""}${e.error ? " failed" : ""}`.trim() || undefined, "data-name": e.name },
      h("td", { class: "num muted" }, String(i + 1)),
      h("td", {}, e.name, isBest ? h("span", { class: "badge best" }, "best") : null),
      h("td", { class: "muted" }, e.model),
      e.error
        ? h("td", { colspan: 4 }, `failed: ${e.error}`)
        : h("td", { class: "num" }, fmt(e.mean, 4)),
      e.error ? null : h("td", { class: "num muted" }, `± ${fmt(e.std, 3)}`),
      e.error ? null : h("td", {}, e.mean !== null ? scoreBar(e.mean, e.std ?? 0, e.scores, lo, hi) : null),
      e.error ? null : h("td", { class: "num muted" }, `${fmt(Math.round(e.fitTimeMs))} ms`),
    );
  });
  container.replaceChildren(
    h(
      "div",
      { class: "aibook-view aibook-leaderboard" },
      h("div", { class: "title" }, `Model comparison by ${p.metric}`),
      h("div", { class: "summary" }, `${p.folds}-fold cross-validation on ${fmt(p.rows)} rows, ${fmt(p.features)} features · ${p.greaterIsBetter ? "higher" : "lower"} is better · simplest model first; a tie goes to the simpler model`),
      scrollX(h(
        "table",
        { class: "grid" },
        h("tr", {}, ...["#", "name", "model", p.metric, "std", "folds", "fit time"].map((t, i) => h("th", { class: [0, 3, 4, 6].includes(i) ? "num" : undefined }, t))),
        ...rows,
      )),
    ),
  );
}
