/**
 * A streaming CSV parser that reads bytes straight into typed columns. danfojs' readCSV goes
 * through papaparse and object rows, which is several times slower and heavier than
 * pandas.read_csv; this reads the file in chunks, parses numbers from bytes without creating
 * strings (Clinger's exact fast path, falling back to Number()), and keeps strings only for
 * columns that are text. Types follow pandas: a column is numeric unless one of its non-missing
 * values is not a number; pandas' default missing markers (NA, NaN, null, empty, …) become NaN/null.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { AibookError } from "../core/errors";

/** pandas' default `na_values`. */
export const DEFAULT_NA_VALUES = [
  "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
  "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
];

export interface CsvParseOptions {
  delimiter: string;
  header: boolean;
  naValues: string[];
  chunkBytes?: number;
  /** Text encoding of the file (default "utf8"); invalid UTF-8 is an error naming its line, as in pandas. */
  encoding?: CsvEncoding;
}

export type CsvEncoding = "utf8" | "latin1" | "cp1252";

export interface ParsedColumn {
  name: string;
  kind: "number" | "string" | "boolean";
  /** Numbers (NaN for missing), strings (null for missing) or booleans (null for missing). */
  values: number[] | (string | null)[] | (boolean | null)[];
  integer: boolean;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf|infinity)$/i;

class Column {
  /** A plain array of doubles (V8 keeps it unboxed), so the column needs no copy at the end. */
  numbers: number[] = [];
  /** Repeated text values share one string (categories repeat a lot). */
  readonly intern = new Map<string, string>();
  strings: (string | null)[] | undefined;
  length = 0;
  integer = true;
  /** Row at which the column turned out to be text: earlier rows are re-read as text, later ones kept as text. */
  textFrom = -1;
  constructor(readonly name: string) {}

  /** `decimal`: the text had a decimal point or exponent ("59.0" makes a float column in pandas). */
  pushNumber(v: number, decimal = false): void {
    if (this.integer && (decimal || !Number.isInteger(v))) this.integer = false;
    this.numbers.push(v);
    this.length++;
  }
}

/** Parses the CSV file at `path` into columns. */
export function parseCsvFile(path: string, options: CsvParseOptions): ParsedColumn[] {
  const parser = new CsvParser(path, options, undefined, Infinity);
  parser.run();
  // pandas raises EmptyDataError here; an empty frame would only fail later, far from the cause.
  if (parser.columns.length === 0) throw new AibookError(`readCsv: ${path} is empty: no header line and no rows to read columns from.`);
  const needText = parser.columns.filter((c) => c.textFrom > 0).map((c) => parser.columns.indexOf(c));
  let texts: (string | null)[][] = [];
  if (needText.length) {
    // Only the rows before each column turned out to be text were parsed as numbers: re-read those.
    const stopAfter = Math.max(...needText.map((j) => parser.columns[j].textFrom));
    const reread = new CsvParser(path, options, new Set(needText), stopAfter);
    reread.run();
    texts = reread.texts;
  }
  const na = new Set(options.naValues);
  const naNumbers = numericMarkers(options.naValues);
  const isNa = (s: string) => na.has(s) || (naNumbers.size > 0 && NUMBER_TEXT.test(s.trim()) && naNumbers.has(Number(s.trim())));
  return parser.columns.map((c, j) => {
    // A header with no rows: pandas types the columns object, having seen no number.
    if (c.textFrom < 0 && c.length === 0) return { name: c.name, kind: "string", values: [], integer: false };
    if (c.textFrom < 0) return { name: c.name, kind: "number", values: c.numbers, integer: c.integer };
    const strings = c.strings!;
    const head = texts[needText.indexOf(j)];
    for (let i = 0; i < c.textFrom; i++) strings[i] = head[i];
    const values = strings.map((s) => (s === null || s === undefined || isNa(s) ? null : s));
    const booleans = asBooleans(values);
    return booleans ? { name: c.name, kind: "boolean", values: booleans, integer: false } : { name: c.name, kind: "string", values, integer: false };
  });
}

function asBooleans(values: (string | null)[]): (boolean | null)[] | undefined {
  const out: (boolean | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) out[i] = null;
    else if (v === "True" || v === "true" || v === "TRUE") out[i] = true;
    else if (v === "False" || v === "false" || v === "FALSE") out[i] = false;
    else return undefined;
  }
  return out;
}

class CsvParser {
  columns: Column[] = [];
  /** Text of the re-read columns, in the order of `textColumns`. */
  texts: (string | null)[][] = [];
  private readonly naSet: Set<string>;
  /** Missing markers that are numbers (-999): pandas matches them by value, so "-999.0" is missing too. */
  private readonly naNumbers: Set<number>;
  private readonly delimiter: number;
  private row: number = 0;
  private line = 1;
  private field = 0;
  private headerDone: boolean;
  private headerNames: string[] = [];
  private readonly textOrder: number[];
  private done = false;
  /** The line terminator: LF (with an optional CR before it), or CR alone in old Mac files. */
  private eol = LF;
  private readonly encoding: CsvEncoding;

  constructor(
    private readonly path: string,
    private readonly options: CsvParseOptions,
    /** When set, only these columns are collected, as text (second pass for text columns). */
    private readonly textColumns: Set<number> | undefined,
    /** Stop once this many data rows are read. */
    private readonly stopAfterRow: number,
  ) {
    this.naSet = new Set(options.naValues);
    this.naNumbers = numericMarkers(options.naValues);
    this.encoding = options.encoding ?? "utf8";

    if (options.delimiter.length !== 1) throw new AibookError(`readCsv: delimiter must be one character; got ${JSON.stringify(options.delimiter)}.`);
    this.delimiter = options.delimiter.charCodeAt(0);
    this.headerDone = !options.header;
    this.textOrder = textColumns ? [...textColumns].sort((a, b) => a - b) : [];
    this.texts = this.textOrder.map(() => []);
  }

  run(): void {
    const fd = openSync(this.path, "r");
    try {
      const chunk = this.options.chunkBytes ?? 1 << 23;
      let buf = Buffer.allocUnsafe(chunk * 2);
      let carry = 0;
      let first = true;
      for (;;) {
        if (buf.length - carry < chunk) {
          const bigger = Buffer.allocUnsafe(carry + chunk);
          buf.copy(bigger, 0, 0, carry);
          buf = bigger;
        }
        const read = readSync(fd, buf, carry, chunk, null);
        let end = carry + read;
        let start = 0;
        if (first && end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
        if (first) {
          // Old Mac files (Excel's "CSV (Macintosh)") end lines with a lone CR, which pandas accepts.
          this.eol = firstLineEnd(buf, start, end);
        }
        first = false;
        const final = read === 0;
        const lineAtStart = this.line;
        const consumed = this.parse(buf, start, end, final);
        if (this.encoding === "utf8" && !isUtf8(buf.subarray(start, consumed))) {
          // pandas raises UnicodeDecodeError; reading on would put U+FFFD in place of every such letter.
          const line = invalidUtf8Line(buf, start, consumed, this.eol, lineAtStart);
          throw new AibookError(
            `readCsv: ${this.path}, line ${line}: not valid UTF-8 text. If the file was saved by Excel or an older program, pass { encoding: "cp1252" } (or "latin1").`,
          );
        }
        if (final || this.done) break;
        carry = end - consumed;
        buf.copy(buf, 0, consumed, end);
      }
    } finally {
      closeSync(fd);
    }
  }

  /** A field's text in the file's encoding, with doubled quotes of a quoted field undone. */
  private decode(buf: Buffer, s: number, e: number, quoted: boolean): string {
    const raw = buf.toString(this.encoding === "utf8" ? "utf8" : "latin1", s, e);
    const unquoted = quoted && raw.includes('""') ? raw.replaceAll('""', '"') : raw;
    const text = this.tail === undefined ? unquoted : unquoted + this.tail;
    return this.encoding === "cp1252" ? fromCp1252(text) : text;
  }

  /** Parses whole records in buf[start, end); returns where the first incomplete record starts. */
  private parse(buf: Buffer, start: number, end: number, final: boolean): number {
    const delim = this.delimiter;
    const eol = this.eol;
    let pos = start;
    let recordStart = start;
    let count = 0;
    while (pos < end || (final && pos === end && pos > recordStart)) {
      // One field; a record's fields are dispatched only once its end is in the buffer.
      let fieldStart = pos;
      let fieldEnd: number;
      let quoted = false;
      let tailEnd = 0;
      if (buf[pos] === QUOTE) {
        quoted = true;
        let p = pos + 1;
        let closed = false;
        while (p < end) {
          if (buf[p] === QUOTE) {
            if (p + 1 < end && buf[p + 1] === QUOTE) p += 2;
            else if (p + 1 === end && !final) break;
            else {
              closed = true;
              break;
            }
          } else p++;
        }
        if (!closed) {
          if (!final) return recordStart;
          throw new AibookError(`readCsv: ${this.path}, line ${this.line}: a quoted field is never closed.`);
        }
        fieldStart = pos + 1;
        fieldEnd = p;
        pos = p + 1;
        while (pos < end && buf[pos] !== delim && buf[pos] !== eol) pos++;
        // Text after the closing quote belongs to the field, as in pandas: "x"y is xy, "x"  is "x ".
        tailEnd = eol === LF && pos > p + 1 && buf[pos - 1] === CR ? pos - 1 : pos;
      } else {
        while (pos < end && buf[pos] !== delim && buf[pos] !== eol) pos++;
        fieldEnd = pos;
      }
      if (pos === end && !final) return recordStart;
      const terminator = pos < end ? buf[pos] : eol;
      if (terminator === LF && !quoted && fieldEnd > fieldStart && buf[fieldEnd - 1] === CR) fieldEnd--;
      if (count === this.starts.length) this.growFields();
      this.starts[count] = fieldStart;
      this.ends[count] = fieldEnd;
      this.quoted[count] = quoted ? 1 : 0;
      this.tailEnds[count] = tailEnd;
      count++;
      pos++;
      if (terminator === eol) {
        // pandas skips empty lines and lines of only spaces or tabs (a "   " line at the end of a
        // file must not turn a numeric column into text).
        const blankLine = count === 1 && !this.quoted[0] && isBlank(buf, this.starts[0], this.ends[0]);
        if (!blankLine) {
          this.field = 0;
          for (let k = 0; k < count; k++) {
            this.tail = this.quoted[k] === 1 && this.tailEnds[k] > this.ends[k] + 1 ? buf.toString(this.encoding === "utf8" ? "utf8" : "latin1", this.ends[k] + 1, this.tailEnds[k]) : undefined;
            this.onField(buf, this.starts[k], this.ends[k], this.quoted[k] === 1);
          }
          this.tail = undefined;
          this.onEndRow();
          if (this.done) return end;
        }
        count = 0;
        this.line++;
        recordStart = pos;
      }
    }
    return final ? end : recordStart;
  }

  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  /** End of the text after a quoted field's closing quote (that text starts right after the quote). */
  private tailEnds = new Int32Array(64);
  /** That text for the field being dispatched, which decode() appends. */
  private tail: string | undefined;

  private growFields(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const quoted = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    quoted.set(this.quoted);
    const tailEnds = new Int32Array(size);
    tailEnds.set(this.tailEnds);
    this.tailEnds = tailEnds;
    this.starts = starts;
    this.ends = ends;
    this.quoted = quoted;
  }

  private onField(buf: Buffer, s: number, e: number, quoted: boolean): void {
    const j = this.field++;
    if (!this.headerDone) {
      this.headerNames.push(this.decode(buf, s, e, quoted));
      return;
    }
    if (this.columns.length === 0 && this.row === 0 && !this.options.header) this.headerNames.push(`${j}`);
    if (this.textColumns) {
      if (this.textColumns.has(j)) {
        const k = this.textOrder.indexOf(j);
        this.texts[k][this.row] = this.decode(buf, s, e, quoted);
      }
      return;
    }
    const col = this.columns[j];
    if (col === undefined) {
      if (this.row === 0 && !this.options.header) {
        this.columns.push(new Column(`${j}`));
        return this.onFieldValue(this.columns[j], buf, s, e, quoted);
      }
      throw new AibookError(`readCsv: ${this.path}, line ${this.line}: expected ${this.columns.length} fields, saw ${j + 1}.${this.delimiterHint()}`);
    }
    this.onFieldValue(col, buf, s, e, quoted);
  }

  /** A one-column header that holds another usual separator: the file is likely separated by it. */
  private delimiterHint(): string {
    if (this.columns.length !== 1 || !this.options.header) return "";
    const header = this.headerNames[0] ?? "";
    const found = [";", "\t", "|"].find((d) => d !== this.options.delimiter && header.includes(d));
    return found ? ` The header "${header}" reads as one column: if the file is separated by ${JSON.stringify(found)}, pass { delimiter: ${JSON.stringify(found)} }.` : "";
  }

  private onFieldValue(col: Column, buf: Buffer, s: number, e: number, quoted: boolean): void {
    if (col.textFrom >= 0) {
      col.strings!.push(e > s || quoted ? intern(col, this.decode(buf, s, e, quoted)) : null);
      col.length++;
      return;
    }
    if (!quoted) {
      const v = fastNumber(buf, s, e);
      // A number given as a missing marker (naValues: ["-999"]) used to stay a number here.
      if (v === v) return this.naNumbers.size > 0 && this.naNumbers.has(v) ? col.pushNumber(NaN) : col.pushNumber(v, sawDecimal);
    }
    const text = this.decode(buf, s, e, quoted);
    if (this.naSet.has(text)) return col.pushNumber(NaN);
    const trimmed = text.trim();
    if (NUMBER_TEXT.test(trimmed)) {
      const lower = trimmed.toLowerCase().replace(/^[+]/, "");
      const v = lower === "inf" || lower === "infinity" ? Infinity : lower === "-inf" || lower === "-infinity" ? -Infinity : Number(trimmed);
      if (this.naNumbers.size > 0 && this.naNumbers.has(v)) return col.pushNumber(NaN);
      return col.pushNumber(v, /[.eEn]/.test(trimmed));
    }
    col.textFrom = col.length;
    col.strings = new Array(col.length);
    col.strings.push(text);
    col.numbers = [];
    col.length++;
  }

  private onEndRow(): void {
    if (!this.headerDone) {
      this.headerDone = true;
      this.columns = dedupe(this.headerNames).map((n) => new Column(n));
      this.field = 0;
      return;
    }
    const width = this.textColumns ? this.field : this.columns.length;
    if (!this.textColumns) {
      for (let j = this.field; j < width; j++) this.onFieldValue(this.columns[j], Buffer.alloc(0), 0, 0, false);
    } else {
      for (let k = 0; k < this.textOrder.length; k++) if (this.texts[k].length <= this.row) this.texts[k][this.row] = null;
    }
    this.row++;
    this.field = 0;
    if (this.row >= this.stopAfterRow) this.done = true;
  }
}

/** pandas names an empty header cell "Unnamed: <position>" and renames repeated names a, a.1, a.2. */
function dedupe(header: string[]): string[] {
  const names = header.map((n, j) => (n.trim() === "" ? `Unnamed: ${j}` : n));
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return k === 0 ? n : `${n}.${k}`;
  });
}

/** The terminator of the first line (outside quotes): CR when it is a CR not followed by LF. */
function firstLineEnd(buf: Buffer, s: number, e: number): number {
  let inQuotes = false;
  for (let p = s; p < e; p++) {
    const c = buf[p];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === LF) return LF;
    else if (c === CR) return p + 1 < e && buf[p + 1] !== LF ? CR : LF;
  }
  return LF;
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80-0x9F (€, curly quotes, dashes, …). Node's
 * TextDecoder("windows-1252") decodes those as Latin-1 control characters, so map them here.
 */
const CP1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
/**
 * The physical line, counted from `line` at `s`, of the first line in buf[s, e) that is not valid
 * UTF-8 (lines end with the byte `eol`): what readCsv and readJson name when they refuse a file.
 */
export function invalidUtf8Line(buf: Buffer, s: number, e: number, eol: number, line: number): number {
  for (let p = s; p < e; line++) {
    let q = buf.indexOf(eol, p);
    if (q < 0 || q > e) q = e;
    if (!isUtf8(buf.subarray(p, q))) return line;
    p = q + 1;
  }
  return line;
}

function fromCp1252(latin1: string): string {
  return /[\u0080-\u009f]/.test(latin1) ? latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]) : latin1;
}

/** The missing markers that read as finite numbers, by value. */
function numericMarkers(naValues: string[]): Set<number> {
  return new Set(naValues.map((v) => v.trim()).filter((v) => NUMBER_TEXT.test(v) && !/inf/i.test(v)).map(Number));
}

function isBlank(buf: Buffer, s: number, e: number): boolean {
  for (let p = s; p < e; p++) if (buf[p] !== 0x20 && buf[p] !== 0x09) return false;
  return true;
}

function intern(col: Column, text: string): string {
  const known = col.intern.get(text);
  if (known !== undefined) return known;
  if (col.intern.size < 10000) col.intern.set(text, text);
  return text;
}


/**
 * A decimal number parsed from bytes, or NaN when the field is not a plain decimal (the caller
 * then falls back to text rules). Exact when the digits fit in 2^53 and the power of ten is at
 * most 22, since both operands are then exact and IEEE division rounds correctly.
 */
/** Set by fastNumber: whether the last number had a decimal point or an exponent. */
let sawDecimal = false;

function fastNumber(buf: Buffer, s: number, e: number): number {
  sawDecimal = false;
  if (s === e) return NaN;
  let p = s;
  let negative = false;
  const c0 = buf[p];
  if (c0 === 0x2d) {
    negative = true;
    p++;
  } else if (c0 === 0x2b) p++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let any = false;
  while (p < e) {
    const d = buf[p] - 0x30;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    if (mantissa !== 0) digits++;
    any = true;
    p++;
  }
  if (p < e && buf[p] === 0x2e) {
    sawDecimal = true;
    p++;
    while (p < e) {
      const d = buf[p] - 0x30;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      if (mantissa !== 0) digits++;
      scale++;
      any = true;
      p++;
    }
  }
  if (!any) return NaN;
  if (p < e && (buf[p] === 0x65 || buf[p] === 0x45)) {
    sawDecimal = true;
    p++;
    let expNegative = false;
    if (buf[p] === 0x2d) {
      expNegative = true;
      p++;
    } else if (buf[p] === 0x2b) p++;
    let exp = 0;
    let expDigits = 0;
    while (p < e) {
      const d = buf[p] - 0x30;
      if (d < 0 || d > 9) break;
      exp = exp * 10 + d;
      expDigits++;
      p++;
    }
    if (!expDigits) return NaN;
    scale += expNegative ? exp : -exp;
  }
  if (p !== e || digits > 15) return slowNumber(buf, s, e);
  let v: number;
  if (scale === 0) v = mantissa;
  else if (scale > 0 && scale <= 22) v = mantissa / POW10[scale];
  else if (scale < 0 && scale >= -22 && digits - scale <= 15) v = mantissa * POW10[-scale];
  else return slowNumber(buf, s, e);
  return negative ? -v : v;
}

function slowNumber(buf: Buffer, s: number, e: number): number {
  const text = buf.toString("latin1", s, e);
  return NUMBER_TEXT.test(text) && !/inf/i.test(text) ? Number(text) : NaN;
}
