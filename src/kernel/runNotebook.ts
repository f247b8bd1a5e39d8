/**
 * Runs every code cell of a notebook in order in one kernel, as Run All does in the editor:
 * stops at the first cell that fails, and at a deadline if one is given. Used headless by
 * `aibook run` (and by anything else that needs a notebook executed, e.g. `lint --execute`).
 */
import type { AibookNotebook, AibookOutput, AibookOutputItem, JsonValue } from "../format";
import { Mime, type MimeItem } from "../protocol/mime";
import type { CellLanguage } from "./compiler/compileCell";
import type { CellError, CellOutput, CellResult, KernelSession } from "./session";

export interface CellRun {
  /** Index of the cell in the notebook's `cells` (markdown cells count). */
  cell: number;
  result: CellResult | { status: "timeout"; seconds: number; durationMs: number };
  /** What the cell showed, in order: merged standard output/error runs, displays, its value. */
  outputs: MimeItem[][];
}

export interface NotebookRun {
  success: boolean;
  cells: CellRun[];
  /** Set when the deadline ended the run; names the cell that was running. */
  timedOut?: { cell: number; seconds: number };
}

export interface RunNotebookOptions {
  session: KernelSession;
  timeoutSeconds?: number;
  /** How a cell is named in stack traces, from its index. */
  label?: (cell: number) => string;
  onCellStart?: (cell: number) => void;
  onOutput?: (cell: number, output: CellOutput) => void;
  /** After each cell, with its result and outputs (the value included). */
  onCellEnd?: (run: CellRun) => void;
  /** The notebook's path, named by the runs that evaluate/compareModels record (with the cell). */
  notebookPath?: string;
}

export async function runNotebook(notebook: AibookNotebook, options: RunNotebookOptions): Promise<NotebookRun> {
  const { session } = options;
  const deadline = options.timeoutSeconds !== undefined ? Date.now() + options.timeoutSeconds * 1000 : Infinity;
  const cells: CellRun[] = [];
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.kind !== "code") continue;
    options.onCellStart?.(index);
    const outputs: MimeItem[][] = [];
    const run: CellRun = { cell: index, result: { status: "timeout", seconds: 0, durationMs: 0 }, outputs };
    cells.push(run);
    const language = cell.language ?? "typescript";
    if (language !== "typescript" && language !== "javascript") {
      const message = `cells in "${language}" cannot run; the kernel runs typescript and javascript`;
      run.result = { status: "error", error: { name: "Error", message, stack: `Error: ${message}` }, durationMs: 0 };
      return { success: false, cells };
    }
    const started = Date.now();
    const execution = session.execute(cell.source, {
      language: language as CellLanguage,
      label: options.label?.(index) ?? `cell ${index + 1}`, // counted from 1, as VS Code shows cells
      // Runtime pitfall findings name their cell by its index in the notebook.
      cellId: index,
      runContext: { notebook: options.notebookPath ?? null, cell: index },
      onOutput: (output) => {
        collect(outputs, output);
        options.onOutput?.(index, output);
      },
    });
    const result = await withDeadline(execution, deadline);
    if (result === "timeout") {
      session.dispose();
      run.result = { status: "timeout", seconds: options.timeoutSeconds ?? 0, durationMs: Date.now() - started };
      options.onCellEnd?.(run);
      return { success: false, cells, timedOut: { cell: index, seconds: options.timeoutSeconds ?? 0 } };
    }
    run.result = result;
    if (result.status === "ok" && result.value) outputs.push(result.value);
    options.onCellEnd?.(run);
    if (result.status !== "ok") return { success: false, cells };
  }
  return { success: true, cells };
}

/** Consecutive writes to the same stream become one output, as the editor shows them. */
function collect(outputs: MimeItem[][], output: CellOutput): void {
  if (output.kind === "display") {
    outputs.push(output.items);
    return;
  }
  const mime = output.name === "stdout" ? Mime.stdout : Mime.stderr;
  const last = outputs.at(-1);
  if (last?.length === 1 && last[0].mime === mime) last[0] = { mime, data: String(last[0].data) + output.text };
  else outputs.push([{ mime, data: output.text }]);
}

function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T | "timeout"> {
  if (deadline === Infinity) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The error a failed cell shows, as VS Code's error output item holds it. */
export function errorOutput(error: CellError): AibookOutputItem {
  return { mime: Mime.error, data: { name: error.name, message: error.message, stack: error.stack } };
}

/** A cell's run as the outputs saved into the notebook file. */
export function savedOutputs(run: CellRun): AibookOutput[] {
  const outputs: AibookOutput[] = run.outputs.map((items) => ({ items: items.map((item) => ({ mime: item.mime, data: item.data as JsonValue })) }));
  const failure = failureOf(run);
  if (failure) outputs.push({ items: [errorOutput(failure)] });
  return outputs;
}

/** What went wrong in a cell that did not succeed, as an error. */
export function failureOf(run: CellRun): CellError | undefined {
  const result = run.result;
  switch (result.status) {
    case "ok":
      return undefined;
    case "error":
      return result.error;
    case "interrupted":
      return plainError("Interrupted", result.restarted ? "the cell was interrupted; the kernel had to restart, so earlier cells' state is gone" : "the cell was interrupted");
    case "died":
      return plainError("KernelDied", `the kernel stopped: ${result.reason}`);
    case "timeout":
      return plainError("TimeoutError", `the run took longer than ${result.seconds} s and was stopped in cell ${run.cell + 1}`);
  }
}

function plainError(name: string, message: string): CellError {
  return { name, message, stack: `${name}: ${message}` };
}
