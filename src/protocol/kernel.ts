/**
 * Messages between a kernel process (src/kernel/main.ts) and its host (the VS Code
 * controller or the CLI, both through src/kernel/session.ts), sent over Node's IPC channel.
 * Cells arrive already compiled: the host owns the TypeScript compiler and the source maps,
 * so the kernel starts fast and stays small.
 *
 * Interrupts do not travel over IPC (the kernel's main thread may be stuck in a loop and never
 * read them): the host writes a byte to an extra pipe whose file descriptor the kernel finds in
 * the environment variable named by INTERRUPT_FD_ENV (see src/kernel/process/interruptWatcher.ts).
 */
import type { MimeItem } from "./mime";
import type { RunContext } from "./run-history";

/** Host -> kernel: run one compiled cell. `filename` names the cell in stack frames. */
export interface ExecuteRequest {
  type: "execute";
  id: number;
  code: string;
  filename: string;
  /** The notebook and cell being run: evaluate/compareModels name it in the run history. */
  runContext?: RunContext;
}

export type HostMessage = ExecuteRequest;

/**
 * Global name of the kernel's import function in compiled cells: as long as `import`, so that
 * rewriting `import(x)` keeps columns (src/kernel/compiler/eraseTypes.ts).
 */
export const DYNAMIC_IMPORT = "__aimp";

/** Environment variable that tells the kernel the file descriptor of its interrupt pipe. */
export const INTERRUPT_FD_ENV = "AIBOOK_INTERRUPT_FD";

/** The kernel's stdio: the interrupt pipe sits after the IPC channel. */
export const INTERRUPT_FD = 4;

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
  /** V8 refused to compile the script: nothing of the cell ran. */
  compile?: boolean;
  /** The runtime refused the cell's input (an AibookError): its message says what and where, so the runtime's own frames are noise. */
  inputError?: boolean;
}

/** The Symbol.for key that marks the runtime's AibookErrors, so that any copy of the runtime (shipped or in the workspace) is recognised. */
export const INPUT_ERROR_MARK = "aibook.inputError";

/** Kernel -> host: the cell ended. `value` is the display of its last expression, if any. */
export type DoneMessage =
  | { type: "done"; id: number; status: "ok"; value?: MimeItem[] }
  | { type: "done"; id: number; status: "error"; error: KernelError }
  | { type: "done"; id: number; status: "interrupted" };

/** A stack frame inside a cell script, in generated coordinates: the host maps it to the cell's line. */
export interface CellFrame {
  /** The `n` of the script `aibook-cell-<n>.js` (the execute request's id). */
  execution: number;
  line: number;
  column: number;
}

/**
 * A runtime pitfall finding (shared/spec/pitfalls.md, "Runtime rules") as the kernel sees it:
 * `frames` are the cell frames of the call it is anchored at, innermost first.
 */
export interface KernelRuntimeFinding {
  rule: string;
  severity: "error" | "warning" | "information";
  message: string;
  frames: CellFrame[];
  related: { frames: CellFrame[]; message: string }[];
}

/**
 * Kernel -> host: every runtime finding that holds now, sent before a cell's "done" (so a finding
 * about an earlier cell can disappear when a later cell changes the picture); not sent while the
 * set is and was empty.
 */
export interface RuntimeFindingsMessage {
  type: "findings";
  id: number;
  findings: KernelRuntimeFinding[];
}

/** Environment variable carrying the runtime rules' settings (JSON) to the kernel at start. */
export const RUNTIME_RULES_ENV = "AIBOOK_RUNTIME_RULES";

export type KernelMessage = ReadyMessage | StreamMessage | DisplayMessage | DoneMessage | RuntimeFindingsMessage;
