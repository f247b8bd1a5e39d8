/**
 * Entry of dist/server.js, started by the extension's language client over IPC. The same file,
 * started as a worker thread, is the type-check worker (see type-check.ts).
 */
import path from "node:path";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";
import { isTypeCheckWorker, runTypeCheckWorker, WorkerTypeCheck } from "./type-check";

if (isTypeCheckWorker()) {
  runTypeCheckWorker();
} else {
  // dist/server.js -> the extension's root is one folder up.
  const extensionRoot = path.resolve(__dirname, "..");
  startServer(createConnection(ProposedFeatures.all), { extensionRoot, typeCheck: new WorkerTypeCheck(__filename, { extensionRoot }) });
}
