/**
 * Opens and saves `.aibook` files in the notebook editor. The reading and writing is
 * src/format's; this file only maps its model to VS Code's NotebookData and back, keeping what
 * the editor has no place for (unknown keys, execution details, the file's BOM and line ending)
 * in metadata so that an unchanged notebook saves to the same bytes.
 *
 * Where things go:
 * - NotebookData.metadata: `{ metadata, extra?, layout? }` (the file's `metadata` object, its
 *   unknown top-level keys, its text layout).
 * - Cell metadata: `{ extra?, execution? }`, both saved; `runtime` is for per-cell state other
 *   parts keep while the notebook is open (it neither marks the notebook dirty nor is saved).
 * - `execution` on save comes from the cell's executionSummary (set by the controller), falling
 *   back to what was read while the summary is unchanged.
 * - Output metadata: `{ extra?, items? }` with each item's unknown keys, `encoding` and placeholder
 *   marker (`omitted`).
 */
import * as vscode from "vscode";
import {
  DEFAULT_MAX_BINARY_OUTPUT_BYTES,
  isBinaryMime,
  isJsonMime,
  NotebookFormatError,
  outputItemBytes,
  outputItemFromBytes,
  parseNotebook,
  serializeNotebook,
  type AibookCell,
  type AibookExecution,
  type AibookNotebook,
  type AibookOutput,
  type AibookOutputItem,
  type JsonObject,
  type JsonValue,
  type OmittedOutput,
  type SerializeOptions,
  type TextLayout,
} from "../format";
import { cellLanguageIds } from "../languageservice/language-ids";

export const NOTEBOOK_TYPE = "aibook";

/** What VS Code needs to know about which changes are saved. */
export const notebookContentOptions: vscode.NotebookDocumentContentOptions = {
  transientOutputs: false,
  transientCellMetadata: { runtime: true },
};

/** Editor language id for a code cell's on-disk `language`. */
export function editorLanguageOf(diskLanguage: string): string {
  return diskLanguage === "typescript" || diskLanguage === "javascript" ? cellLanguageIds[diskLanguage] : diskLanguage;
}

/** On-disk `language` for a code cell's editor language id. */
export function diskLanguageOf(editorLanguageId: string): string {
  if (editorLanguageId === cellLanguageIds.typescript) return "typescript";
  if (editorLanguageId === cellLanguageIds.javascript) return "javascript";
  return editorLanguageId;
}

interface NotebookMetadata {
  metadata?: JsonObject;
  extra?: JsonObject;
  layout?: TextLayout;
}
interface CellMetadata {
  extra?: JsonObject;
  execution?: AibookExecution;
}
interface ItemMetadata {
  mime?: string;
  extra?: JsonObject;
  encoding?: "base64";
  omitted?: OmittedOutput;
  /**
   * How the file held `data` when that is not the mime's usual form (see mime.ts): "text" for a
   * string under a binary mime without `encoding`, "json" for a non-string under a text or binary
   * mime. Without it such an item would be saved base64-encoded (again) or as a string.
   */
  form?: ItemForm;
}
type ItemForm = "text" | "json";
interface OutputMetadata {
  extra?: JsonObject;
  items?: (ItemMetadata | null)[];
}

export class AibookNotebookSerializer implements vscode.NotebookSerializer {
  constructor(private readonly options: () => SerializeOptions = settingsFromConfiguration) {}

  async deserializeNotebook(content: Uint8Array): Promise<vscode.NotebookData> {
    try {
      return toNotebookData(parseNotebook(content, "notebook"));
    } catch (e) {
      if (!(e instanceof NotebookFormatError)) throw e;
      const file = await fileWithContent(content);
      throw new Error(file ? e.withFile(file).message : `${e.problem} (line ${e.line}, column ${e.column})`);
    }
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return new TextEncoder().encode(serializeNotebook(fromNotebookData(data), this.options()));
  }
}

/** The two settings declared in package.json, read at each save. */
export function settingsFromConfiguration(): SerializeOptions {
  const config = vscode.workspace.getConfiguration("aibook.notebook");
  return {
    saveOutputs: config.get<boolean>("saveOutputs", true),
    maxBinaryOutputBytes: config.get<number>("maxBinaryOutputBytes", DEFAULT_MAX_BINARY_OUTPUT_BYTES),
  };
}

export function toNotebookData(nb: AibookNotebook): vscode.NotebookData {
  const data = new vscode.NotebookData(nb.cells.map(toCellData));
  data.metadata = compact<NotebookMetadata>({ metadata: nb.metadata, extra: nb.extra, layout: nb.layout });
  return data;
}

function toCellData(cell: AibookCell): vscode.NotebookCellData {
  if (cell.kind === "markdown") {
    const data = new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, cell.source, "markdown");
    data.metadata = compact<CellMetadata>({ extra: cell.extra });
    return data;
  }
  const data = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, cell.source, editorLanguageOf(cell.language ?? "typescript"));
  data.outputs = (cell.outputs ?? []).map(toCellOutput);
  data.metadata = compact<CellMetadata>({ extra: cell.extra, execution: cell.execution });
  if (cell.execution) {
    data.executionSummary = compact({ executionOrder: cell.execution.count ?? undefined, success: cell.execution.success });
  }
  return data;
}

function toCellOutput(output: AibookOutput): vscode.NotebookCellOutput {
  const items = output.items.map((i) => new vscode.NotebookCellOutputItem(outputItemBytes(i), i.mime));
  const itemMetadata = output.items.map((i) => {
    const form = unusualForm(i);
    return i.extra || i.encoding || i.omitted || form
      ? compact<ItemMetadata>({ mime: i.mime, extra: i.extra, encoding: i.encoding, omitted: i.omitted, form })
      : null;
  });
  const metadata = compact<OutputMetadata>({ extra: output.extra, items: itemMetadata.some((m) => m) ? itemMetadata : undefined });
  return new vscode.NotebookCellOutput(items, Object.keys(metadata).length ? metadata : undefined);
}

export function fromNotebookData(data: vscode.NotebookData): AibookNotebook {
  const meta = (data.metadata ?? {}) as NotebookMetadata;
  return compact<AibookNotebook>({
    metadata: meta.metadata ?? {},
    cells: data.cells.map(fromCellData),
    extra: meta.extra,
    layout: meta.layout,
  });
}

function fromCellData(cell: vscode.NotebookCellData): AibookCell {
  const meta = (cell.metadata ?? {}) as CellMetadata;
  if (cell.kind === vscode.NotebookCellKind.Markup) return compact<AibookCell>({ kind: "markdown", source: cell.value, extra: meta.extra });
  return compact<AibookCell>({
    kind: "code",
    language: diskLanguageOf(cell.languageId),
    source: cell.value,
    execution: executionOf(cell.executionSummary, meta.execution),
    outputs: (cell.outputs ?? []).map(fromCellOutput),
    extra: meta.extra,
  });
}

/**
 * The summary VS Code keeps is the truth (the controller updates it on each run); what was read
 * from the file fills in what the summary cannot hold (a duration without timestamps, unknown
 * keys) as long as the summary still describes that same run.
 */
function executionOf(summary: vscode.NotebookCellExecutionSummary | undefined, stored: AibookExecution | undefined): AibookExecution | undefined {
  const hasSummary = summary && (summary.executionOrder !== undefined || summary.success !== undefined || summary.timing);
  if (!hasSummary) return stored && stored.count == null && stored.success === undefined ? stored : undefined;
  const sameRun = stored !== undefined && summary.executionOrder === (stored.count ?? undefined) && summary.success === stored.success && !summary.timing;
  if (sameRun) return stored;
  return compact<AibookExecution>({
    count: summary.executionOrder,
    success: summary.success,
    durationMs: summary.timing ? Math.max(0, Math.round(summary.timing.endTime - summary.timing.startTime)) : undefined,
  });
}

function fromCellOutput(output: vscode.NotebookCellOutput): AibookOutput {
  const meta = (output.metadata ?? {}) as OutputMetadata;
  const items = output.items.map((item, i): AibookOutputItem => {
    const m = meta.items?.[i];
    const same = m && m.mime === item.mime ? m : undefined;
    const converted = same?.form ? itemInForm(item.mime, item.data, same.form) : outputItemFromBytes(item.mime, item.data, same?.encoding);
    return compact<AibookOutputItem>({ ...converted, omitted: same?.omitted, extra: same?.extra });
  });
  return compact<AibookOutput>({ items, extra: meta.extra });
}

/** The form of an item's data when `outputItemFromBytes` would not give it back from its bytes. */
function unusualForm(item: AibookOutputItem): ItemForm | undefined {
  if (item.encoding === "base64" || isJsonMime(item.mime)) return undefined;
  if (typeof item.data !== "string") return "json";
  return isBinaryMime(item.mime) ? "text" : undefined;
}

function itemInForm(mime: string, bytes: Uint8Array, form: ItemForm): AibookOutputItem {
  const text = new TextDecoder().decode(bytes);
  if (form === "json") {
    try {
      return { mime, data: JSON.parse(text) as JsonValue };
    } catch {
      return { mime, data: text };
    }
  }
  return { mime, data: text };
}

/** Leaves out keys whose value is undefined, so that absent stays absent through metadata. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/**
 * The editor does not tell a serializer which file it reads. To name the file in an error,
 * find the open or opening aibook notebook whose bytes on disk are the ones that failed.
 */
async function fileWithContent(content: Uint8Array): Promise<string | undefined> {
  const uris = new Map<string, vscode.Uri>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputNotebook && tab.input.notebookType === NOTEBOOK_TYPE) uris.set(tab.input.uri.toString(), tab.input.uri);
    }
  }
  for (const doc of vscode.workspace.notebookDocuments) if (doc.notebookType === NOTEBOOK_TYPE) uris.set(doc.uri.toString(), doc.uri);
  for (const uri of uris.values()) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (Buffer.from(bytes).equals(Buffer.from(content))) return vscode.workspace.asRelativePath(uri, false);
    } catch {
      // not readable: not the one
    }
  }
  return undefined;
}
