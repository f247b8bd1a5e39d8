/**
 * The run history: every `evaluate` and `compareModels` result, one JSON object per line, in a
 * file that the kernel names and the metrics panel reads. JSON lines because appends from several
 * kernels never rewrite what is there, a half-written last line loses one run and not the file,
 * and the panel can read a file that is being written.
 *
 * Who does what:
 * - The kernel sets `AIBOOK_RUN_HISTORY` (absolute path of the file) and `AIBOOK_NOTEBOOK`
 *   (absolute path of the notebook) in the child's environment, and before each cell sets the
 *   cell it runs, either as `process.env.AIBOOK_CELL` ("<index>" or "<index>:<cellId>") or as
 *   `globalThis[Symbol.for("aibook.runContext")] = { notebook, cell, cellId }`.
 * - The runtime appends a RunRecord after each evaluate/compareModels when AIBOOK_RUN_HISTORY is
 *   set, and writes nothing when it is unset (a plain Node script leaves no files behind).
 * - The panel reads every `.aibook/runs.jsonl` of the workspace (RUN_HISTORY_GLOB).
 */
import type { EvaluationPayload, LeaderboardPayload, Task } from "./views";

export const RUN_HISTORY_ENV = "AIBOOK_RUN_HISTORY";
export const NOTEBOOK_ENV = "AIBOOK_NOTEBOOK";
export const CELL_ENV = "AIBOOK_CELL";
export const RUN_CONTEXT_KEY = Symbol.for("aibook.runContext");

/** Where a workspace folder keeps its history: `<folder>/.aibook/runs.jsonl`. */
export const RUN_HISTORY_DIR = ".aibook";
export const RUN_HISTORY_FILE = "runs.jsonl";
export const RUN_HISTORY_GLOB = "**/.aibook/runs.jsonl";

/** Joins without node:path so that the webview and renderers can import this module too. */
export function runHistoryPath(workspaceFolder: string): string {
  const sep = workspaceFolder.includes("\\") && !workspaceFolder.includes("/") ? "\\" : "/";
  return [workspaceFolder.replace(/[\\/]+$/, ""), RUN_HISTORY_DIR, RUN_HISTORY_FILE].join(sep);
}

/** What the kernel tells the runtime about the cell being run. */
export interface RunContext {
  notebook: string | null;
  /** 0-based index of the cell in the notebook. */
  cell: number | null;
  cellId?: string;
}

export const RUN_RECORD_VERSION = 1;

export interface RunRecord {
  version: number;
  /** Unique per record (time + random), so the panel can select and compare runs. */
  id: string;
  /** ISO time of the end of the run. */
  time: string;
  kind: "evaluation" | "leaderboard";
  notebook: string | null;
  cell: number | null;
  cellId?: string;
  /** The name the user gave, else the model's. */
  name: string;
  /** Estimator name, or for a leaderboard the best entry's estimator. */
  model: string;
  task: Task;
  rows: number;
  features: number;
  /** Headline metrics by name (leaderboards: `<metric>` mean and std of the best entry). */
  metrics: Record<string, number | null>;
  /** The whole report, so that the panel can draw confusion matrices and ROC curves. */
  payload: EvaluationPayload | LeaderboardPayload;
}

/** Parses a history file; skips lines that are not complete records (a run being written). */
export function parseRunHistory(text: string): RunRecord[] {
  const records: RunRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as RunRecord;
      if (value && typeof value === "object" && typeof value.id === "string" && value.payload) records.push(value);
    } catch {
      // A partial last line while the kernel appends, or a hand-edited file: skip the line.
    }
  }
  return records;
}

/**
 * The environment a kernel gives its child process so that evaluate/compareModels record runs
 * for this notebook: `{ ...process.env, ...runHistoryEnv(workspaceFolder, notebookPath) }`.
 * `workspaceFolder` is the notebook's workspace folder, or its own folder outside a workspace.
 */
export function runHistoryEnv(workspaceFolder: string, notebookPath: string): Record<string, string> {
  return { [RUN_HISTORY_ENV]: runHistoryPath(workspaceFolder), [NOTEBOOK_ENV]: notebookPath };
}

/** Called in the kernel's child before each cell: the runs it records name this cell. */
export function setRunContext(context: RunContext): void {
  (globalThis as Record<symbol, unknown>)[RUN_CONTEXT_KEY] = context;
}
