/**
 * The `.aibook` reader. It refuses what it cannot read faithfully — text that is not JSON, a
 * newer format version, values of the wrong type — with the file, line and column, because a
 * notebook that opened as "empty" would be overwritten by the next save. Everything it does not
 * know it keeps, in order, for the writer (see types.ts).
 *
 * Text details:
 * - An empty file (no bytes, or only whitespace) is an empty notebook.
 * - A UTF-8 byte order mark is accepted and kept (`layout.bom`); the writer writes it back.
 * - CRLF files are accepted; the line ending of the first line break is kept
 *   (`layout.lineEnding`) and used for the whole file on save, so an unchanged CRLF file
 *   round-trips byte for byte. Line numbers in errors count CRLF as one break.
 * - Bytes that are not UTF-8 are an error (never replaced by U+FFFD).
 *
 * Normalised on the next save (so such a file is not byte-exact until saved once): keys in
 * another order than the spec's, `source` as one string, a missing `metadata`/`language`/
 * `outputs`, other indentation or escapes, and object keys that look like array indexes ("0"),
 * which JavaScript orders first.
 */
import { NotebookFormatError } from "./errors";
import { findDuplicateKey, findJsonSyntaxError, locateJsonPath, type JsonPath } from "./jsonScan";
import { isBase64 } from "./mime";
import { positionAt } from "./position";
import { decodeNotebookText } from "./text";
import {
  FORMAT_VERSION,
  type AibookCell,
  type AibookExecution,
  type AibookNotebook,
  type AibookOutput,
  type AibookOutputItem,
  type JsonObject,
  type JsonValue,
  type OmittedOutput,
} from "./types";

/** Keys the reader understands at each level; the rest go to `extra`. */
export const KNOWN_KEYS = {
  notebook: ["aibook", "metadata", "cells"],
  codeCell: ["kind", "language", "source", "execution", "outputs"],
  markdownCell: ["kind", "source"],
  execution: ["count", "success", "durationMs"],
  output: ["items"],
  item: ["mime", "data", "encoding", "omitted"],
  omitted: ["mime", "bytes"],
} as const;

/** Reads a notebook; `fileName` is used only in error messages. */
export function parseNotebook(input: string | Uint8Array, fileName: string): AibookNotebook {
  const { text, layout } = decodeNotebookText(input, fileName);
  if (/^[ \t\r\n]*$/.test(text)) return { metadata: {}, cells: [], layout };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) throw new NotebookFormatError(fileName, 1, 1, "the JSON is nested too deeply to read");
    // The scanner words the problem; JSON.parse's own position is the fallback.
    const found = findJsonSyntaxError(text);
    const position = /position (\d+)/.exec((e as Error).message);
    const at = positionAt(text, found?.offset ?? (position ? Number(position[1]) : 0));
    const problem = found?.problem ?? (e as Error).message;
    throw new NotebookFormatError(fileName, at.line, at.column, `not valid JSON: ${problem}`);
  }
  refuseDuplicateKeys(text, fileName);
  const notebook = new Reader(text, fileName).notebook(root);
  notebook.layout = layout;
  return notebook;
}

/**
 * JSON.parse keeps the last of two equal keys and drops the first without a word; a notebook
 * with `"source"` twice (a bad merge, a hand edit) would lose a cell's text on the next save.
 */
export function refuseDuplicateKeys(text: string, fileName: string): void {
  const duplicate = findDuplicateKey(text);
  if (!duplicate) return;
  const at = positionAt(text, duplicate.offset);
  const first = positionAt(text, duplicate.firstOffset);
  throw new NotebookFormatError(
    fileName,
    at.line,
    at.column,
    `the key ${JSON.stringify(duplicate.key)} appears twice in ${pathName(duplicate.path)} (first on line ${first.line}); JSON keeps only the last value, so remove one`,
  );
}

class Reader {
  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  fail(path: JsonPath, problem: string): never {
    const offset = locateJsonPath(this.text, path);
    const at = positionAt(this.text, Math.max(offset, 0));
    throw new NotebookFormatError(this.file, at.line, at.column, problem);
  }

  notebook(root: unknown): AibookNotebook {
    if (!isObject(root)) {
      this.fail([], `not an aibook notebook: the file must hold a JSON object with "aibook": ${FORMAT_VERSION}, found ${describe(root)}`);
    }
    if (!("aibook" in root)) {
      const jupyter = "nbformat" in root ? "; it looks like a Jupyter notebook: convert it with `aibook import FILE.ipynb`" : "";
      this.fail([], `not an aibook notebook: the format version "aibook" is missing (expected "aibook": ${FORMAT_VERSION})${jupyter}`);
    }
    const version = root.aibook;
    if (typeof version !== "number") {
      this.fail(["aibook"], `"aibook" must be the format version number ${FORMAT_VERSION}, found ${describe(version)}`);
    }
    if (Number.isInteger(version) && version > FORMAT_VERSION) {
      this.fail(["aibook"], `written by a newer aibook (format version ${version}); this one reads version ${FORMAT_VERSION}`);
    }
    if (version !== FORMAT_VERSION) {
      this.fail(["aibook"], `unknown format version ${version}; this one reads version ${FORMAT_VERSION}`);
    }
    const metadata = root.metadata === undefined ? {} : this.object(root.metadata, ["metadata"], "metadata");
    const cellsValue = root.cells === undefined ? [] : root.cells;
    if (!Array.isArray(cellsValue)) this.fail(["cells"], `cells must be an array, found ${describe(cellsValue)}`);
    const cells = cellsValue.map((c, i) => this.cell(c, ["cells", i]));
    return withExtra<AibookNotebook>({ metadata: metadata as JsonObject, cells }, root, KNOWN_KEYS.notebook);
  }

  cell(value: unknown, path: JsonPath): AibookCell {
    const name = pathName(path);
    const cell = this.object(value, path, name);
    const kind = cell.kind;
    if (kind === undefined) this.fail(path, `${name} has no "kind": expected "code" or "markdown"`);
    if (kind !== "code" && kind !== "markdown") {
      this.fail([...path, "kind"], `${name}.kind must be "code" or "markdown", found ${describe(kind)}`);
    }
    const source = this.source(cell.source, path);
    if (kind === "markdown") return withExtra<AibookCell>({ kind, source }, cell, KNOWN_KEYS.markdownCell);

    const language = cell.language === undefined ? "typescript" : cell.language;
    if (typeof language !== "string" || language === "") {
      this.fail([...path, "language"], `${name}.language must be a language name such as "typescript", found ${describe(language)}`);
    }
    const result: AibookCell = { kind, source, language };
    if (cell.execution !== undefined) result.execution = this.execution(cell.execution, [...path, "execution"]);
    const outputs = cell.outputs === undefined ? [] : cell.outputs;
    if (!Array.isArray(outputs)) this.fail([...path, "outputs"], `${name}.outputs must be an array, found ${describe(outputs)}`);
    result.outputs = outputs.map((o, i) => this.output(o, [...path, "outputs", i]));
    return withExtra(result, cell, KNOWN_KEYS.codeCell);
  }

  source(value: unknown, cellPath: JsonPath): string {
    const path = [...cellPath, "source"];
    if (value === undefined) this.fail(cellPath, `${pathName(cellPath)} has no "source"`);
    if (typeof value === "string") return value;
    if (!Array.isArray(value)) {
      this.fail(path, `${pathName(path)} must be a string or an array of lines, found ${describe(value)}`);
    }
    value.forEach((line, i) => {
      if (typeof line !== "string") this.fail([...path, i], `${pathName([...path, i])} must be a string (a line of the cell), found ${describe(line)}`);
    });
    return value.join("\n");
  }

  execution(value: unknown, path: JsonPath): AibookExecution {
    const name = pathName(path);
    const e = this.object(value, path, name);
    const result: AibookExecution = {};
    if (e.count !== undefined) {
      if (e.count !== null && !(typeof e.count === "number" && Number.isInteger(e.count) && e.count >= 0)) {
        this.fail([...path, "count"], `${name}.count must be a whole number or null, found ${describe(e.count)}`);
      }
      result.count = e.count;
    }
    if (e.success !== undefined) {
      if (typeof e.success !== "boolean") this.fail([...path, "success"], `${name}.success must be true or false, found ${describe(e.success)}`);
      result.success = e.success;
    }
    if (e.durationMs !== undefined) {
      if (typeof e.durationMs !== "number" || e.durationMs < 0) {
        this.fail([...path, "durationMs"], `${name}.durationMs must be a number of milliseconds, found ${describe(e.durationMs)}`);
      }
      result.durationMs = e.durationMs;
    }
    return withExtra(result, e, KNOWN_KEYS.execution);
  }

  output(value: unknown, path: JsonPath): AibookOutput {
    const name = pathName(path);
    const o = this.object(value, path, name);
    if (o.items === undefined) this.fail(path, `${name} has no "items"`);
    if (!Array.isArray(o.items)) this.fail([...path, "items"], `${name}.items must be an array, found ${describe(o.items)}`);
    const items = o.items.map((item, i) => this.item(item, [...path, "items", i]));
    return withExtra<AibookOutput>({ items }, o, KNOWN_KEYS.output);
  }

  item(value: unknown, path: JsonPath): AibookOutputItem {
    const name = pathName(path);
    const it = this.object(value, path, name);
    if (it.mime === undefined) this.fail(path, `${name} has no "mime"`);
    if (typeof it.mime !== "string" || it.mime === "") this.fail([...path, "mime"], `${name}.mime must be a mime type such as "text/plain", found ${describe(it.mime)}`);
    if (it.data === undefined) this.fail(path, `${name} has no "data"`);
    const result: AibookOutputItem = { mime: it.mime, data: it.data as JsonValue };
    if (it.encoding !== undefined) {
      if (it.encoding !== "base64") this.fail([...path, "encoding"], `${name}.encoding must be "base64", found ${describe(it.encoding)}`);
      if (typeof it.data !== "string" || !isBase64(it.data)) {
        this.fail([...path, "data"], `${name}.data must be base64 text (the item says "encoding": "base64"), found ${describe(it.data)}`);
      }
      result.encoding = "base64";
    }
    if (it.omitted !== undefined) result.omitted = this.omitted(it.omitted, [...path, "omitted"]);
    return withExtra(result, it, KNOWN_KEYS.item);
  }

  omitted(value: unknown, path: JsonPath): OmittedOutput {
    const name = pathName(path);
    const o = this.object(value, path, name);
    if (typeof o.mime !== "string") this.fail([...path, "mime"], `${name}.mime must be a string, found ${describe(o.mime)}`);
    if (typeof o.bytes !== "number") this.fail([...path, "bytes"], `${name}.bytes must be a number, found ${describe(o.bytes)}`);
    return withExtra<OmittedOutput>({ mime: o.mime, bytes: o.bytes }, o, KNOWN_KEYS.omitted);
  }

  object(value: unknown, path: JsonPath, name: string): Record<string, unknown> {
    if (!isObject(value)) this.fail(path, `${name} must be an object, found ${describe(value)}`);
    return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Copies the keys of `source` not in `known` into `target.extra`, in order. */
function withExtra<T extends { extra?: JsonObject }>(target: T, source: Record<string, unknown>, known: readonly string[]): T {
  let extra: JsonObject | undefined;
  for (const key of Object.keys(source)) {
    if (known.includes(key)) continue;
    extra ??= {};
    setOwn(extra, key, source[key] as JsonValue);
  }
  if (extra) target.extra = extra;
  return target;
}

/** Sets a key even when it is "__proto__" (a plain assignment would change the prototype). */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `cells[1].outputs[0]` for ["cells", 1, "outputs", 0]. */
export function pathName(path: JsonPath): string {
  let name = "";
  for (const part of path) {
    if (typeof part === "number") name += `[${part}]`;
    else name += name === "" ? part : `.${part}`;
  }
  return name || "the notebook";
}

/** A short description of a found value for messages: `7`, `"seven"`, `an array`, `an object`. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
