/**
 * `aibook run NOTEBOOK [--inplace | --out FILE] [--timeout SECONDS] [--format text|json]`
 * (shared/spec/cli.md): runs every code cell in a fresh kernel, prints what each cell shows,
 * stops at the first failing cell (exit 1) and optionally saves the outputs into a notebook.
 * Like the editor, it records evaluate/compareModels results in the run history (--no-history: not).
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "./write-file";
import path from "node:path";
import process from "node:process";
import { NotebookFormatError, parseNotebook, serializeNotebook, type AibookNotebook } from "../format";
import { Mime } from "../protocol/mime";
import { NOTEBOOK_ENV, RUN_HISTORY_DIR, RUN_HISTORY_ENV, runHistoryPath } from "../protocol/run-history";
import { failureOf, runNotebook, savedOutputs, type CellRun, type NotebookRun } from "../kernel/runNotebook";
import { KernelSession, type KernelSessionOptions } from "../kernel/session";

export interface RunArguments {
  notebook: string;
  out?: string;
  timeoutSeconds?: number;
  format: "text" | "json";
  /** Record evaluate/compareModels results in the run history (the metrics panel's), as the editor does. */
  history: boolean;
}

export class UsageError extends Error {}

export function parseRunArguments(args: string[]): RunArguments {
  const positional: string[] = [];
  let inplace = false;
  let out: string | undefined;
  let timeoutSeconds: number | undefined;
  let format: "text" | "json" = "text";
  let history = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--inplace") inplace = true;
    else if (arg === "--no-history") history = false;
    else if (arg === "--out") out = value();
    else if (arg === "--timeout") {
      const text = value();
      timeoutSeconds = Number(text);
      if (!(timeoutSeconds > 0)) throw new UsageError(`--timeout needs a positive number of seconds, got "${text}"`);
    } else if (arg === "--format") {
      const text = value();
      if (text !== "text" && text !== "json") throw new UsageError(`--format is text or json, got "${text}"`);
      format = text;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? "run needs a NOTEBOOK" : `run takes one NOTEBOOK, got ${positional.length}`);
  if (inplace && out !== undefined) throw new UsageError("--inplace and --out cannot be used together");
  return { notebook: positional[0], out: inplace ? positional[0] : out, timeoutSeconds, format, history };
}

const RUN_USAGE = "usage: aibook run NOTEBOOK [--inplace | --out FILE] [--timeout SECONDS] [--format text|json] [--no-history]";

/**
 * Where `aibook run` records runs: `.aibook/runs.jsonl` in the notebook's project, the nearest
 * folder from the notebook's up that has a `.aibook` folder, a package.json or a .git (the
 * workspace folder the editor would use), else the notebook's own folder. The metrics panel
 * reads every `.aibook/runs.jsonl` of the workspace, so runs from a terminal show up there.
 */
export function runHistoryFileForCli(notebookPath: string): string {
  const start = path.dirname(path.resolve(notebookPath));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if ([RUN_HISTORY_DIR, "package.json", ".git"].some((name) => existsSync(path.join(dir, name)))) return runHistoryPath(dir);
    if (path.dirname(dir) === dir) return runHistoryPath(start);
  }
}

/** `kernel` lets tests run the kernel from source. */
export async function runCommand(args: string[], kernel: Partial<KernelSessionOptions> = {}): Promise<number> {
  let options: RunArguments;
  try {
    options = parseRunArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`aibook run: ${error.message}\n${RUN_USAGE}\n`);
    return 2;
  }
  let notebook: AibookNotebook;
  try {
    notebook = parseNotebook(readFileSync(options.notebook), options.notebook);
  } catch (error) {
    const message = error instanceof NotebookFormatError ? error.message : `${options.notebook}: cannot read the file: ${(error as Error).message}`;
    process.stderr.write(`aibook run: ${message}\n`);
    return 2;
  }

  const notebookPath = path.resolve(options.notebook);
  const env = options.history ? { ...kernel.env, [RUN_HISTORY_ENV]: runHistoryFileForCli(notebookPath), [NOTEBOOK_ENV]: notebookPath } : kernel.env;
  const session = new KernelSession({ notebookDir: path.dirname(notebookPath), ...kernel, env });
  const text = options.format === "text";
  let run: NotebookRun;
  try {
    run = await runNotebook(notebook, {
      session,
      notebookPath,
      timeoutSeconds: options.timeoutSeconds,
      onCellStart: text ? (cell) => process.stdout.write(`--- cell ${cell + 1}\n`) : undefined,
      onOutput: text
        ? (_cell, output) => {
            if (output.kind === "stream") (output.name === "stdout" ? process.stdout : process.stderr).write(output.text);
            else process.stdout.write(plainTextOf(output.items) + "\n");
          }
        : undefined,
      onCellEnd: text
        ? (cellRun) => {
            if (cellRun.result.status === "ok" && cellRun.result.value) process.stdout.write(plainTextOf(cellRun.result.value) + "\n");
          }
        : undefined,
    });
  } finally {
    session.dispose();
  }

  if (text) printTextSummary(options.notebook, run);
  else process.stdout.write(JSON.stringify(jsonReport(options.notebook, run), null, 2) + "\n");

  if (options.out !== undefined) {
    for (const cellRun of run.cells) {
      const cell = notebook.cells[cellRun.cell];
      cell.outputs = savedOutputs(cellRun);
      cell.execution = { ...cell.execution, count: run.cells.indexOf(cellRun) + 1, success: failureOf(cellRun) === undefined, durationMs: cellRun.result.durationMs };
    }
    writeFileAtomic(options.out, serializeNotebook(notebook));
  }
  return run.success ? 0 : 1;
}

function plainTextOf(items: { mime: string; data: unknown }[]): string {
  const text = items.find((item) => item.mime === Mime.text);
  return text ? String(text.data) : `[${items.map((item) => item.mime).join(", ")}]`;
}

function printTextSummary(file: string, run: NotebookRun): void {
  const last = run.cells.at(-1);
  if (run.success) {
    process.stdout.write(`${file}: ${run.cells.length} code cells ran\n`);
    return;
  }
  if (!last) return;
  const failure = failureOf(last);
  if (!failure) return;
  if (run.timedOut) {
    process.stderr.write(`${file}: cell ${last.cell + 1}: ${failure.message}\n`);
    return;
  }
  const where = failure.line !== undefined ? `, line ${failure.line}, column ${failure.column}` : "";
  process.stderr.write(`${file}: cell ${last.cell + 1}${where}: ${failure.stack}\n`);
}

function jsonReport(file: string, run: NotebookRun) {
  return {
    version: 1,
    file,
    success: run.success,
    cells: run.cells.map((cellRun: CellRun) => {
      const failure = failureOf(cellRun);
      const outputs = cellRun.outputs.flat().map((item) => ({ mime: item.mime, data: item.data }));
      const entry: Record<string, unknown> = { cell: cellRun.cell, success: failure === undefined, durationMs: cellRun.result.durationMs, outputs };
      if (failure) {
        const error: Record<string, unknown> = { name: failure.name, message: failure.message };
        if (failure.line !== undefined) Object.assign(error, { line: failure.line, column: failure.column });
        error.stack = failure.stack;
        entry.error = error;
      }
      return entry;
    }),
  };
}
