/**
 * Appends each evaluate/compareModels result to the run history that the metrics panel reads.
 * The kernel says where (AIBOOK_RUN_HISTORY) and which notebook and cell is running; without
 * AIBOOK_RUN_HISTORY nothing is written, so a plain Node script or a test leaves no files behind.
 * A failure to write never breaks the user's cell: it becomes one warning on stderr.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";
import {
  CELL_ENV,
  NOTEBOOK_ENV,
  RUN_CONTEXT_KEY,
  RUN_HISTORY_ENV,
  RUN_RECORD_VERSION,
  type RunContext,
  type RunRecord,
} from "../../protocol/run-history";
import type { EvaluationPayload, LeaderboardPayload } from "../../protocol/views";

/** The notebook and cell being run, from the kernel's global (preferred) or environment. */
export function currentRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const fromGlobal = (globalThis as Record<symbol, unknown>)[RUN_CONTEXT_KEY] as Partial<RunContext> | undefined;
  const cellEnv = env[CELL_ENV]?.trim();
  const [index, cellId] = cellEnv ? cellEnv.split(":", 2) : [];
  const envCell = index !== undefined && index !== "" && Number.isInteger(Number(index)) ? Number(index) : null;
  const context: RunContext = {
    notebook: fromGlobal?.notebook ?? env[NOTEBOOK_ENV] ?? null,
    cell: fromGlobal?.cell ?? envCell,
  };
  const id = fromGlobal?.cellId ?? cellId;
  if (id) context.cellId = id;
  return context;
}

/** The history record of a report (no I/O). */
export function toRunRecord(payload: EvaluationPayload | LeaderboardPayload, context: RunContext, time = new Date()): RunRecord {
  const base = {
    version: RUN_RECORD_VERSION,
    id: `${time.getTime().toString(36)}-${randomBytes(4).toString("hex")}`,
    time: time.toISOString(),
    notebook: context.notebook,
    cell: context.cell,
    ...(context.cellId ? { cellId: context.cellId } : {}),
    rows: payload.rows,
    features: payload.features,
    task: payload.task,
  };
  if (payload.kind === "evaluation") {
    return { ...base, kind: "evaluation", name: payload.name, model: payload.model, metrics: Object.fromEntries(payload.metrics.map((m) => [m.name, m.value])), payload };
  }
  const best = payload.entries.find((e) => e.name === payload.best);
  return {
    ...base,
    kind: "leaderboard",
    name: `compareModels (${payload.entries.length} models)`,
    model: best ? `${best.name}: ${best.model}` : "none",
    metrics: { [payload.metric]: best?.mean ?? null, [`${payload.metric} std`]: best?.std ?? null },
    payload,
  };
}

let warned = false;

/**
 * Appends the record when the kernel asked for a history; returns the record written, or null.
 * One line per record, written with a single append so that concurrent kernels do not interleave.
 */
export function recordRun(payload: EvaluationPayload | LeaderboardPayload, env: NodeJS.ProcessEnv = process.env): RunRecord | null {
  const file = env[RUN_HISTORY_ENV];
  if (!file) return null;
  const record = toRunRecord(payload, currentRunContext(env));
  try {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, JSON.stringify(record) + "\n", "utf8");
    return record;
  } catch (error) {
    if (!warned) {
      warned = true;
      process.stderr.write(`aibook: could not record the run in ${file}: ${(error as Error).message}\n`);
    }
    return null;
  }
}
