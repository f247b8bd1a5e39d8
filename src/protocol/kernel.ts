/**
 * Messages between a kernel process (src/kernel/main.ts) and its host (the VS Code
 * controller or the CLI, both through src/kernel/session.ts), sent over Node's IPC channel.
 * Cells arrive already compiled: the host owns the TypeScript compiler and the source maps,
 * so the kernel starts fast and stays small.
 */
import type { MimeItem } from "./mime";

/** Host -> kernel: run one compiled cell. `filename` names the cell in stack frames. */
export interface ExecuteRequest {
  type: "execute";
  id: number;
  code: string;
  filename: string;
}

/** Host -> kernel: stop the running cell (also sent as SIGINT where signals exist). */
export interface InterruptRequest {
  type: "interrupt";
  id: number;
}

export type HostMessage = ExecuteRequest | InterruptRequest;

/** Kernel -> host: the process is up and listening. */
export interface ReadyMessage {
  type: "ready";
  pid: number;
}

/** Kernel -> host: text the cell wrote to standard output or error, as it is written. */
export interface StreamMessage {
  type: "stream";
  id: number;
  name: "stdout" | "stderr";
  text: string;
}

/** Kernel -> host: `display(value)` from the cell. */
export interface DisplayMessage {
  type: "display";
  id: number;
  items: MimeItem[];
}

/** An error thrown by a cell, as plain data; the host maps `stack` back to cell lines. */
export interface KernelError {
  name: string;
  message: string;
  stack?: string;
}

/** Kernel -> host: the cell ended. `value` is the display of its last expression, if any. */
export type DoneMessage =
  | { type: "done"; id: number; status: "ok"; value?: MimeItem[] }
  | { type: "done"; id: number; status: "error"; error: KernelError }
  | { type: "done"; id: number; status: "interrupted" };

/** Kernel -> host: the cell called process.exit; sent just before the process ends. */
export interface ExitingMessage {
  type: "exiting";
  code: number;
}

export type KernelMessage = ReadyMessage | StreamMessage | DisplayMessage | DoneMessage | ExitingMessage;
