/**
 * `readJson`: semi-structured data as a flat DataFrame. Takes an array of records, one record,
 * or JSON lines (one record per line); nested objects flatten to `a.b` columns like
 * pandas.json_normalize, so a profile and the models see ordinary columns. Lists inside a
 * record are kept as their JSON text (one cell per record).
 */
import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import type { DataFrame } from "danfojs-node";
import { AibookError } from "../core/errors";
import { warnOnce } from "../core/warn";
import { checkOptions } from "../options";
import { invalidUtf8Line } from "./csv-parser";
import { frameFromColumns, inferDtype } from "./frame";
import { resolveDataPath } from "./read-csv";

export interface ReadJsonOptions {
  /** JSON lines (one record per line); detected from the content when not given. */
  lines?: boolean;
  /** Dotted path to the array of records inside the document, e.g. "data.items". */
  records?: string;
}

export async function readJson(path: string, options: ReadJsonOptions = {}): Promise<DataFrame> {
  checkOptions("readJson", options, ["lines", "records"]);
  const full = resolveDataPath("readJson", path);
  const bytes = readFileSync(full);
  if (!isUtf8(bytes)) {
    // JSON is UTF-8 (RFC 8259); decoding on would turn each such letter into U+FFFD without a word.
    const line = invalidUtf8Line(bytes, 0, bytes.length, 0x0a, 1);
    throw new AibookError(`readJson: ${full}, line ${line}: not valid UTF-8 text; JSON files must be UTF-8 (re-save the file as UTF-8).`);
  }
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const lineNumbers: number[] = [];
  const records = parseRecords(text, full, options, lineNumbers);
  return recordsToFrame(records, `readJson: ${full}`, lineNumbers.length ? lineNumbers : undefined);
}

/** `lineNumbers` receives the line of each record of JSON lines, for errors about a record. */
function parseRecords(text: string, file: string, options: ReadJsonOptions, lineNumbers: number[] = []): unknown[] {
  const trimmed = text.trim();
  const lines = options.lines ?? (!trimmed.startsWith("[") && trimmed.includes("\n") && !looksLikeOneDocument(trimmed));
  if (lines) {
    const out: unknown[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push(JSON.parse(line));
        lineNumbers.push(i + 1);
      } catch (e) {
        throw new AibookError(`readJson: ${file}, line ${i + 1} is not valid JSON (${(e as Error).message}).`);
      }
    });
    return out;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = position(text, (e as Error).message);
    const where = at ? `${file}, line ${at.line}, column ${at.column}:` : file;
    throw new AibookError(`readJson: ${where} is not valid JSON (${(e as Error).message}); for one record per line pass { lines: true }.`);
  }
  if (options.records) {
    for (const key of options.records.split(".")) {
      if (typeof doc !== "object" || doc === null || !(key in doc)) throw new AibookError(`readJson: ${file} has no "${options.records}" (stopped at "${key}").`);
      doc = (doc as Record<string, unknown>)[key];
    }
  }
  if (Array.isArray(doc)) return doc;
  if (typeof doc === "object" && doc !== null) {
    if (!options.records) hintRecords(doc as Record<string, unknown>, file);
    return [doc];
  }
  throw new AibookError(`readJson: ${file} holds ${typeof doc}; expected an array of records, a record, or JSON lines.`);
}

/**
 * One document such as `{ "meta": ..., "data": [ {...}, {...} ] }` reads as one row whose "data"
 * cell is JSON text, which is seldom what was meant: name the list of records to read instead.
 */
function hintRecords(doc: Record<string, unknown>, file: string): void {
  const found: { path: string; n: number }[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((r) => typeof r === "object" && r !== null && !Array.isArray(r))) found.push({ path, n: value.length });
      return;
    }
    if (depth < 3 && typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(doc, "", 0);
  if (found.length === 0) return;
  const list = found.sort((a, b) => b.n - a.n)[0];
  warnOnce(`readJson: ${file} is one record, read as one row, but "${list.path}" holds a list of ${list.n} records: to read those as rows pass readJson(path, { records: "${list.path}" }).`);
}

/** Line and column (1-based) in `text` of V8's "at position N" (or "line L column C"). */
function position(text: string, message: string): { line: number; column: number } | undefined {
  // A truncated document ("Unexpected end of JSON input") ends at the end of the text.
  const m = /at position (\d+)/.exec(message) ?? /line (\d+) column (\d+)/.exec(message) ?? (/end of JSON input/.test(message) ? ["", String(text.trimEnd().length)] : null);
  if (!m) return undefined;
  if (m.length === 3) return { line: Number(m[1]), column: Number(m[2]) };
  const offset = Number(m[1]);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function looksLikeOneDocument(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Flattens records into columns (first-seen column order; absent keys are missing). */
export function recordsToFrame(records: unknown[], where = "readJson", lineNumbers?: number[]): DataFrame {
  const columns = new Map<string, unknown[]>();
  records.forEach((record, i) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      const at = lineNumbers ? `, line ${lineNumbers[i]}` : "";
      throw new AibookError(`${where}${at}: record ${i} is ${Array.isArray(record) ? "an array" : JSON.stringify(record)}; expected an object.`);
    }
    const flat: Record<string, unknown> = {};
    flatten(record as Record<string, unknown>, "", flat);
    for (const [key, value] of Object.entries(flat)) {
      let column = columns.get(key);
      if (!column) columns.set(key, (column = new Array(i).fill(undefined)));
      column[i] = value;
    }
  });
  const names = [...columns.keys()];
  const data = names.map((n) => {
    const column = columns.get(n)!;
    column.length = records.length;
    return column;
  });
  // A whole-number column with gaps is float in pandas (int64 has no NaN): 1.0, NaN.
  const dtypes = data.map((column) => {
    const dtype = inferDtype(column);
    return dtype === "int32" && column.some((v) => v === undefined || v === null) ? "float32" : dtype;
  });
  const filled = data.map((column, j) =>
    Array.from(column, (v) => (v === undefined || v === null ? (dtypes[j] === "string" || dtypes[j] === "boolean" ? null : NaN) : v)),
  );
  return frameFromColumns(names, filled, { dtypes });
}

/**
 * pandas.json_normalize's order: a record's own scalar (and list) keys first, then its nested
 * objects flattened in key order, so [{"id", "user": {...}, "tags"}] gives id, tags, user.*.
 */
function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, unknown>): void {
  const entries = Object.entries(obj);
  if (!prefix) {
    const isObject = ([, v]: [string, unknown]) => typeof v === "object" && v !== null && !Array.isArray(v);
    entries.splice(0, entries.length, ...entries.filter((e) => !isObject(e)), ...entries.filter(isObject));
  }
  for (const [key, value] of entries) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) flatten(value as Record<string, unknown>, name, out);
    else if (Array.isArray(value) || (typeof value === "object" && value !== null)) out[name] = JSON.stringify(value);
    else out[name] = value;
  }
}
