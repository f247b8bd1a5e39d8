/**
 * Runs compiled cells one at a time in this process's own global scope and reports how each
 * ended. Interrupts come from ./interruptWatcher.ts: a cell waiting on a promise is abandoned
 * through a race; a cell busy in JavaScript has been unwound by the inspector before
 * `interrupt()` runs. An unwound cell leaves no frame behind to report its end, so the
 * executor keeps its own queue and state rather than relying on promise chains.
 */
import vm from "node:vm";
import { INPUT_ERROR_MARK, type DoneMessage, type ExecuteRequest, type KernelError } from "../../protocol/kernel";
import type { MimeItem } from "../../protocol/mime";
import { setRunContext } from "../../protocol/run-history";

class Interrupted extends Error {}

interface CachedScript {
  script: vm.Script;
  filename: string;
}

const SCRIPT_CACHE_SIZE = 200;

/**
 * Node decorates a compile error's stack with "file:line", the source line and a caret under
 * the column, not with a frame: turn that into a frame the host maps like any other.
 */
function withCompilePosition(error: KernelError, filename: string): KernelError {
  const [header, , caret] = error.stack?.split("\n") ?? [];
  const line = new RegExp(`^${filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+)$`).exec(header ?? "")?.[1];
  if (!line) return error;
  const column = Math.max(0, caret?.indexOf("^") ?? 0) + 1;
  return { ...error, stack: `${error.name}: ${error.message}\n    at ${filename}:${line}:${column}` };
}

function renameFrames(error: KernelError, from: string, to: string): KernelError {
  return from === to || !error.stack ? error : { ...error, stack: error.stack.split(`${from}:`).join(`${to}:`) };
}

interface Running {
  id: number;
  /** True while the cell's synchronous part runs; still true after that part was unwound. */
  inSyncPart: boolean;
  finished: boolean;
  abandon: (reason: Interrupted) => void;
}

export class CellExecutor {
  private readonly queue: ExecuteRequest[] = [];
  private readonly scripts = new Map<string, CachedScript>();
  private running: Running | undefined;

  /** The id of the running cell, or of the last one (late output still belongs somewhere). */
  currentId = 0;

  constructor(
    private readonly report: (message: DoneMessage) => void,
    private readonly bundleOf: (value: unknown) => MimeItem[],
  ) {}

  enqueue(request: ExecuteRequest): void {
    this.queue.push(request);
    this.next();
  }

  interrupt(): void {
    const running = this.running;
    if (!running) return;
    if (running.inSyncPart) this.finish(running, { type: "done", id: running.id, status: "interrupted" });
    else running.abandon(new Interrupted());
  }

  private next(): void {
    if (this.running) return;
    const request = this.queue.shift();
    if (request) this.start(request);
  }

  private start({ id, code, filename, runContext }: ExecuteRequest): void {
    if (runContext) setRunContext(runContext);
    let abandon: (reason: Interrupted) => void = () => {};
    const interrupted = new Promise<never>((_, reject) => (abandon = reject));
    const running: Running = { id, inSyncPart: true, finished: false, abandon };
    this.running = running;
    this.currentId = id;
    let script: CachedScript;
    try {
      script = this.compile(code, filename);
    } catch (error) {
      running.inSyncPart = false;
      this.finish(running, { type: "done", id, status: "error", error: { ...withCompilePosition(toKernelError(error), filename), compile: true } });
      return;
    }
    // A script compiled for an earlier run names that run's file: frames must name this one.
    const errorOf = (error: unknown) => renameFrames(toKernelError(error), script.filename, filename);
    let completion: Promise<{ value: unknown } | undefined>;
    try {
      completion = script.script.runInThisContext() as typeof completion;
    } catch (error) {
      running.inSyncPart = false;
      this.finish(running, { type: "done", id, status: "error", error: errorOf(error) });
      return;
    }
    running.inSyncPart = false;
    Promise.race([completion, interrupted]).then(
      (result) => this.finish(running, this.doneWithValue(id, result?.value)),
      (error) => this.finish(running, error instanceof Interrupted ? { type: "done", id, status: "interrupted" } : { type: "done", id, status: "error", error: errorOf(error) }),
    );
  }

  /** Running a cell again (the same compiled text) reuses V8's compiled script. */
  private compile(code: string, filename: string): CachedScript {
    const cached = this.scripts.get(code);
    if (cached) {
      this.scripts.delete(code); // re-insert: the Map's order is the eviction order
      this.scripts.set(code, cached);
      return cached;
    }
    const compiled = { script: new vm.Script(code, { filename }), filename };
    this.scripts.set(code, compiled);
    if (this.scripts.size > SCRIPT_CACHE_SIZE) this.scripts.delete(this.scripts.keys().next().value as string);
    return compiled;
  }

  private doneWithValue(id: number, value: unknown): DoneMessage {
    if (value === undefined) return { type: "done", id, status: "ok" };
    try {
      return { type: "done", id, status: "ok", value: this.bundleOf(value) };
    } catch (error) {
      return { type: "done", id, status: "error", error: toKernelError(error) };
    }
  }

  private finish(running: Running, message: DoneMessage): void {
    if (running.finished) return;
    running.finished = true;
    if (this.running === running) this.running = undefined;
    this.report(message);
    setImmediate(() => this.next());
  }
}

export function toKernelError(error: unknown): KernelError {
  if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
    const e = error as Error;
    const inputError = (error as Record<symbol, unknown>)[Symbol.for(INPUT_ERROR_MARK)] === true;
    return { name: String(e.name ?? "Error"), message: String(e.message), stack: typeof e.stack === "string" ? e.stack : undefined, ...(inputError ? { inputError } : {}) };
  }
  return { name: "Error", message: `a value was thrown: ${String(error)}` };
}
