/**
 * The host side of a kernel: starts the kernel process for one notebook, compiles cells,
 * sends them, streams their output to the caller and turns the kernel's answers into results
 * whose errors point at cell lines. The VS Code controller and `aibook run` both use it.
 */
import { fork, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import path from "node:path";
import process from "node:process";
import type { Writable } from "node:stream";
import { INTERRUPT_FD, INTERRUPT_FD_ENV, RUNTIME_RULES_ENV, type KernelMessage } from "../protocol/kernel";
import type { MimeItem } from "../protocol/mime";
import { CellSyntaxError, compileCell, type CellLanguage, type CompiledCell } from "./compiler/compileCell";
import { cellFilename, mapStack, type CompiledCellRecord } from "./host/stack";
import { RuntimeFindingsTracker, type CellId, type RuntimeFinding } from "./host/runtime-findings";
import type { RuntimeRuleSettings } from "../runtime/checks/types";
import type { RunContext } from "../protocol/run-history";

export type { CellId, RuntimeFinding } from "./host/runtime-findings";

export type KernelState = "starting" | "idle" | "busy" | "stopped";

export type CellOutput = { kind: "stream"; name: "stdout" | "stderr"; text: string } | { kind: "display"; items: MimeItem[] };

export interface CellError {
  name: string;
  message: string;
  /** The stack with frames mapped to cells; starts with "Name: message". */
  stack: string;
  /** 1-based position inside the cell that ran, when a frame (or the compiler) points there. */
  line?: number;
  column?: number;
}

export type CellResult =
  | { status: "ok"; value?: MimeItem[]; durationMs: number }
  | { status: "error"; error: CellError; durationMs: number }
  /** `restarted`: the cell could not be stopped in place, so the kernel was restarted (state lost). */
  | { status: "interrupted"; restarted: boolean; durationMs: number }
  /** The kernel process ended during the cell (process.exit, out of memory, crash). */
  | { status: "died"; reason: string; durationMs: number };

export interface ExecuteOptions {
  language?: CellLanguage;
  /** How stack frames name this cell, e.g. "cell 3". */
  label?: string;
  onOutput?: (output: CellOutput) => void;
  /** The caller's id of the notebook cell (index or URI): runtime findings name their cell by it. */
  cellId?: CellId;
  /** Notebook and cell that the run history records for evaluate/compareModels in this cell. */
  runContext?: RunContext;
  /**
   * Output that the cell's timers or unawaited promises print after it ended, while no other cell
   * runs (Jupyter shows it in the cell last run; once another cell starts, it shows there).
   */
  onLateOutput?: (output: CellOutput) => void;
}

export interface KernelSessionOptions {
  /** The notebook's folder: the kernel's working directory and where imports are looked up. */
  notebookDir: string;
  /** The kernel script; defaults to kernel.js beside this bundle (dist/). */
  kernelPath?: string;
  execArgv?: string[];
  /** How long an interrupted cell may take to stop before the kernel is restarted (default 1.5 s). */
  interruptGraceMs?: number;
  /** Settings of the runtime pitfall rules (thresholds, rules off), read by the kernel at start. */
  runtimeRules?: RuntimeRuleSettings;
  /** Extra environment of the kernel process, e.g. runHistoryEnv(...) so that results reach the metrics panel. */
  env?: Record<string, string>;
}

interface Running {
  id: number;
  started: number;
  options: ExecuteOptions;
  finish: (result: CellResult & { compileRefused?: boolean }) => void;
  via: CompiledCell["via"];
}

export class KernelSession extends EventEmitter<{ state: [KernelState]; findings: [RuntimeFinding[]] }> {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private abandonStart: ((error: Error) => void) | undefined;
  private running: Running | undefined;
  /** The options of the cell that runs or ran last: where output goes while no cell runs. */
  private lastRun: ExecuteOptions | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private readonly cells = new Map<number, CompiledCellRecord>();
  private readonly runtime = new RuntimeFindingsTracker();
  private stderrTail = "";
  private currentState: KernelState = "stopped";
  private readonly kernelPath: string;

  constructor(private readonly options: KernelSessionOptions) {
    super();
    this.kernelPath = options.kernelPath ?? path.join(__dirname, "kernel.js");
  }

  get state(): KernelState {
    return this.currentState;
  }

  /** Starts the kernel process if none runs; resolves once it listens. */
  start(): Promise<void> {
    if (!this.ready) {
      this.ready = this.spawn();
      this.ready.catch(() => {}); // callers see the failure; an unawaited start must not crash the host
    }
    return this.ready;
  }

  /** Runs one cell after the ones already queued. Never rejects: failures are results. */
  execute(source: string, options: ExecuteOptions = {}): Promise<CellResult> {
    const run = this.queue.then(() => this.executeNow(source, options));
    this.queue = run;
    return run;
  }

  /**
   * Stops the running cell, keeping the kernel's state (see interruptWatcher.ts). A kernel that
   * does not answer within the grace period (stuck in native code) is restarted instead.
   */
  interrupt(): void {
    const running = this.running;
    const child = this.child;
    if (!running || !child) return;
    (child.stdio[INTERRUPT_FD] as Writable | null)?.write("i");
    setTimeout(() => {
      if (this.running !== running) return;
      this.stopProcess({ status: "interrupted", restarted: true });
    }, this.options.interruptGraceMs ?? 1500).unref();
  }

  /** A clean process: every name the notebook defined is gone. */
  async restart(): Promise<void> {
    this.stopProcess({ status: "died", reason: "the kernel was restarted" });
    await this.start();
  }

  dispose(): void {
    this.stopProcess({ status: "died", reason: "the notebook was closed" });
    this.removeAllListeners();
  }

  private async executeNow(source: string, options: ExecuteOptions): Promise<CellResult> {
    // From now on, output while no cell runs (this one compiling, or ended) belongs to this cell.
    this.lastRun = options;
    const started = Date.now();
    const first = await this.compileAndRun(source, options, started, false);
    // V8 refused a script made by erasing types: nothing ran, so compile with the emitter and run that.
    const result = first.status === "error" && first.compileRefused ? await this.compileAndRun(source, options, started, true) : first;
    delete result.compileRefused;
    return result;
  }

  private async compileAndRun(source: string, options: ExecuteOptions, started: number, emitter: boolean): Promise<CellResult & { compileRefused?: boolean }> {
    const id = this.nextId++;
    const label = options.label ?? `cell ${id}`;
    let compiled: CompiledCell;
    try {
      compiled = compileCell(source, options.language, { emitter });
      this.cells.set(id, { label, map: compiled.map });
      this.runtime.executed(id, options.cellId);
    } catch (error) {
      if (!(error instanceof CellSyntaxError)) throw error;
      const stack = `SyntaxError: ${error.message}\n    at ${label}:${error.line}:${error.column}`;
      return { status: "error", error: { name: "SyntaxError", message: error.message, stack, line: error.line, column: error.column }, durationMs: Date.now() - started };
    }
    try {
      await this.start();
    } catch (error) {
      return { status: "died", reason: (error as Error).message.replace(/^the kernel stopped: /, ""), durationMs: Date.now() - started };
    }
    const child = this.child;
    if (!child) return { status: "died", reason: "the kernel could not start", durationMs: Date.now() - started };
    this.setState("busy");
    const result = await new Promise<CellResult & { compileRefused?: boolean }>((finish) => {
      this.running = { id, started, options, finish, via: compiled.via };
      child.send({ type: "execute", id, code: compiled.code, filename: cellFilename(id), runContext: options.runContext });
    });
    this.running = undefined;
    if (this.child) this.setState("idle");
    return result;
  }

  private spawn(): Promise<void> {
    this.setState("starting");
    this.stderrTail = "";
    const child = fork(this.kernelPath, [], {
      cwd: this.options.notebookDir,
      execArgv: this.options.execArgv ?? [],
      env: { ...process.env, ...this.options.env, ELECTRON_RUN_AS_NODE: "1", [INTERRUPT_FD_ENV]: String(INTERRUPT_FD), [RUNTIME_RULES_ENV]: JSON.stringify(this.options.runtimeRules ?? {}) },
      stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
    });
    this.child = child;
    // Writes that bypass the kernel's capture (native code, V8's fatal errors) still reach the cell.
    child.stdout?.setEncoding("utf8").on("data", (text: string) => this.forwardRaw("stdout", text));
    child.stderr?.setEncoding("utf8").on("data", (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4000);
      this.forwardRaw("stderr", text);
    });
    return new Promise<void>((resolve, reject) => {
      this.abandonStart = reject;
      child.on("message", (message: KernelMessage) => {
        if (message.type === "ready") {
          this.setState("idle");
          resolve();
        } else this.onMessage(message);
      });
      child.on("close", (code, signal) => {
        if (this.child !== child) return;
        this.child = undefined;
        this.ready = undefined;
        this.setState("stopped");
        const reason = exitReason(code, signal, this.stderrTail);
        reject(new Error(`the kernel stopped: ${reason}`));
        const running = this.running;
        if (running) running.finish({ status: "died", reason, durationMs: Date.now() - running.started });
      });
      child.on("error", reject);
    });
  }

  /** The runtime pitfall findings that hold now, anchored at cell lines (pitfalls.md "Runtime rules"). */
  get runtimeFindings(): RuntimeFinding[] {
    return this.runtime.findings(this.cells);
  }

  private onMessage(message: KernelMessage): void {
    if (message.type === "findings") {
      this.runtime.update(message.findings);
      this.emit("findings", this.runtimeFindings);
      return;
    }
    const running = this.running;
    if (!running && (message.type === "stream" || message.type === "display")) {
      this.lastRun?.onLateOutput?.(message.type === "stream" ? { kind: "stream", name: message.name, text: message.text } : { kind: "display", items: message.items });
      return;
    }
    if (!running || !("id" in message)) return;
    // Output of an earlier cell's timers or unawaited promises shows in the cell running now,
    // as in Jupyter; only the end of a cell must be its own.
    if (message.id !== running.id && message.type === "done") return;
    const durationMs = Date.now() - running.started;
    switch (message.type) {
      case "stream":
        running.options.onOutput?.({ kind: "stream", name: message.name, text: message.text });
        break;
      case "display":
        running.options.onOutput?.({ kind: "display", items: message.items });
        break;
      case "done":
        if (message.status === "ok") running.finish({ status: "ok", value: message.value, durationMs });
        else if (message.status === "interrupted") running.finish({ status: "interrupted", restarted: false, durationMs });
        else {
          const raw = message.error.stack ?? `${message.error.name}: ${message.error.message}`;
          const internal = [this.kernelPath, path.join(path.dirname(this.kernelPath), "process")];
          const mapped = mapStack(raw, this.cells, running.id, internal, message.error.inputError === true);
          const compileRefused = message.error.compile === true && running.via === "erased";
          running.finish({ status: "error", error: { name: message.error.name, message: message.error.message, stack: mapped.stack, ...mapped.position }, durationMs, compileRefused });
        }
    }
  }

  private forwardRaw(name: "stdout" | "stderr", text: string): void {
    const output: CellOutput = { kind: "stream", name, text };
    if (this.running) this.running.options.onOutput?.(output);
    else this.lastRun?.onLateOutput?.(output);
  }

  /** Kills the process; a cell still running ends with `ending`. */
  private stopProcess(ending: { status: "interrupted"; restarted: true } | { status: "died"; reason: string }): void {
    const running = this.running;
    if (running) running.finish({ ...ending, durationMs: Date.now() - running.started });
    // A cell waiting for this process to start must not wait forever.
    this.abandonStart?.(new Error(`the kernel stopped: ${ending.status === "died" ? ending.reason : "it was interrupted while starting"}`));
    this.abandonStart = undefined;
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child) {
      child.removeAllListeners("close");
      child.kill("SIGKILL");
    }
    this.cells.clear();
    this.runtime.clear();
    this.emit("findings", []);
    this.setState("stopped");
  }

  private setState(state: KernelState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit("state", state);
  }
}

function exitReason(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) return "out of memory (the JavaScript heap is full)";
  if (signal) return `ended by signal ${signal}`;
  return `the process exited with code ${code}${code === 0 ? "" : " (process.exit or a fatal error)"}`;
}
