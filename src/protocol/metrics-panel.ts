/**
 * Messages between the metrics panel's webview (webview/main.ts) and the extension
 * (src/extension/metrics-panel.ts). The extension owns the data (history files on disk); the
 * webview only shows it and asks for actions.
 */
import type { RunRecord } from "./run-history";

export const METRICS_VIEW_TYPE = "aibook.metrics";

export type ToPanel =
  /** Every run of the workspace, oldest first (the whole list each time: simple and small enough). */
  { type: "runs"; runs: RunRecord[]; files: string[] };

export type FromPanel =
  | { type: "ready" }
  | { type: "openCell"; notebook: string; cell: number; cellId?: string }
  | { type: "clear" }
  | { type: "refresh" };
