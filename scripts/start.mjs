// `npm start`: VS Code in the browser with aibook installed and examples/ open.
// Installs code-server on first use (scripts/vscode/ensure.mjs), packages the extension
// (scripts/package.mjs), installs the .vsix into code-server, starts code-server on 127.0.0.1
// and prints the address; runs until Ctrl+C. Its state (user settings, installed extensions,
// logs) stays in .vscode-test/start/ between runs. Port: $AIBOOK_PORT (default: a free one).
import fs from "node:fs";
import path from "node:path";
import { codeServerState, installExtension, quietSettings, startCodeServer, writeUserSettings } from "./vscode/code-server.mjs";
import { cacheDir, ensureVSCode, repoRoot, SetupError } from "./vscode/ensure.mjs";
import { packageVsix } from "./package.mjs";

const log = (...m) => console.log("[start]", ...m);

async function main() {
  const vscode = ensureVSCode();
  const stateDir = path.join(cacheDir, "start");
  const state = codeServerState(stateDir);
  const vsix = packageVsix(path.join(stateDir, "aibook.vsix"));
  installExtension(vscode, state, vsix);
  log(`installed ${path.relative(repoRoot, vsix)} into ${path.relative(repoRoot, state.extensions)}`);
  writeUserSettings(state, quietSettings, { keepExisting: true });

  const examples = path.join(repoRoot, "examples");
  const server = await startCodeServer(vscode, state, { port: Number(process.env.AIBOOK_PORT || 0), folder: examples });
  let stopping = false;
  for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      log("stopping code-server");
      await server.stop();
      process.exit(code);
    });
  }
  const notebooks = fs.readdirSync(examples).filter((f) => f.endsWith(".aibook"));
  const vscodeVersion = JSON.parse(fs.readFileSync(path.join(vscode.codeServerDir, "lib", "vscode", "package.json"), "utf8")).version;
  console.log(`\naibook is running in VS Code ${vscodeVersion} (code-server ${vscode.codeServerVersion})`);
  console.log(`  open   ${server.url}/?folder=${encodeURI(examples)}`);
  console.log(`  notebooks in examples/: ${notebooks.join(", ") || "(none yet)"}`);
  console.log(`  log    ${server.logFile}`);
  console.log("  Ctrl+C stops it.\n");
  const code = await server.exited;
  if (stopping) return;
  log(`code-server exited (${code}); see ${server.logFile}`);
  process.exit(1);
}

main().catch((e) => {
  console.error(`[start] ${e instanceof SetupError ? e.message : e.stack}`);
  process.exit(1);
});
