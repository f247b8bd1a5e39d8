/**
 * `readCsv`: a CSV file as a danfojs DataFrame, typed as pandas.read_csv types it. Uses our own
 * streaming parser (see csv-parser.ts) because danfojs' readCSV is too slow and memory-hungry
 * for files of a million rows. Relative paths resolve against process.cwd(), which the kernel
 * sets to the notebook's folder, so `readCsv("data.csv")` finds the file beside the notebook.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { DataFrame } from "danfojs-node";
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { DEFAULT_NA_VALUES, parseCsvFile, type CsvEncoding } from "./csv-parser";
import { lazyFrameFromColumns, type Dtype } from "./frame";

export interface ReadCsvOptions {
  /** Field separator (default ","). */
  delimiter?: string;
  /** Whether the first line holds the column names (default true); without, columns are "0", "1", … */
  header?: boolean;
  /** Extra strings that mean "missing", added to pandas' defaults (NA, NaN, null, empty, …); one or a list, as pandas' na_values. */
  naValues?: string | number | (string | number)[];
  /** The file's text encoding, as pandas' `encoding`: "utf8" (default), "latin1" or "cp1252" (Excel on Windows). */
  encoding?: string;
}

const KNOWN = ["delimiter", "header", "naValues", "encoding"];

const ENCODINGS: Record<string, CsvEncoding> = {
  utf8: "utf8", "utf-8": "utf8", "utf-8-sig": "utf8", "utf_8": "utf8",
  latin1: "latin1", "latin-1": "latin1", "iso-8859-1": "latin1", iso88591: "latin1", l1: "latin1",
  cp1252: "cp1252", "windows-1252": "cp1252",
};

export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<DataFrame> {
  checkOptions("readCsv", options, KNOWN);
  const encoding = ENCODINGS[String(options.encoding ?? "utf8").toLowerCase()];
  if (!encoding) throw new AibookError(`readCsv: unknown encoding ${JSON.stringify(options.encoding)}; use "utf8", "latin1" or "cp1252".`);
  const full = resolveDataPath("readCsv", path);
  const columns = parseCsvFile(full, {
    encoding,
    delimiter: options.delimiter ?? ",",
    header: headerOption(options.header),
    naValues: [...DEFAULT_NA_VALUES, ...extraMarkers(options.naValues)],
  });
  const dtypes: Dtype[] = columns.map((c) => (c.kind === "string" ? "string" : c.kind === "boolean" ? "boolean" : c.integer ? "int32" : "float32"));
  return lazyFrameFromColumns(
    columns.map((c) => c.name),
    columns.map((c) => c.values as unknown[]),
    dtypes,
  );
}

/**
 * header as a boolean. pandas' header=0 (the first line holds the names) used to read as false,
 * so the names became a data row and every column text; header=None means no header there.
 */
function headerOption(header: unknown): boolean {
  if (header === undefined || header === true || header === 0) return true;
  if (header === false || header === null) return false;
  throw new AibookError(`readCsv: header must be true (the first line holds the column names) or false; got ${JSON.stringify(header)}.`);
}

/** naValues as a list of strings: pandas takes one value or a list, numbers too (na_values=-999). */
function extraMarkers(naValues: ReadCsvOptions["naValues"]): string[] {
  if (naValues === undefined || naValues === null) return [];
  // A single string used to be spread into its letters: "n/a" marked every "n", "/" and "a" missing.
  const list = Array.isArray(naValues) ? naValues : [naValues];
  return list.map((v) => {
    if (typeof v !== "string" && typeof v !== "number") throw new AibookError(`readCsv: naValues must be strings or numbers; got ${JSON.stringify(v)}.`);
    return String(v);
  });
}

/** An absolute path for a data file, with an error that says where we looked. */
export function resolveDataPath(where: string, path: string): string {
  if (typeof path !== "string" || !path) throw new AibookError(`${where}: expected a file path; got ${JSON.stringify(path)}.`);
  const full = resolve(process.cwd(), path);
  if (!existsSync(full)) {
    const relative = isAbsolute(path) ? "" : ` (the path "${path}" is relative to ${process.cwd()}, the notebook's folder)`;
    throw new AibookError(`${where}: no file at ${full}${relative}.`);
  }
  // Before, a folder failed later with Node's bare "EISDIR: illegal operation on a directory, read".
  if (statSync(full).isDirectory()) throw new AibookError(`${where}: ${full} is a folder, not a file.`);
  refuseBinary(where, full);
  return full;
}

/** Spreadsheets and other binary files, which would otherwise parse into one column of noise. */
function refuseBinary(where: string, full: string): void {
  const head = Buffer.alloc(512);
  let n: number;
  let fd: number | undefined;
  try {
    fd = openSync(full, "r");
    n = readSync(fd, head, 0, head.length, 0);
  } catch (error) {
    throw new AibookError(`${where}: cannot read ${full}: ${(error as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const bytes = head.subarray(0, n);
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  let kind: string | undefined;
  if (starts(0x50, 0x4b, 0x03, 0x04)) kind = "a zip archive (an Excel .xlsx workbook is one): save the sheet as CSV";
  else if (starts(0xd0, 0xcf, 0x11, 0xe0)) kind = "an old Excel .xls workbook: save the sheet as CSV";
  else if (starts(0x1f, 0x8b)) kind = "gzip-compressed: decompress it first";
  else if (starts(0x50, 0x41, 0x52, 0x31)) kind = "a Parquet file, not text";
  else if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) kind = "UTF-16 text: save it as UTF-8";
  else if (bytes.includes(0)) kind = "binary, not text (it holds NUL bytes)";
  if (kind) throw new AibookError(`${where}: ${full} is ${kind}.`);
}
