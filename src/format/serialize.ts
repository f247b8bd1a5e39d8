/**
 * The `.aibook` writer: two-space JSON, keys in the spec's order with unknown keys after them in
 * the order they were read, `source` as an array of lines, a final newline, and the file's own
 * byte order mark and line ending (see parse.ts). Writing what `parseNotebook` read from a file
 * in this form gives back that file's bytes, so a save without edits is invisible to git.
 */
import { KNOWN_KEYS } from "./parse";
import { base64ByteLength } from "./mime";
import {
  DEFAULT_MAX_BINARY_OUTPUT_BYTES,
  FORMAT_VERSION,
  type AibookCell,
  type AibookExecution,
  type AibookNotebook,
  type AibookOutput,
  type AibookOutputItem,
  type JsonObject,
  type JsonValue,
  type OmittedOutput,
  type SerializeOptions,
} from "./types";

/** Prints a JSON node at an indentation (the node's first line is already placed). */
type Print = (indent: string) => string;
type Entry = [key: string, print: Print | undefined];

const STEP = "  ";

export function serializeNotebook(nb: AibookNotebook, options: SerializeOptions = {}): string {
  const settings = {
    saveOutputs: options.saveOutputs ?? true,
    maxBinaryOutputBytes: options.maxBinaryOutputBytes ?? DEFAULT_MAX_BINARY_OUTPUT_BYTES,
  };
  const root = object(
    [
      ["aibook", json(FORMAT_VERSION)],
      ["metadata", json(nb.metadata ?? {})],
      ["cells", array(nb.cells.map((c) => cell(c, settings)))],
    ],
    nb.extra,
  );
  let text = root("") + "\n";
  if (nb.layout?.lineEnding === "\r\n") text = text.replace(/\n/g, "\r\n");
  if (nb.layout?.bom) text = "\uFEFF" + text;
  return text;
}

/** Splits cell text into the lines the file holds; "" is no lines. */
export function sourceLines(source: string): string[] {
  return source === "" ? [] : source.split("\n");
}

function cell(c: AibookCell, settings: Required<SerializeOptions>): Print {
  const source = json(sourceLines(c.source));
  if (c.kind === "markdown") return object([["kind", json("markdown")], ["source", source]], c.extra);
  const outputs = settings.saveOutputs ? (c.outputs ?? []) : [];
  return object(
    [
      ["kind", json("code")],
      ["language", json(c.language ?? "typescript")],
      ["source", source],
      ["execution", settings.saveOutputs && c.execution ? execution(c.execution) : undefined],
      ["outputs", array(outputs.map((o) => output(o, settings.maxBinaryOutputBytes)))],
    ],
    c.extra,
  );
}

function execution(e: AibookExecution): Print {
  return object(
    [
      ["count", e.count === undefined ? undefined : json(e.count)],
      ["success", e.success === undefined ? undefined : json(e.success)],
      ["durationMs", e.durationMs === undefined ? undefined : json(e.durationMs)],
    ],
    e.extra,
  );
}

function output(o: AibookOutput, maxBinaryBytes: number): Print {
  return object([["items", array(o.items.map((i) => item(limitSize(i, maxBinaryBytes))))]], o.extra);
}

function item(i: AibookOutputItem): Print {
  return object(
    [
      ["mime", json(i.mime)],
      ["data", json(i.data)],
      ["encoding", i.encoding === undefined ? undefined : json(i.encoding)],
      ["omitted", i.omitted === undefined ? undefined : omitted(i.omitted)],
    ],
    i.extra,
  );
}

function omitted(o: OmittedOutput): Print {
  return object([["mime", json(o.mime)], ["bytes", json(o.bytes)]], o.extra);
}

/** A base64 item over the limit becomes a `text/plain` placeholder that says what was left out. */
export function limitSize(i: AibookOutputItem, maxBinaryBytes: number): AibookOutputItem {
  if (i.encoding !== "base64" || typeof i.data !== "string") return i;
  const bytes = base64ByteLength(i.data);
  if (bytes <= maxBinaryBytes) return i;
  return {
    mime: "text/plain",
    data:
      `[${i.mime} output of ${bytes.toLocaleString("en-US")} bytes not saved: larger than ` +
      `aibook.notebook.maxBinaryOutputBytes (${maxBinaryBytes.toLocaleString("en-US")} bytes). Run the cell again to see it.]`,
    omitted: { mime: i.mime, bytes },
  };
}

function json(value: JsonValue): Print {
  if (typeof value !== "object" || value === null) return () => JSON.stringify(value);
  return (indent) => {
    const text = JSON.stringify(value, null, 2);
    return indent === "" ? text : text.replace(/\n/g, "\n" + indent);
  };
}

function object(entries: Entry[], extra: JsonObject | undefined): Print {
  const all = entries.filter((e): e is [string, Print] => e[1] !== undefined);
  if (extra) {
    const known = new Set(entries.map((e) => e[0]));
    for (const key of Object.keys(extra)) {
      const value = extra[key];
      if (!known.has(key) && value !== undefined) all.push([key, json(value)]);
    }
  }
  return (indent) => {
    if (all.length === 0) return "{}";
    const inner = indent + STEP;
    const body = all.map(([key, print]) => `${inner}${JSON.stringify(key)}: ${print(inner)}`);
    return `{\n${body.join(",\n")}\n${indent}}`;
  };
}

function array(items: Print[]): Print {
  return (indent) => {
    if (items.length === 0) return "[]";
    const inner = indent + STEP;
    return `[\n${items.map((print) => inner + print(inner)).join(",\n")}\n${indent}]`;
  };
}
