/**
 * Runs compiled cells one at a time in this process's own global scope and reports how each
 * ended. Interrupt: the synchronous part of a cell runs under `breakOnSigint`, so SIGINT stops
 * even `while (true) {}`; an `await` that never settles is abandoned through a race with the
 * interrupt. Either way the kernel and its state survive.
 */
import vm from "node:vm";
import type { DoneMessage, KernelError } from "../../protocol/kernel";
import { mimeBundle } from "./display";

class Interrupted extends Error {}

export class CellExecutor {
  private interruptRunning: (() => void) | undefined;

  /** The id of the running cell, or of the last one (late output still belongs somewhere). */
  currentId = 0;

  async execute(id: number, code: string, filename: string): Promise<DoneMessage> {
    this.currentId = id;
    const interrupted = new Promise<never>((_, reject) => {
      this.interruptRunning = () => reject(new Interrupted());
    });
    try {
      const completion = vm.runInThisContext(code, { filename, breakOnSigint: true }) as Promise<{ value: unknown } | undefined>;
      const result = await Promise.race([completion, interrupted]);
      const value = result?.value;
      return value === undefined ? { type: "done", id, status: "ok" } : { type: "done", id, status: "ok", value: mimeBundle(value) };
    } catch (error) {
      if (error instanceof Interrupted || (error as NodeJS.ErrnoException)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
        return { type: "done", id, status: "interrupted" };
      }
      return { type: "done", id, status: "error", error: toKernelError(error) };
    } finally {
      this.interruptRunning = undefined;
    }
  }

  /** Abandons a cell that is waiting; a cell busy in synchronous code is stopped by SIGINT itself. */
  interrupt(): void {
    this.interruptRunning?.();
  }
}

export function toKernelError(error: unknown): KernelError {
  if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
    const e = error as Error;
    return { name: String(e.name ?? "Error"), message: String(e.message), stack: typeof e.stack === "string" ? e.stack : undefined };
  }
  return { name: "Error", message: `a value was thrown: ${String(error)}` };
}
