/**
 * Bytes to text for the reader. A notebook is UTF-8; a byte order mark is accepted and
 * remembered, and so is the line ending, so that the writer can give back the file's own bytes.
 * Bytes that are not UTF-8 are refused with their line, never decoded into replacement characters
 * that a later save would write over the original.
 */
import { NotebookFormatError } from "./errors";
import { positionAt } from "./position";
import type { TextLayout } from "./types";

export interface DecodedText {
  /** The text without its byte order mark. */
  text: string;
  layout: TextLayout;
}

const BOM = "\uFEFF";

export function decodeNotebookText(input: string | Uint8Array, file: string): DecodedText {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      throw notUtf8(input, file);
    }
  }
  const bom = text.startsWith(BOM);
  if (bom) text = text.slice(1);
  return { text, layout: { bom, lineEnding: lineEndingOf(text) } };
}

/** The line ending of the first line break; "\n" for a file without one. */
export function lineEndingOf(text: string): "\n" | "\r\n" {
  const lf = text.indexOf("\n");
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? "\r\n" : "\n";
}

function notUtf8(bytes: Uint8Array, file: string): NotebookFormatError {
  const bad = firstInvalidUtf8(bytes);
  let before = new TextDecoder("utf-8").decode(bytes.subarray(0, Math.max(bad, 0)));
  if (before.startsWith(BOM)) before = before.slice(1);
  const { line, column } = positionAt(before, before.length);
  const hex = bad >= 0 && bad < bytes.length ? bytes[bad].toString(16).toUpperCase().padStart(2, "0") : "??";
  return new NotebookFormatError(
    file,
    line,
    column,
    `the file is not UTF-8 text (byte 0x${hex} at byte offset ${bad}); .aibook files are UTF-8 JSON`,
  );
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    let cp = c & (0x3f >> n);
    for (let j = 1; j <= n; j++) {
      const d = b[i + j];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
