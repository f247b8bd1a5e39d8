/**
 * The in-memory shape of an `.aibook` notebook (format version 1, see shared/spec/aibook-format.md).
 * The extension, the CLI, the kernel and the language server all read and write notebooks through
 * these types, so they carry no editor concepts. Keys this version does not know sit in `extra`
 * of the object they were found in, in file order, and are written back after the known keys:
 * a file written by a newer aibook keeps what it added when an older one saves it.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The only format version this reader accepts and this writer writes. */
export const FORMAT_VERSION = 1;

export type CellKind = "code" | "markdown";

export interface AibookNotebook {
  /** Notebook metadata (`title`, ...), kept as found. */
  metadata: JsonObject;
  cells: AibookCell[];
  /** Top-level keys this version does not know. */
  extra?: JsonObject;
  /** How the file's text was laid out, so that saving an unchanged notebook gives back its bytes. */
  layout?: TextLayout;
}

/**
 * A cell. Code cells always have `language` and `outputs` after parsing (the writer writes them
 * for every code cell); markdown cells have neither, and keys such as `outputs` on a markdown cell
 * are kept in `extra` like any other unknown key.
 */
export interface AibookCell {
  kind: CellKind;
  /** The cell text, lines joined with "\n" (the file holds an array of lines). */
  source: string;
  /** On-disk language of a code cell: "typescript" (the default) or "javascript". */
  language?: string;
  execution?: AibookExecution;
  outputs?: AibookOutput[];
  extra?: JsonObject;
}

/** Facts about the last run of a code cell; kept together so that they can be stripped together. */
export interface AibookExecution {
  /** Execution order, as the `[n]` beside the cell. */
  count?: number | null;
  success?: boolean;
  durationMs?: number;
  extra?: JsonObject;
}

export interface AibookOutput {
  items: AibookOutputItem[];
  extra?: JsonObject;
}

/**
 * One representation of an output. Text mimes hold a string, JSON mimes a JSON value, binary
 * mimes base64 text with `encoding: "base64"` (see mime.ts for the helpers that give bytes).
 */
export interface AibookOutputItem {
  mime: string;
  data: JsonValue;
  encoding?: "base64";
  /** Set on the `text/plain` placeholder that stands for a binary output too large to save. */
  omitted?: OmittedOutput;
  extra?: JsonObject;
}

/** What a placeholder item stands for. */
export interface OmittedOutput {
  mime: string;
  bytes: number;
  extra?: JsonObject;
}

/** The text details of a file that are not part of its JSON. */
export interface TextLayout {
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** The line ending of the file's first line break. */
  lineEnding: "\n" | "\r\n";
}

export interface SerializeOptions {
  /** false: drop every output and `execution` (default true). */
  saveOutputs?: boolean;
  /** Binary outputs with more bytes than this become a placeholder (default 1 MiB, as the setting). */
  maxBinaryOutputBytes?: number;
}

export const DEFAULT_MAX_BINARY_OUTPUT_BYTES = 1048576;
