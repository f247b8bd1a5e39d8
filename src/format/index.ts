/**
 * The `.aibook` reader and writer, shared by the extension, the CLI, the kernel and the language
 * server. No `vscode` import: everything here runs in plain Node.
 */
export * from "./types";
export { NotebookFormatError } from "./errors";
export { parseNotebook } from "./parse";
export { serializeNotebook, sourceLines } from "./serialize";
export {
  isBinaryMime,
  isJsonMime,
  isTextMime,
  outputItemBytes,
  outputItemFromBytes,
  bytesToBase64,
  base64ToBytes,
} from "./mime";
