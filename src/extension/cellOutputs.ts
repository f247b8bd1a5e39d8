/**
 * Kernel outputs as VS Code notebook outputs. Standard output and error arrive in chunks and
 * are merged into one output per run of the same stream (as a terminal shows them); displays
 * and values become one output each; errors use VS Code's error item so the stack is shown.
 */
import * as vscode from "vscode";
import { isBinaryMime, isJsonMime } from "../format";
import type { CellError, CellOutput } from "../kernel/session";
import { Mime, type MimeItem } from "../protocol/mime";

export function outputItem(item: MimeItem): vscode.NotebookCellOutputItem {
  if (item.mime === Mime.stdout) return vscode.NotebookCellOutputItem.stdout(String(item.data));
  if (item.mime === Mime.stderr) return vscode.NotebookCellOutputItem.stderr(String(item.data));
  if (typeof item.data === "string") {
    if (isBinaryMime(item.mime)) return new vscode.NotebookCellOutputItem(Buffer.from(item.data, "base64"), item.mime);
    if (!isJsonMime(item.mime)) return vscode.NotebookCellOutputItem.text(item.data, item.mime);
  }
  return vscode.NotebookCellOutputItem.json(item.data, item.mime);
}

export function errorOutput(error: Pick<CellError, "name" | "message" | "stack">): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name: error.name, message: error.message, stack: error.stack })]);
}

/** How often a growing stdout/stderr output is redrawn: a loop printing thousands of lines stays cheap. */
const STREAM_FLUSH_MS = 50;

interface StreamOutput {
  name: string;
  text: string;
  output: vscode.NotebookCellOutput;
  /** Text arrived since the editor was last updated. */
  dirty: boolean;
}

/** Writes a cell's outputs in arrival order; `flushed()` resolves once all are in the editor. */
export class CellOutputWriter {
  private chain: Thenable<void> = Promise.resolve();
  private stream: StreamOutput | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  write(output: CellOutput): void {
    if (output.kind === "display") {
      this.append(new vscode.NotebookCellOutput(output.items.map(outputItem)));
      return;
    }
    const stream = this.stream;
    if (stream && stream.name === output.name) {
      stream.text += output.text;
      stream.dirty = true;
      this.timer ??= setTimeout(() => this.flushStream(), STREAM_FLUSH_MS);
      return;
    }
    const fresh = new vscode.NotebookCellOutput([streamItem(output.name, output.text)]);
    this.append(fresh);
    this.stream = { name: output.name, text: output.text, output: fresh, dirty: false };
  }

  append(output: vscode.NotebookCellOutput): void {
    this.flushStream();
    this.stream = undefined;
    this.enqueue(() => this.execution.appendOutput(output));
  }

  flushed(): Thenable<void> {
    this.flushStream();
    return this.chain;
  }

  private flushStream(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const stream = this.stream;
    if (!stream?.dirty) return;
    stream.dirty = false;
    const item = streamItem(stream.name, stream.text);
    this.enqueue(() => this.execution.replaceOutputItems(item, stream.output));
  }

  private enqueue(step: () => Thenable<void>): void {
    this.chain = this.chain.then(step, step);
  }
}

function streamItem(name: string, text: string): vscode.NotebookCellOutputItem {
  return outputItem({ mime: name === "stdout" ? Mime.stdout : Mime.stderr, data: text });
}
