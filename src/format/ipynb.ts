/**
 * Conversions between `.aibook` notebooks and Jupyter notebooks (nbformat 4), for
 * `aibook export --to ipynb` and `aibook import`. The exported notebook names a TypeScript kernel
 * (tslab's kernelspec; Deno's Jupyter kernel opens it too), keeps each cell's language in
 * `metadata.vscode.languageId` as VS Code's Jupyter support does, and what Jupyter has no field
 * for (notebook metadata, unknown keys, execution success and duration) under `aibook` keys of
 * the notebook, cell and display output metadata, so that importing an export gives the same
 * notebook back. Lost on the way: unknown keys of stream and error outputs, and a second item of
 * the same mime in one output.
 * Not re-exported from index.ts: only the CLI needs it.
 */
import { isBinaryMime, isJsonMime } from "./mime";
import type { AibookCell, AibookExecution, AibookNotebook, AibookOutput, AibookOutputItem, JsonObject, JsonValue } from "./types";

export interface IpynbNotebook {
  cells: IpynbCell[];
  metadata: JsonObject;
  nbformat: number;
  nbformat_minor: number;
}

export interface IpynbCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  metadata: JsonObject;
  source: string | string[];
  execution_count?: number | null;
  outputs?: IpynbOutput[];
}

export type IpynbOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string | string[] }
  | { output_type: "display_data"; data: JsonObject; metadata: JsonObject }
  | { output_type: "execute_result"; data: JsonObject; metadata: JsonObject; execution_count: number | null }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

const STDOUT = "application/vnd.code.notebook.stdout";
const STDERR = "application/vnd.code.notebook.stderr";
const ERROR = "application/vnd.code.notebook.error";

export const TYPESCRIPT_KERNEL: JsonObject = {
  kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
  language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript", codemirror_mode: { name: "javascript", typescript: true } },
};

/** A Jupyter notebook with the same cells, outputs and execution counts. */
export function toIpynb(nb: AibookNotebook): IpynbNotebook {
  const metadata: JsonObject = { ...TYPESCRIPT_KERNEL };
  const saved: JsonObject = {};
  if (Object.keys(nb.metadata).length > 0) saved.metadata = nb.metadata;
  if (nb.extra) saved.extra = nb.extra;
  if (Object.keys(saved).length > 0) metadata.aibook = saved;
  return {
    cells: nb.cells.map((cell, index) => toIpynbCell(cell, index)),
    metadata,
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function toIpynbCell(cell: AibookCell, index: number): IpynbCell {
  const id = `cell-${index}`;
  const metadata: JsonObject = {};
  if (cell.extra) metadata.aibook = { extra: cell.extra };
  if (cell.kind === "markdown") return { id, cell_type: "markdown", metadata, source: multiline(cell.source) };
  const language = cell.language ?? "typescript";
  if (language !== "typescript") metadata.vscode = { languageId: language };
  if (cell.execution) metadata.aibook = { ...(metadata.aibook as JsonObject | undefined), execution: executionJson(cell.execution) };
  return {
    id,
    cell_type: "code",
    execution_count: cell.execution?.count ?? null,
    metadata,
    outputs: (cell.outputs ?? []).flatMap(toIpynbOutputs),
    source: multiline(cell.source),
  };
}

/** The execution as it stands in the file (for cell metadata `aibook.execution`). */
function executionJson(e: AibookExecution): JsonObject {
  const json: JsonObject = {};
  if (e.count !== undefined) json.count = e.count;
  if (e.success !== undefined) json.success = e.success;
  if (e.durationMs !== undefined) json.durationMs = e.durationMs;
  return e.extra ? { ...json, extra: e.extra } : json;
}

/** Jupyter's multi-line strings: lines that keep their "\n", the last one without. */
function multiline(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  return lines.map((line, i) => (i < lines.length - 1 ? line + "\n" : line)).filter((line) => line !== "");
}

function toIpynbOutputs(output: AibookOutput): IpynbOutput[] {
  const result: IpynbOutput[] = [];
  const data: JsonObject = {};
  const itemExtras: JsonObject = {};
  for (const item of output.items) {
    if (item.mime === STDOUT || item.mime === STDERR) {
      result.push({ output_type: "stream", name: item.mime === STDOUT ? "stdout" : "stderr", text: multiline(textOf(item)) });
    } else if (item.mime === ERROR) {
      const error = (typeof item.data === "object" && item.data !== null && !Array.isArray(item.data) ? item.data : {}) as JsonObject;
      const stack = typeof error.stack === "string" ? error.stack : "";
      result.push({
        output_type: "error",
        ename: typeof error.name === "string" ? error.name : "Error",
        evalue: typeof error.message === "string" ? error.message : textOf(item),
        traceback: stack ? stack.split("\n") : [],
      });
    } else if (!(item.mime in data)) {
      if (item.extra) itemExtras[item.mime] = item.extra;
      data[item.mime] = isJsonMime(item.mime) && item.encoding === undefined ? item.data : item.encoding === "base64" ? (item.data as string) : multiline(textOf(item));
    }
  }
  if (Object.keys(data).length > 0) {
    const saved: JsonObject = {};
    if (output.extra) saved.extra = output.extra;
    if (Object.keys(itemExtras).length > 0) saved.items = itemExtras;
    result.push({ output_type: "display_data", data, metadata: Object.keys(saved).length > 0 ? { aibook: saved } : {} });
  }
  return result;
}

function textOf(item: AibookOutputItem): string {
  return typeof item.data === "string" ? item.data : JSON.stringify(item.data);
}

/** Thrown for a Jupyter notebook aibook cannot take; the CLI names the file. */
export class IpynbImportError extends Error {}

const LANGUAGES: Record<string, string> = { typescript: "typescript", ts: "typescript", javascript: "javascript", js: "javascript" };

/** An `.aibook` notebook from a parsed Jupyter notebook with TypeScript or JavaScript cells. */
export function fromIpynb(value: unknown): AibookNotebook {
  if (!isObject(value) || !Array.isArray(value.cells)) throw new IpynbImportError("not a Jupyter notebook: expected a JSON object with a \"cells\" array");
  if (typeof value.nbformat === "number" && value.nbformat < 4) {
    throw new IpynbImportError(`nbformat ${value.nbformat} is too old: open and save it in Jupyter to upgrade it to nbformat 4`);
  }
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const declared = notebookLanguage(metadata);
  if (declared !== undefined && !(declared in LANGUAGES)) {
    throw new IpynbImportError(`its kernel runs ${declared}; aibook imports notebooks with TypeScript or JavaScript cells`);
  }
  const defaultLanguage = declared === undefined ? "typescript" : LANGUAGES[declared];
  const cells = value.cells.map((cell, index) => fromIpynbCell(cell, index, defaultLanguage));
  const saved = isObject(metadata.aibook) ? metadata.aibook : {};
  const notebook: AibookNotebook = { metadata: isObject(saved.metadata) ? (saved.metadata as JsonObject) : {}, cells };
  if (isObject(saved.extra)) notebook.extra = saved.extra as JsonObject;
  return notebook;
}

function notebookLanguage(metadata: Record<string, unknown>): string | undefined {
  const info = isObject(metadata.language_info) ? metadata.language_info.name : undefined;
  const spec = isObject(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const name = typeof spec === "string" ? spec : typeof info === "string" ? info : undefined;
  return name?.toLowerCase();
}

function fromIpynbCell(cell: unknown, index: number, defaultLanguage: string): AibookCell {
  if (!isObject(cell)) throw new IpynbImportError(`cells[${index}] is not an object`);
  const source = joinMultiline(cell.source, `cells[${index}].source`);
  const metadata = isObject(cell.metadata) ? cell.metadata : {};
  const saved = isObject(metadata.aibook) ? metadata.aibook : {};
  const extra = isObject(saved.extra) ? { extra: saved.extra as JsonObject } : {};
  if (cell.cell_type !== "code") return { kind: "markdown", source, ...extra };
  const languageId = isObject(metadata.vscode) ? metadata.vscode.languageId : undefined;
  const language = typeof languageId === "string" && languageId in LANGUAGES ? LANGUAGES[languageId] : defaultLanguage;
  const outputs = Array.isArray(cell.outputs) ? cell.outputs.flatMap((o, i) => fromIpynbOutput(o, `cells[${index}].outputs[${i}]`)) : [];
  const result: AibookCell = { kind: "code", language, source, outputs, ...extra };
  const execution = executionFrom(saved.execution, cell.execution_count);
  if (execution) result.execution = execution;
  return result;
}

/**
 * Jupyter's execution count, with the success and duration an aibook export kept beside it
 * (dropped when the count no longer matches: the notebook was run again elsewhere).
 */
function executionFrom(saved: unknown, count: unknown): AibookExecution | undefined {
  if (typeof count !== "number") return undefined;
  if (!isObject(saved) || saved.count !== count) return { count };
  const execution: AibookExecution = { count };
  if (typeof saved.success === "boolean") execution.success = saved.success;
  if (typeof saved.durationMs === "number") execution.durationMs = saved.durationMs;
  if (isObject(saved.extra)) execution.extra = saved.extra as JsonObject;
  return execution;
}

function fromIpynbOutput(output: unknown, where: string): AibookOutput[] {
  if (!isObject(output)) throw new IpynbImportError(`${where} is not an object`);
  switch (output.output_type) {
    case "stream":
      return [{ items: [{ mime: output.name === "stderr" ? STDERR : STDOUT, data: joinMultiline(output.text, `${where}.text`) }] }];
    case "error": {
      const traceback = Array.isArray(output.traceback) ? output.traceback.filter((l): l is string => typeof l === "string") : [];
      const data: JsonObject = { name: String(output.ename ?? "Error"), message: String(output.evalue ?? ""), stack: stripAnsi(traceback.join("\n")) };
      return [{ items: [{ mime: ERROR, data }] }];
    }
    case "display_data":
    case "execute_result": {
      const data = isObject(output.data) ? output.data : {};
      const saved = isObject(output.metadata) && isObject(output.metadata.aibook) ? output.metadata.aibook : {};
      const itemExtras = isObject(saved.items) ? saved.items : {};
      const items = Object.entries(data).map(([mime, value]) => {
        const item = fromIpynbData(mime, value as JsonValue, `${where}.data`);
        if (isObject(itemExtras[mime])) item.extra = itemExtras[mime] as JsonObject;
        return item;
      });
      if (items.length === 0) return [];
      return [isObject(saved.extra) ? { items, extra: saved.extra as JsonObject } : { items }];
    }
    default:
      return [];
  }
}

function fromIpynbData(mime: string, value: JsonValue, where: string): AibookOutputItem {
  if (isJsonMime(mime)) return { mime, data: value };
  const text = joinMultiline(value, `${where}["${mime}"]`);
  if (isBinaryMime(mime)) return { mime, data: text.replace(/\s+/g, ""), encoding: "base64" };
  return { mime, data: text };
}

/** Jupyter's multi-line string (a string, or lines that keep their "\n") as one string. */
function joinMultiline(value: unknown, where: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((l) => typeof l === "string")) return value.join("");
  throw new IpynbImportError(`${where} must be a string or a list of strings`);
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
