/**
 * Conversions between `.aibook` notebooks and Jupyter notebooks (nbformat 4), for
 * `aibook export --to ipynb` and `aibook import`. The exported notebook names a TypeScript kernel
 * (tslab's kernelspec; Deno's Jupyter kernel opens it too), keeps each cell's language in
 * `metadata.vscode.languageId` as VS Code's Jupyter support does, and what Jupyter has no field
 * for (notebook metadata, unknown keys, execution success and duration) under `aibook` keys of
 * the notebook, cell and display output metadata, so that importing an export gives the same
 * notebook back (the file's BOM and line ending, and the placeholders of outputs too large to
 * save, too). Lost on the way: unknown keys of stream and error outputs, and a second item of
 * the same mime in one output.
 * On import, what Jupyter has and `.aibook` does not (markdown attachments, cell and notebook
 * metadata, a raw cell's kind) is kept under a `jupyter` unknown key of the cell or notebook, and
 * export puts it back; cell ids are not kept (export numbers the cells). What is left out (an
 * output of an unknown type) or changed (a raw cell shown as markdown) is reported as a warning.
 * Not re-exported from index.ts: only the CLI needs it.
 */
import type { JsonPath } from "./jsonScan";
import { isBase64, isBinaryMime, isJsonMime } from "./mime";
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
  attachments?: JsonObject;
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
  const { jupyter, rest } = splitJupyter(nb.extra);
  const metadata: JsonObject = { ...(isObject(jupyter.metadata) ? (jupyter.metadata as JsonObject) : {}), ...TYPESCRIPT_KERNEL };
  const saved: JsonObject = {};
  if (Object.keys(nb.metadata).length > 0) saved.metadata = nb.metadata;
  if (rest) saved.extra = rest;
  if (nb.layout && (nb.layout.bom || nb.layout.lineEnding !== "\n")) saved.layout = { bom: nb.layout.bom, lineEnding: nb.layout.lineEnding };
  if (Object.keys(saved).length > 0) metadata.aibook = saved;
  const ids = new Set<string>();
  return {
    cells: nb.cells.map((cell, index) => toIpynbCell(cell, index, ids)),
    metadata,
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The Jupyter-only details an import kept (see JUPYTER_KEY), and the other unknown keys. */
function splitJupyter(extra: JsonObject | undefined): { jupyter: JsonObject; rest?: JsonObject } {
  if (!extra || !(JUPYTER_KEY in extra)) return { jupyter: {}, rest: extra };
  const rest = { ...extra };
  delete rest[JUPYTER_KEY];
  const jupyter = isObject(extra[JUPYTER_KEY]) ? (extra[JUPYTER_KEY] as JsonObject) : {};
  return { jupyter, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

function toIpynbCell(cell: AibookCell, index: number, ids: Set<string>): IpynbCell {
  let id = `cell-${index}`;
  for (let n = 2; ids.has(id); n++) id = `cell-${index}-${n}`;
  ids.add(id);
  const { jupyter, rest } = splitJupyter(cell.extra);
  const metadata: JsonObject = isObject(jupyter.metadata) ? { ...(jupyter.metadata as JsonObject) } : {};
  if (rest) metadata.aibook = { extra: rest };
  if (cell.kind === "markdown") {
    const cellType = jupyter.cell_type === "raw" ? "raw" : "markdown";
    const markdown: IpynbCell = { id, cell_type: cellType, metadata, source: multiline(cell.source) };
    if (isObject(jupyter.attachments)) markdown.attachments = jupyter.attachments as JsonObject;
    return markdown;
  }
  const language = cell.language ?? "typescript";
  if (language !== "typescript") metadata.vscode = { ...(isObject(metadata.vscode) ? (metadata.vscode as JsonObject) : {}), languageId: language };
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
  const omitted: JsonObject = {};
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
      if (item.omitted) omitted[item.mime] = { mime: item.omitted.mime, bytes: item.omitted.bytes, ...item.omitted.extra };
      data[item.mime] = isJsonMime(item.mime) && item.encoding === undefined ? item.data : item.encoding === "base64" ? (item.data as string) : multiline(textOf(item));
    }
  }
  if (Object.keys(data).length > 0 || output.items.length === 0) {
    const saved: JsonObject = {};
    if (output.extra) saved.extra = output.extra;
    if (Object.keys(itemExtras).length > 0) saved.items = itemExtras;
    if (Object.keys(omitted).length > 0) saved.omitted = omitted;
    result.push({ output_type: "display_data", data, metadata: Object.keys(saved).length > 0 ? { aibook: saved } : {} });
  }
  return result;
}

function textOf(item: AibookOutputItem): string {
  return typeof item.data === "string" ? item.data : JSON.stringify(item.data);
}

/**
 * Thrown for a Jupyter notebook aibook cannot take; the CLI names the file and, from `path`,
 * the line of the value at fault.
 */
export class IpynbImportError extends Error {
  constructor(
    message: string,
    readonly path: JsonPath = [],
  ) {
    super(message);
  }
}

/** Something of the Jupyter notebook that the `.aibook` holds differently, or not at all. */
export interface IpynbImportWarning {
  path: JsonPath;
  message: string;
}

/**
 * Where Jupyter-only details of an imported notebook are kept: an unknown key of the cell or of
 * the notebook (kept by every aibook reader and writer), so that nothing the notebook's author
 * wrote (markdown attachments, cell tags, a raw cell's kind, notebook metadata) is lost, and
 * `export --to ipynb` puts it back.
 */
export const JUPYTER_KEY = "jupyter";

const LANGUAGES: Record<string, string> = { typescript: "typescript", ts: "typescript", javascript: "javascript", js: "javascript" };

/** Notebook metadata that describes the kernel, written afresh on export. */
const KERNEL_METADATA = ["kernelspec", "language_info", "aibook"];

/**
 * An `.aibook` notebook from a parsed Jupyter notebook with TypeScript or JavaScript cells.
 * `warnings` receives what the `.aibook` holds differently (a raw cell that becomes a markdown
 * cell) or leaves out (an output of an unknown type).
 */
export function fromIpynb(value: unknown, warnings: IpynbImportWarning[] = []): AibookNotebook {
  if (!isObject(value)) throw new IpynbImportError("not a Jupyter notebook: expected a JSON object with \"cells\" and \"nbformat\"");
  if ((typeof value.nbformat === "number" && value.nbformat < 4) || ("worksheets" in value && !("cells" in value))) {
    const version = typeof value.nbformat === "number" ? value.nbformat : 3;
    throw new IpynbImportError(
      `nbformat ${version} is too old (aibook imports nbformat 4): upgrade it with \`jupyter nbconvert --to notebook --nbformat 4 FILE.ipynb\`, or open and save it in Jupyter`,
      "nbformat" in value ? ["nbformat"] : [],
    );
  }
  if (typeof value.nbformat === "number" && value.nbformat > 4) {
    throw new IpynbImportError(`nbformat ${value.nbformat} is newer than this aibook reads (nbformat 4)`, ["nbformat"]);
  }
  if (!Array.isArray(value.cells)) {
    throw new IpynbImportError(`not a Jupyter notebook: "cells" must be an array, found ${describe(value.cells)}`, "cells" in value ? ["cells"] : []);
  }
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const declared = notebookLanguage(metadata);
  if (declared !== undefined && !(declared in LANGUAGES)) {
    const kernel = isObject(metadata.kernelspec) && typeof metadata.kernelspec.display_name === "string" ? ` (kernel "${metadata.kernelspec.display_name}")` : "";
    throw new IpynbImportError(`this is a ${declared} notebook${kernel}; aibook imports notebooks with TypeScript or JavaScript cells`, ["metadata"]);
  }
  const defaultLanguage = declared === undefined ? "typescript" : LANGUAGES[declared];
  const cells = value.cells.map((cell, index) => fromIpynbCell(cell, index, defaultLanguage, warnings));
  const saved = isObject(metadata.aibook) ? metadata.aibook : {};
  const notebook: AibookNotebook = { metadata: isObject(saved.metadata) ? (saved.metadata as JsonObject) : {}, cells };
  const others = without(metadata, KERNEL_METADATA);
  const extra = withJupyter(isObject(saved.extra) ? (saved.extra as JsonObject) : undefined, Object.keys(others).length > 0 ? { metadata: others } : {});
  if (extra) notebook.extra = extra;
  if (isObject(saved.layout) && (saved.layout.lineEnding === "\n" || saved.layout.lineEnding === "\r\n")) {
    notebook.layout = { bom: saved.layout.bom === true, lineEnding: saved.layout.lineEnding };
  }
  return notebook;
}

function notebookLanguage(metadata: Record<string, unknown>): string | undefined {
  const info = isObject(metadata.language_info) ? metadata.language_info.name : undefined;
  const spec = isObject(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const name = typeof spec === "string" ? spec : typeof info === "string" ? info : undefined;
  return name?.toLowerCase();
}

function fromIpynbCell(cell: unknown, index: number, defaultLanguage: string, warnings: IpynbImportWarning[]): AibookCell {
  const path: JsonPath = ["cells", index];
  if (!isObject(cell)) throw new IpynbImportError(`cells[${index}] must be an object, found ${describe(cell)}`, path);
  const source = joinMultiline(cell.source, [...path, "source"]);
  const metadata = isObject(cell.metadata) ? cell.metadata : {};
  const saved = isObject(metadata.aibook) ? metadata.aibook : {};
  const jupyter: JsonObject = {};
  const cellType = cell.cell_type;
  if (cellType !== "code" && cellType !== "markdown") {
    jupyter.cell_type = typeof cellType === "string" ? cellType : null;
    warnings.push({
      path: "cell_type" in cell ? [...path, "cell_type"] : path,
      message:
        cellType === "raw"
          ? `cells[${index}] is a raw cell: it becomes a markdown cell (its text is kept, and export --to ipynb makes it raw again)`
          : `cells[${index}] has cell_type ${describe(cellType)}, which Jupyter does not define: it becomes a markdown cell with the same text`,
    });
  }
  const otherMetadata = without(metadata, ["aibook"]);
  if (isObject(otherMetadata.vscode)) {
    const vscode = without(otherMetadata.vscode, ["languageId"]);
    if (Object.keys(vscode).length > 0) otherMetadata.vscode = vscode;
    else delete otherMetadata.vscode;
  }
  if (Object.keys(otherMetadata).length > 0) jupyter.metadata = otherMetadata;
  if (cell.attachments !== undefined) {
    if (!isObject(cell.attachments)) throw new IpynbImportError(`cells[${index}].attachments must be an object, found ${describe(cell.attachments)}`, [...path, "attachments"]);
    if (Object.keys(cell.attachments).length > 0) jupyter.attachments = cell.attachments as JsonObject;
  }
  const extra = withJupyter(isObject(saved.extra) ? (saved.extra as JsonObject) : undefined, jupyter);
  const extraPart = extra ? { extra } : {};
  if (cellType !== "code") return { kind: "markdown", source, ...extraPart };
  const languageId = isObject(metadata.vscode) ? metadata.vscode.languageId : undefined;
  let language = defaultLanguage;
  if (typeof languageId === "string") {
    if (languageId.toLowerCase() in LANGUAGES) language = LANGUAGES[languageId.toLowerCase()];
    else warnings.push({ path: [...path, "metadata", "vscode", "languageId"], message: `cells[${index}] is a ${languageId} cell: it is imported as ${defaultLanguage}, which will not run it` });
  }
  if (cell.outputs !== undefined && !Array.isArray(cell.outputs)) {
    throw new IpynbImportError(`cells[${index}].outputs must be an array, found ${describe(cell.outputs)}`, [...path, "outputs"]);
  }
  const outputs = (cell.outputs ?? []).flatMap((o: unknown, i: number) => fromIpynbOutput(o, [...path, "outputs", i], warnings));
  const result: AibookCell = { kind: "code", language, source, outputs, ...extraPart };
  const execution = executionFrom(saved.execution, cell.execution_count);
  if (execution) result.execution = execution;
  return result;
}

/**
 * The unknown keys of an aibook cell or notebook, with the Jupyter-only details under
 * JUPYTER_KEY (replacing what an export kept there); undefined when there are none.
 */
function withJupyter(saved: JsonObject | undefined, jupyter: JsonObject): JsonObject | undefined {
  const extra: JsonObject = { ...saved };
  delete extra[JUPYTER_KEY];
  if (Object.keys(jupyter).length > 0) extra[JUPYTER_KEY] = jupyter;
  return Object.keys(extra).length > 0 ? extra : undefined;
}

function without(object: Record<string, unknown>, keys: string[]): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) if (!keys.includes(key)) result[key] = value as JsonValue;
  return result;
}

/**
 * Jupyter's execution count, with the success and duration an aibook export kept beside it
 * (dropped when the count no longer matches: the notebook was run again elsewhere).
 */
function executionFrom(saved: unknown, count: unknown): AibookExecution | undefined {
  const jupyterCount = typeof count === "number" ? count : null;
  if (!isObject(saved) || (saved.count ?? null) !== jupyterCount) return jupyterCount === null ? undefined : { count: jupyterCount };
  const execution: AibookExecution = {};
  if (saved.count !== undefined) execution.count = jupyterCount;
  if (typeof saved.success === "boolean") execution.success = saved.success;
  if (typeof saved.durationMs === "number") execution.durationMs = saved.durationMs;
  if (isObject(saved.extra)) execution.extra = saved.extra as JsonObject;
  return execution;
}

function fromIpynbOutput(output: unknown, path: JsonPath, warnings: IpynbImportWarning[]): AibookOutput[] {
  const where = pathText(path);
  if (!isObject(output)) throw new IpynbImportError(`${where} must be an object, found ${describe(output)}`, path);
  switch (output.output_type) {
    case "stream":
      return [{ items: [{ mime: output.name === "stderr" ? STDERR : STDOUT, data: joinMultiline(output.text, [...path, "text"]) }] }];
    case "error": {
      const traceback = Array.isArray(output.traceback) ? output.traceback.filter((l): l is string => typeof l === "string") : [];
      const data: JsonObject = { name: String(output.ename ?? "Error"), message: String(output.evalue ?? ""), stack: stripAnsi(traceback.join("\n")) };
      return [{ items: [{ mime: ERROR, data }] }];
    }
    case "display_data":
    case "execute_result": {
      if (output.data !== undefined && !isObject(output.data)) throw new IpynbImportError(`${where}.data must be an object of mime types, found ${describe(output.data)}`, [...path, "data"]);
      const data = output.data ?? {};
      const saved = isObject(output.metadata) && isObject(output.metadata.aibook) ? output.metadata.aibook : {};
      const itemExtras = isObject(saved.items) ? saved.items : {};
      const items = Object.entries(data).map(([mime, value]) => {
        const item = fromIpynbData(mime, value as JsonValue, [...path, "data", mime]);
        if (isObject(itemExtras[mime])) item.extra = itemExtras[mime] as JsonObject;
        const placeholder = isObject(saved.omitted) ? saved.omitted[mime] : undefined;
        if (isObject(placeholder) && typeof placeholder.mime === "string" && typeof placeholder.bytes === "number") {
          const { mime: original, bytes, ...rest } = placeholder;
          item.omitted = Object.keys(rest).length > 0 ? { mime: original, bytes, extra: rest as JsonObject } : { mime: original, bytes };
        }
        return item;
      });
      return [isObject(saved.extra) ? { items, extra: saved.extra as JsonObject } : { items }];
    }
    default:
      warnings.push({ path: "output_type" in output ? [...path, "output_type"] : path, message: `${where} has output_type ${describe(output.output_type)}, which nbformat 4 does not define: left out` });
      return [];
  }
}

function fromIpynbData(mime: string, value: JsonValue, path: JsonPath): AibookOutputItem {
  if (isJsonMime(mime)) return { mime, data: value };
  const text = joinMultiline(value, path);
  if (isBinaryMime(mime)) {
    const base64 = text.replace(/\s+/g, "");
    if (!isBase64(base64)) throw new IpynbImportError(`${pathText(path)} must be base64 text for a binary mime type`, path);
    return { mime, data: base64, encoding: "base64" };
  }
  return { mime, data: text };
}

/** Jupyter's multi-line string (a string, or lines that keep their "\n") as one string. */
function joinMultiline(value: unknown, path: JsonPath): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const bad = value.findIndex((l) => typeof l !== "string");
    if (bad < 0) return value.join("");
    throw new IpynbImportError(`${pathText([...path, bad])} must be a string (a line), found ${describe(value[bad])}`, [...path, bad]);
  }
  throw new IpynbImportError(`${pathText(path)} must be a string or a list of strings, found ${describe(value)}`, path);
}

/** `cells[1].outputs[0].data["image/png"]` for ["cells", 1, "outputs", 0, "data", "image/png"]. */
export function pathText(path: JsonPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) text += text === "" ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text || "the notebook";
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
