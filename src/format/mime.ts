/**
 * Which output data is text, which is JSON, which is binary, and the conversions between an
 * output item and its bytes. The file keeps text as strings and JSON as JSON so that a git diff of
 * a notebook is readable; only real binary data (images, octet streams) is base64.
 */
import type { AibookOutputItem, JsonValue } from "./types";

/** JSON mimes: the file holds the JSON value itself. */
export function isJsonMime(mime: string): boolean {
  const m = baseMime(mime);
  return m === "application/json" || m.endsWith("+json") || m === "application/vnd.code.notebook.error";
}

/** Text mimes: the file holds a string. Everything that is neither text nor JSON is binary. */
export function isTextMime(mime: string): boolean {
  const m = baseMime(mime);
  return (
    m.startsWith("text/") ||
    m.endsWith("+xml") ||
    m === "application/xml" ||
    m === "application/javascript" ||
    m === "application/x-javascript" ||
    m === "application/typescript" ||
    m === "application/vnd.code.notebook.stdout" ||
    m === "application/vnd.code.notebook.stderr"
  );
}

export function isBinaryMime(mime: string): boolean {
  return !isJsonMime(mime) && !isTextMime(mime);
}

function baseMime(mime: string): string {
  return mime.split(";")[0].trim().toLowerCase();
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict enough to catch a text value under `"encoding": "base64"`; padding is optional. */
export function isBase64(text: string): boolean {
  return BASE64.test(text) && text.length % 4 !== 1;
}

/** Bytes that base64 text decodes to, computed without decoding it. */
export function base64ByteLength(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

/**
 * The bytes an editor or a renderer gets for an item: base64 data decoded, strings as UTF-8,
 * other JSON values as their JSON text. For a JSON mime even a string value is JSON text, so
 * that `outputItemFromBytes` gives back the same value.
 */
export function outputItemBytes(item: AibookOutputItem): Uint8Array {
  if (item.encoding === "base64" && typeof item.data === "string") return base64ToBytes(item.data);
  if (typeof item.data === "string" && !isJsonMime(item.mime)) return new TextEncoder().encode(item.data);
  return new TextEncoder().encode(JSON.stringify(item.data));
}

/**
 * The item for bytes of a mime: JSON mimes parse (falling back to text if the bytes are not
 * JSON), text mimes decode, everything else is base64. `encoding` forces base64 for any mime
 * (to give back an item that was base64 in the file).
 */
export function outputItemFromBytes(mime: string, bytes: Uint8Array, encoding?: "base64"): AibookOutputItem {
  if (encoding === "base64" || isBinaryMime(mime)) return { mime, data: bytesToBase64(bytes), encoding: "base64" };
  const text = new TextDecoder().decode(bytes);
  if (isJsonMime(mime)) {
    try {
      return { mime, data: JSON.parse(text) as JsonValue };
    } catch {
      return { mime, data: text };
    }
  }
  return { mime, data: text };
}
