/**
 * Type-checking a whole notebook takes long in a big notebook (hundreds of ms for 200 cells),
 * and the server answers one message at a time: a completion asked during a check would wait for
 * it. So the full check runs in a worker thread with its own language service, and the server's
 * thread stays free for completions and hovers. `InProcessTypeCheck` does the same work on the
 * calling thread (tests, or where a worker cannot start).
 */
import { Worker, parentPort, workerData } from "node:worker_threads";
import { NotebookLanguageService, type TypeDiagnostic } from "../languageservice/notebook-language-service";
import type { CellInput } from "../languageservice/cell-join";
import type { TypeLocations } from "../languageservice/module-resolution";
import ts from "typescript";

export interface TypeCheckRequest {
  notebookUri: string;
  notebookPath: string;
  cells: CellInput[];
}

export interface TypeCheck {
  /** Syntax and type errors per cell id, for the cells as given. */
  check(request: TypeCheckRequest): Promise<Map<string, TypeDiagnostic[]>>;
  close(notebookUri: string): void;
  dispose(): void;
}

export interface TypeCheckSetup {
  extensionRoot: string;
  typeLocations?: TypeLocations;
}

/** One language service per notebook, used on whatever thread owns it. */
class NotebookCheckers {
  private readonly services = new Map<string, NotebookLanguageService>();
  private readonly registry = ts.createDocumentRegistry();

  constructor(private readonly setup: TypeCheckSetup) {}

  check(request: TypeCheckRequest): Array<[string, TypeDiagnostic[]]> {
    let service = this.services.get(request.notebookUri);
    if (!service) {
      service = new NotebookLanguageService({ notebookPath: request.notebookPath, extensionRoot: this.setup.extensionRoot, typeLocations: this.setup.typeLocations, documentRegistry: this.registry });
      this.services.set(request.notebookUri, service);
    }
    service.update(request.cells);
    return [...service.diagnostics()];
  }

  close(notebookUri: string): void {
    this.services.get(notebookUri)?.dispose();
    this.services.delete(notebookUri);
  }
}

export class InProcessTypeCheck implements TypeCheck {
  private readonly checkers: NotebookCheckers;

  constructor(setup: TypeCheckSetup) {
    this.checkers = new NotebookCheckers(setup);
  }

  async check(request: TypeCheckRequest): Promise<Map<string, TypeDiagnostic[]>> {
    return new Map(this.checkers.check(request));
  }

  close(notebookUri: string): void {
    this.checkers.close(notebookUri);
  }

  dispose(): void {}
}

type ToWorker = { kind: "check"; id: number; request: TypeCheckRequest } | { kind: "close"; notebookUri: string };
type FromWorker = { id: number; diagnostics?: Array<[string, TypeDiagnostic[]]>; error?: string };

/** Runs the checks in a worker thread started from `script` (which must call {@link runTypeCheckWorker}). */
export class WorkerTypeCheck implements TypeCheck {
  private readonly worker: Worker;
  /** Set once the worker has died: checks then run on the calling thread, slower but still there. */
  private fallback?: InProcessTypeCheck;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (d: Map<string, TypeDiagnostic[]>) => void; reject: (e: Error) => void }>();

  constructor(script: string, private readonly setup: TypeCheckSetup, execArgv?: string[]) {
    this.worker = new Worker(script, { workerData: { aibookTypeCheck: setup }, execArgv });
    this.worker.unref();
    this.worker.on("message", (message: FromWorker) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(new Map(message.diagnostics));
    });
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", (code) => this.failAll(new Error(`the type-check worker exited with code ${code}`)));
  }

  check(request: TypeCheckRequest): Promise<Map<string, TypeDiagnostic[]>> {
    if (this.fallback) return this.fallback.check(request);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: "check", id, request } satisfies ToWorker);
    });
  }

  close(notebookUri: string): void {
    if (this.fallback) this.fallback.close(notebookUri);
    else this.worker.postMessage({ kind: "close", notebookUri } satisfies ToWorker);
  }

  dispose(): void {
    this.disposed = true;
    void this.worker.terminate();
  }

  private disposed = false;

  private failAll(error: Error): void {
    if (!this.disposed) this.fallback ??= new InProcessTypeCheck(this.setup);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** True when this thread was started as a type-check worker. */
export function isTypeCheckWorker(): boolean {
  return parentPort !== null && (workerData as { aibookTypeCheck?: unknown } | undefined)?.aibookTypeCheck !== undefined;
}

/** The worker's side: answers check requests until the server ends. */
export function runTypeCheckWorker(): void {
  const port = parentPort!;
  const checkers = new NotebookCheckers((workerData as { aibookTypeCheck: TypeCheckSetup }).aibookTypeCheck);
  port.on("message", (message: ToWorker) => {
    if (message.kind === "close") {
      checkers.close(message.notebookUri);
      return;
    }
    try {
      port.postMessage({ id: message.id, diagnostics: checkers.check(message.request) } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ id: message.id, error: (error as Error).stack ?? String(error) } satisfies FromWorker);
    }
  });
}
