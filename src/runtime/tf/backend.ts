/**
 * Which TensorFlow.js runs the tfjs models. The native `@tensorflow/tfjs-node` is fastest but
 * is a large native install, so it is used only when the notebook's workspace has it (resolved
 * from process.cwd() upward: the kernel runs in the notebook's folder). Otherwise the bundled
 * `@tensorflow/tfjs` runs on its WebAssembly backend, or on plain JavaScript (cpu) if WebAssembly
 * cannot start. Backends start asynchronously, so the kernel awaits `tfReady()` before running
 * cells; a fit that comes first runs on cpu and says so.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { AibookError } from "../core/errors";

export type Tf = typeof import("@tensorflow/tfjs");
export type TfBackendName = "tensorflow" | "wasm" | "cpu";

let tf: Tf | undefined;
let native = false;
let chosen: TfBackendName | undefined;
let why = "";
let starting: Promise<TfBackendName> | undefined;
let announced = false;

/** `@tensorflow/tfjs-node` from the workspace, if it is really there (not an alias of tfjs). */
function workspaceTfNode(): Tf | undefined {
  try {
    const fromWorkspace = createRequire(path.join(process.cwd(), "__aibook__.js"));
    const entry = fromWorkspace.resolve("@tensorflow/tfjs-node");
    let dir = path.dirname(entry);
    while (!dir.endsWith(path.join("@tensorflow", "tfjs-node")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    if (pkg.name !== "@tensorflow/tfjs-node") return undefined;
    return fromWorkspace("@tensorflow/tfjs-node") as Tf;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") why = `tfjs-node did not load: ${(error as Error).message}`;
    return undefined;
  }
}

/** The TensorFlow.js module in use (loaded on first call, synchronously). */
export function loadTf(): Tf {
  if (tf) return tf;
  const node = workspaceTfNode();
  if (node) {
    tf = node;
    native = true;
    chosen = "tensorflow";
  } else {
    tf = require("@tensorflow/tfjs") as Tf;
    // Production mode: skips debug checks and the console banner about tfjs-node (we report the backend ourselves).
    tf.enableProdMode();
  }
  return tf;
}

/** Starts the best backend and resolves to its name; safe to call many times. */
export function tfReady(): Promise<TfBackendName> {
  starting ??= (async () => {
    const t = loadTf();
    if (native) {
      await t.ready();
      return (chosen = "tensorflow");
    }
    try {
      const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
      const dist = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep;
      wasm.setWasmPaths(dist);
      if (!(await t.setBackend("wasm"))) throw new Error("setBackend('wasm') returned false");
      chosen = "wasm";
    } catch (error) {
      why = `WebAssembly backend failed: ${(error as Error).message}`;
      await t.setBackend("cpu");
      chosen = "cpu";
    }
    return chosen;
  })();
  return starting;
}

/** The backend tfjs models run on: "tensorflow" (tfjs-node), "wasm" or "cpu". */
export function tfBackend(): TfBackendName {
  if (chosen) return chosen;
  return (tf?.getBackend() as TfBackendName | undefined) ?? "cpu";
}

/** Why a faster backend is not in use, if it failed ("" when nothing failed). */
export function tfBackendNote(): string {
  return why;
}

/**
 * The tf module ready for synchronous use by a fit. Throws if the backend is still starting
 * (its kernels would not exist yet); reports the backend the first time a model trains.
 */
export function tfForTraining(who: string): Tf {
  const t = loadTf();
  if (starting && !chosen) {
    throw new AibookError(`${who}: TensorFlow.js is still starting its ${native ? "native" : "WebAssembly"} backend; run \`await tfReady()\` first.`);
  }
  if (!announced) {
    announced = true;
    const hint = chosen ? "" : " (run `await tfReady()` once to use WebAssembly)";
    console.log(`aibook: TensorFlow.js backend: ${tfBackend()}${hint}${why ? ` — ${why}` : ""}`);
  }
  return t;
}
