/**
 * The kernel process (dist/kernel.js): one per notebook, started by KernelSession with the
 * notebook's folder as working directory. It receives compiled cells over IPC, runs them in its
 * global scope (so names carry from cell to cell) and streams back output, displays and results.
 */
import process from "node:process";
import { DYNAMIC_IMPORT, INTERRUPT_FD_ENV, type HostMessage, type KernelMessage } from "../protocol/kernel";
import type { MimeItem } from "../protocol/mime";
import { mimeBundle, plainText } from "./process/display";
import { CellExecutor } from "./process/executor";
import { createModuleLoader, findExtensionRoot, findRuntimeEntry, registerTypeScriptFiles } from "./process/modules";
import { watchInterrupts } from "./process/interruptWatcher";
import { captureStandardStreams } from "./process/streams";
import { installRuntimeRules } from "./process/runtime-rules";

const send = (message: KernelMessage) => {
  if (process.connected) process.send?.(message);
};

// V8 keeps 10 frames by default: an error thrown deep inside the runtime or a library (a
// pipeline's step, a cross-validation fold, danfojs) lost the cell's own frame, so the report
// could not name the line that failed. Frames beyond the cell's are trimmed when shown.
Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 100);

// The runtime pitfall rules: their findings go out before each cell's "done".
const runtimeRules = installRuntimeRules();
// A cell's last value: strings quoted as the REPL prints them, anything else as display() shows it.
const executor = new CellExecutor(runtimeRules.sendingFindings(send), (value) => (typeof value === "string" ? mimeBundle(value) : bundleOf(value)));
captureStandardStreams((name, text) => send({ type: "stream", id: executor.currentId, name, text }));

const extensionRoot = findExtensionRoot(__dirname);
const loader = createModuleLoader(process.cwd(), extensionRoot, findRuntimeEntry(extensionRoot));
registerTypeScriptFiles(extensionRoot);
runtimeRules.instrumentImports(loader);
/** Once a cell imported `aibook`, values are shown the runtime's way (one table view for all). */
const bundleOf = (value: unknown) => {
  const fromRuntime = loader.loadedRuntime()?.mimeBundleOf;
  return typeof fromRuntime === "function" ? (fromRuntime as typeof mimeBundle)(value) : mimeBundle(value);
};
const sendDisplay = (items: MimeItem[]) => send({ type: "display", id: executor.currentId, items });
Object.assign(globalThis, {
  __aibook: loader,
  [DYNAMIC_IMPORT]: loader.import,
  require: loader.require,
  display: (...values: unknown[]) => values.forEach((value) => sendDisplay(bundleOf(value))),
  // The runtime's own display() sends through this hook (src/runtime/report/display.ts).
  [Symbol.for("aibook.display")]: sendDisplay,
});

// Errors that escape a cell (a rejected promise nobody awaited, a throwing timer) must not end
// the kernel: they are shown with the cell that last ran.
const reportStray = (kind: string) => (error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : plainText(error);
  send({ type: "stream", id: executor.currentId, name: "stderr", text: `${kind}: ${text}\n` });
};
process.on("uncaughtException", reportStray("Uncaught exception"));
process.on("unhandledRejection", reportStray("Unhandled promise rejection"));
process.on("disconnect", () => process.exit(0));
process.on("message", (message: HostMessage) => {
  if (message.type === "execute") executor.enqueue(message);
});
send({ type: "ready", pid: process.pid });

// The watcher thread boots while the first cell runs; an early interrupt waits in the pipe.
const interruptFd = Number(process.env[INTERRUPT_FD_ENV]);
if (Number.isInteger(interruptFd)) watchInterrupts(interruptFd, () => executor.interrupt());
