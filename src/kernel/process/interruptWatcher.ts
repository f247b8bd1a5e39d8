/**
 * Interrupt that works whatever the cell is doing. A worker thread listens on a pipe from the
 * host (so it hears the request even while the main thread is stuck in `while (true) {}`).
 * It first asks the main thread; a main thread that is free (the cell awaits something that
 * never settles) answers at once and abandons the cell. If no answer comes within
 * `TERMINATE_AFTER_MS`, the main thread is busy in JavaScript, and the worker stops that
 * JavaScript through the inspector (`Runtime.terminateExecution`), which unwinds the running
 * code but keeps the heap: every name the notebook defined survives.
 */
import { Worker } from "node:worker_threads";

const TERMINATE_AFTER_MS = 200;

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const inspector = require("node:inspector");
const net = require("node:net");
const session = new inspector.Session();
session.connectToMainThread();
let timer;
parentPort.on("message", (message) => { if (message === "answered") clearTimeout(timer); });
const pipe = new net.Socket({ fd: workerData.fd, readable: true, writable: false });
pipe.on("data", () => {
  clearTimeout(timer);
  parentPort.postMessage("interrupt");
  timer = setTimeout(() => session.post("Runtime.terminateExecution"), workerData.terminateAfterMs);
});
pipe.on("error", () => {});
`;

/** Starts the watcher on the pipe at `fd`; `onInterrupt` runs on the main thread once it is free. */
export function watchInterrupts(fd: number, onInterrupt: () => void): void {
  const worker = new Worker(workerSource, { eval: true, workerData: { fd, terminateAfterMs: TERMINATE_AFTER_MS } });
  worker.unref();
  worker.on("message", () => {
    worker.postMessage("answered");
    onInterrupt();
  });
  worker.on("error", (error) => process.stderr.write(`aibook kernel: interrupt watcher failed: ${error.message}\n`));
}
