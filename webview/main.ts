/**
 * The metrics panel: every evaluate and compareModels run of the workspace, to sort, filter,
 * select and compare side by side (metrics table, confusion matrices, ROC curves overlaid), with
 * a link back to the cell each run came from. Built with VS Code Elements; all data is shown as
 * text (the same DOM helpers as the notebook renderers), under a strict CSP.
 */
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import "@vscode-elements/elements/dist/vscode-checkbox/index.js";
import "@vscode-elements/elements/dist/vscode-badge/index.js";
import "@vscode-elements/elements/dist/vscode-divider/index.js";
import "@vscode-elements/elements/dist/vscode-table/index.js";
import "@vscode-elements/elements/dist/vscode-table-header/index.js";
import "@vscode-elements/elements/dist/vscode-table-header-cell/index.js";
import "@vscode-elements/elements/dist/vscode-table-body/index.js";
import "@vscode-elements/elements/dist/vscode-table-row/index.js";
import "@vscode-elements/elements/dist/vscode-table-cell/index.js";
import type { FromPanel, ToPanel } from "../src/protocol/metrics-panel";
import type { RunRecord } from "../src/protocol/run-history";
import { ensureStyle, fmt, h } from "../notebook-renderers/shared/dom";
import { useTheme } from "../notebook-renderers/shared/theme";
import { confusionHeatmap, rocChart, type NamedRoc } from "../notebook-renderers/shared/result-parts";
import { renderLeaderboard } from "../notebook-renderers/leaderboard/render";
import { INITIAL_STATE, baseName, lowerIsBetter, metricColumns, visibleRuns, type PanelState } from "./runs-view";

interface VsCodeApi {
  postMessage(message: FromPanel): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const CSS = `
body { padding: 8px 16px; font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #333); }
.toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 4px 0 10px; }
.toolbar vscode-textfield { min-width: 280px; }
.toolbar .spacer { flex: 1; }
vscode-table { margin-bottom: 12px; }
.runs-scroll { overflow-x: auto; }
vscode-table-header-cell { cursor: pointer; user-select: none; }
vscode-table-header-cell { white-space: nowrap; }
vscode-table-cell.num, vscode-table-header-cell.num { text-align: right; font-variant-numeric: tabular-nums; }
vscode-table-header-cell .sort-arrow { font-size: .8em; }
.link { color: var(--vscode-textLink-foreground, #3794ff); cursor: pointer; text-decoration: underline; background: none; border: 0; padding: 0; font: inherit; }
.compare h3 { margin: 12px 0 6px; }
.compare .best-value { font-weight: 700; color: var(--vscode-charts-green, #388a34); }
.empty { padding: 24px 0; color: var(--vscode-descriptionForeground, #717171); }
.empty code { font-family: var(--vscode-editor-font-family, monospace); }
`;

const vscode = acquireVsCodeApi();
let state: PanelState = { ...INITIAL_STATE, ...(vscode.getState() ?? {}) };
let runs: RunRecord[] = [];
let files: string[] = [];

/** "Nov 24, 14:05": enough to tell runs apart at a glance; the full time is in the tooltip. */
function shortTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
}

function setState(patch: Partial<PanelState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
  draw();
}

function headerCell(label: string, key: string): HTMLElement {
  const sorted = state.sortKey === key ? (state.descending ? "desc" : "asc") : undefined;
  // The arrow is part of the label: drawn by ::after on the cell it fell onto a line of its own.
  const cell = h("vscode-table-header-cell" as "div", { "data-key": key, "data-sorted": sorted, title: `sort by ${label}` }, label, sorted ? h("span", { class: "sort-arrow", "aria-hidden": "true" }, sorted === "desc" ? " ▼" : " ▲") : null);
  cell.addEventListener("click", () => setState({ sortKey: key, descending: state.sortKey === key ? !state.descending : key === "time" || !lowerIsBetter(key) }));
  return cell;
}

/** Marks a metric column's header, so that it sits right-aligned over its numbers. */
function numeric(cell: HTMLElement): HTMLElement {
  cell.classList.add("num");
  return cell;
}

/** Narrowest the name, model and notebook columns get before the table scrolls sideways. */
const AUTO_COLUMN_MIN_PX = 140;

/**
 * Below this width (the panel opened beside a notebook) the metric columns come right after the
 * run's name, so that the numbers are what shows without scrolling; time, model, cell and size
 * follow them. Wider, the table keeps its reading order: when, what, where, then the scores.
 */
const NARROW = window.matchMedia("(max-width: 799px)");

type Column = { header: () => HTMLElement; cell: (r: RunRecord) => HTMLElement; width: number | "auto" };

function runsTable(shown: RunRecord[], metrics: string[]): HTMLElement {
  const narrow = NARROW.matches;
  const check: Column = { header: () => h("vscode-table-header-cell" as "div", {}, ""), cell: (r) => h("vscode-table-cell" as "div", {}, checkbox(r)), width: 32 };
  const time: Column = { header: () => headerCell("time", "time"), cell: (r) => h("vscode-table-cell" as "div", { title: r.time }, shortTime(r.time)), width: 116 };
  const name: Column = { header: () => headerCell("name", "name"), cell: (r) => h("vscode-table-cell" as "div", { title: r.name }, r.name, r.kind === "leaderboard" ? h("vscode-badge" as "span", { variant: "counter" }, "compare") : null), width: "auto" };
  const model: Column = { header: () => headerCell("model", "model"), cell: (r) => h("vscode-table-cell" as "div", { title: r.model }, r.model), width: "auto" };
  const where: Column = { header: () => headerCell("notebook · cell", "notebook"), cell: (r) => h("vscode-table-cell" as "div", {}, cellLink(r)), width: "auto" };
  const size: Column = { header: () => headerCell("rows", "rows"), cell: (r) => h("vscode-table-cell" as "div", {}, `${fmt(r.rows)} × ${fmt(r.features)}`), width: 72 };
  const scores: Column[] = metrics.map((m) => ({ header: () => numeric(headerCell(m, m)), cell: (r) => h("vscode-table-cell" as "div", { class: "num" }, fmt(r.metrics[m] ?? null, 4)), width: 84 }));
  const columns = narrow ? [check, name, ...scores, time, model, where, size] : [check, time, name, model, where, size, ...scores];
  const header = h("vscode-table-header" as "div", { slot: "header" }, ...columns.map((c) => c.header()));
  const body = h("vscode-table-body" as "div", { slot: "body" });
  for (const r of shown) body.appendChild(h("vscode-table-row" as "div", { "data-run": r.id }, ...columns.map((c) => c.cell(r))));
  const widths = columns.map((c) => c.width);
  const table = h("vscode-table" as "div", { zebra: true, "bordered-columns": true, resizable: true, columns: JSON.stringify(widths.map((c) => (typeof c === "number" ? `${c}px` : c))) }, header, body);
  // The "auto" columns (name, model, notebook · cell) get what the fixed ones leave: in a panel
  // beside the notebook that was nothing. Give them room and let the table scroll sideways.
  const fixed = widths.reduce<number>((a, c) => a + (typeof c === "number" ? c : AUTO_COLUMN_MIN_PX), 0);
  table.style.minWidth = `${fixed}px`;
  return h("div", { class: "runs-scroll" }, table);
}

function checkbox(r: RunRecord): HTMLElement {
  const box = h("vscode-checkbox" as "input", { "aria-label": `select ${r.name}`, "data-run": r.id });
  if (state.selected.includes(r.id)) box.setAttribute("checked", "");
  box.addEventListener("change", () => {
    const on = (box as unknown as { checked: boolean }).checked;
    setState({ selected: on ? [...new Set([...state.selected, r.id])] : state.selected.filter((id) => id !== r.id) });
  });
  return box;
}

function cellLink(r: RunRecord): HTMLElement {
  if (r.notebook === null || r.cell === null) return h("span", { class: "muted" }, baseName(r.notebook));
  const link = h("button", { class: "link open-cell", title: r.notebook }, `${baseName(r.notebook)} · cell ${r.cell + 1}`);
  link.addEventListener("click", () => vscode.postMessage({ type: "openCell", notebook: r.notebook!, cell: r.cell!, ...(r.cellId ? { cellId: r.cellId } : {}) }));
  return link;
}

/** Side by side: a metrics table with the best value of each row marked, confusion matrices, ROC curves overlaid. */
function comparison(selected: RunRecord[]): HTMLElement {
  const root = h("div", { class: "compare aibook-view" }, h("h3", {}, `Comparing ${selected.length} run${selected.length > 1 ? "s" : ""}`));
  const names = [...new Set(selected.flatMap((r) => Object.keys(r.metrics)))];
  const metricRows = names.map((m) => {
    const values = selected.map((r) => r.metrics[m] ?? null);
    const present = values.filter((v): v is number => v !== null);
    const best = present.length > 1 ? (lowerIsBetter(m) ? Math.min(...present) : Math.max(...present)) : null;
    return h("tr", { "data-metric": m }, h("th", {}, m), ...values.map((v) => h("td", { class: `num${v !== null && v === best ? " best-value" : ""}` }, fmt(v, 4))));
  });
  root.append(h("table", { class: "grid metrics-compare" }, h("tr", {}, h("th", {}, ""), ...selected.map((r) => h("th", { title: r.model }, r.name))), ...metricRows));
  const evaluations = selected.filter((r) => r.payload.kind === "evaluation");
  const matrices = evaluations.filter((r) => r.payload.kind === "evaluation" && r.payload.confusion);
  if (matrices.length) {
    root.append(h("h3", {}, "Confusion matrices"), h("div", { class: "row" }, ...matrices.map((r) => h("div", {}, h("div", { class: "muted" }, r.name), r.payload.kind === "evaluation" && r.payload.confusion ? confusionHeatmap(r.payload.confusion) : null))));
  }
  const curves: NamedRoc[] = evaluations.flatMap((r) => (r.payload.kind === "evaluation" && r.payload.roc ? r.payload.roc.filter((c) => c.fpr.length).map((c) => ({ name: r.payload.kind === "evaluation" && r.payload.roc!.length > 1 ? `${r.name} · ${c.positiveLabel}` : r.name, curve: c })) : []));
  if (curves.length) root.append(h("h3", {}, "ROC curves"), rocChart(curves, 300));
  for (const r of selected.filter((x) => x.payload.kind === "leaderboard")) {
    const holder = h("div");
    renderLeaderboard(holder, r.payload);
    root.append(holder);
  }
  return root;
}

function draw(): void {
  const app = document.getElementById("app")!;
  const shown = visibleRuns(runs, state);
  const filter = h("vscode-textfield" as "input", { placeholder: "Filter runs by name, model, notebook…", value: state.filter, "aria-label": "filter runs" });
  filter.addEventListener("input", () => {
    state = { ...state, filter: (filter as unknown as { value: string }).value };
    vscode.setState(state);
    redrawTable();
  });
  const compare = h("vscode-button" as "button", { secondary: true, disabled: state.selected.length === 0 }, "Clear selection");
  compare.addEventListener("click", () => setState({ selected: [] }));
  const refresh = h("vscode-button" as "button", { secondary: true }, "Refresh");
  refresh.addEventListener("click", () => vscode.postMessage({ type: "refresh" }));
  // Secondary like its neighbours: a destructive action must not be the one the eye lands on.
  const clear = h("vscode-button" as "button", { id: "clear-history", secondary: true }, "Clear history");
  clear.addEventListener("click", () => vscode.postMessage({ type: "clear" }));
  const toolbar = h("div", { class: "toolbar" }, filter, h("span", { class: "muted count" }, `${shown.length} of ${runs.length} runs`), h("span", { class: "spacer" }), compare, refresh, clear);
  const tableHolder = h("div", { id: "runs" });
  const compareHolder = h("div", { id: "comparison" });
  app.replaceChildren(toolbar, tableHolder, compareHolder);
  redrawTable();

  function redrawTable(): void {
    const visible = visibleRuns(runs, state);
    toolbar.querySelector(".count")!.textContent = `${visible.length} of ${runs.length} runs`;
    if (!runs.length) {
      tableHolder.replaceChildren(
        h(
          "div",
          { class: "empty" },
          "No runs yet. Call ",
          h("code", {}, "evaluate(model, xTest, yTest)"),
          " or ",
          h("code", {}, "compareModels({ ... }, X, y)"),
          " in a notebook cell: each result appears here.",
          files.length ? ` (watching ${files.length} history file${files.length > 1 ? "s" : ""})` : "",
        ),
      );
    } else tableHolder.replaceChildren(runsTable(visible, metricColumns(visible, 5)));
    const selected = runs.filter((r) => state.selected.includes(r.id));
    compareHolder.replaceChildren(...(selected.length ? [h("vscode-divider" as "hr"), comparison(selected)] : []));
  }
}

// Crossing the narrow width (the panel dragged wider, or moved beside a notebook) reorders the columns.
NARROW.addEventListener("change", () => draw());

window.addEventListener("message", (event: MessageEvent<ToPanel>) => {
  const message = event.data;
  if (message?.type !== "runs") return;
  runs = message.runs;
  files = message.files;
  const known = new Set(runs.map((r) => r.id));
  state = { ...state, selected: state.selected.filter((id) => known.has(id)) };
  draw();
});

useTheme();
ensureStyle("aibook-panel", CSS);
draw();
vscode.postMessage({ type: "ready" });
