/**
 * Entry of dist/server.js, started by the extension's language client over IPC.
 */
import path from "node:path";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

// dist/server.js -> the extension's root is one folder up.
startServer(createConnection(ProposedFeatures.all), { extensionRoot: path.resolve(__dirname, "..") });
