/**
 * What the panel shows, computed from the runs and the user's choices (filter, sort, selection)
 * without touching the DOM, so that it can be reasoned about and tested on its own.
 */
import type { RunRecord } from "../src/protocol/run-history";

export interface PanelState {
  filter: string;
  /** "time", "name", "model", "notebook", "rows" or a metric name. */
  sortKey: string;
  descending: boolean;
  selected: string[];
}

export const INITIAL_STATE: PanelState = { filter: "", sortKey: "time", descending: true, selected: [] };

/** Lower-is-better metrics, for sorting and for marking the best value in a comparison. */
export function lowerIsBetter(metric: string): boolean {
  return /^(rmse|mae|mse)\b/.test(metric) || / std$/.test(metric);
}

export function baseName(path: string | null): string {
  if (!path) return "(script)";
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Metric columns: the most common metric names among the runs shown, at most `limit` — plus the
 * first metric of any run that none of those would show (a compareModels run scored by "f1"
 * next to evaluations that report "f1 (macro)"), so that no row is all dashes.
 */
export function metricColumns(runs: RunRecord[], limit = 6): string[] {
  const count = new Map<string, number>();
  for (const r of runs) for (const k of Object.keys(r.metrics)) count.set(k, (count.get(k) ?? 0) + 1);
  const columns = [...count].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k]) => k);
  for (const r of runs) {
    const own = Object.keys(r.metrics);
    if (own.length && !own.some((k) => columns.includes(k))) columns.push(own[0]);
  }
  return columns;
}

function sortValue(r: RunRecord, key: string): string | number | null {
  switch (key) {
    case "time":
      return r.time;
    case "name":
      return r.name.toLowerCase();
    case "model":
      return r.model.toLowerCase();
    case "notebook":
      return `${baseName(r.notebook)}:${String(r.cell ?? 0).padStart(6, "0")}`;
    case "rows":
      return r.rows;
    default:
      return r.metrics[key] ?? null;
  }
}

/** Runs matching the filter (every word must occur in name, model, notebook or kind), sorted. */
export function visibleRuns(runs: RunRecord[], state: PanelState): RunRecord[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = runs.filter((r) => {
    const hay = `${r.name} ${r.model} ${baseName(r.notebook)} ${r.kind} ${r.task}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const sign = state.descending ? -1 : 1;
  return shown.sort((a, b) => {
    const va = sortValue(a, state.sortKey), vb = sortValue(b, state.sortKey);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    return sign * (va < vb ? -1 : va > vb ? 1 : 0);
  });
}
