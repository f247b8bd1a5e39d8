// Starts and stops code-server (installed by ensure.mjs) for the integration tests and
// `npm start`: loopback only, no auth, its own user-data and extensions folders, XDG folders
// inside the caller's state folder (code-server writes into $HOME when they are unset), and a
// process group of its own so that stopping it stops its helper processes too.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SetupError } from "./ensure.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** User settings that keep a test or demo VS Code quiet and offline: no AI agents, no updates. */
export const quietSettings = {
  "chat.disableAIFeatures": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never",
};

/** Folders of one code-server set-up under `stateDir`, and the environment that points at them. */
export function codeServerState(stateDir, extraEnv = {}) {
  const dirs = {
    userData: path.join(stateDir, "user-data"),
    extensions: path.join(stateDir, "extensions"),
    logs: path.join(stateDir, "logs"),
  };
  const xdg = {
    XDG_CONFIG_HOME: path.join(stateDir, "xdg", "config"),
    XDG_DATA_HOME: path.join(stateDir, "xdg", "data"),
    XDG_CACHE_HOME: path.join(stateDir, "xdg", "cache"),
    XDG_STATE_HOME: path.join(stateDir, "xdg", "state"),
  };
  for (const d of [...Object.values(dirs), ...Object.values(xdg), path.join(dirs.userData, "User")]) {
    fs.mkdirSync(d, { recursive: true });
  }
  return { ...dirs, env: { ...process.env, ...xdg, ...extraEnv } };
}

/** Writes settings.json, keeping what a person set there before over `settings`. */
export function writeUserSettings(state, settings, { keepExisting = false } = {}) {
  const file = path.join(state.userData, "User", "settings.json");
  let existing = {};
  if (keepExisting && fs.existsSync(file)) {
    try { existing = JSON.parse(fs.readFileSync(file, "utf8")); } catch { return; } // a person's comments: leave it
  }
  fs.writeFileSync(file, JSON.stringify({ ...settings, ...existing }, null, 2) + "\n");
}

const baseArgs = (state) => ["--user-data-dir", state.userData, "--extensions-dir", state.extensions];

/** `code-server --install-extension FILE.vsix` into the state's extensions folder. */
export function installExtension(vscode, state, vsix) {
  const res = spawnSync(vscode.node, [vscode.codeServerEntry, ...baseArgs(state), "--install-extension", vsix, "--force"],
    { env: state.env, encoding: "utf8" });
  const out = `${res.stdout}${res.stderr}`;
  if (res.status !== 0 || !/was successfully installed/.test(out)) {
    throw new SetupError(`installing ${path.basename(vsix)} into code-server failed:\n${out.trim()}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 (port 0: a free one) and waits until it listens.
 * Returns `{ url, pid, stop(), exited }`; `exited` resolves with the exit code. `onSpawn(stop)`
 * is called as soon as the process exists. Workspace trust is off unless `workspaceTrust` is true
 * (then the user settings decide, as in a real install).
 */
export async function startCodeServer(vscode, state, { port = 0, folder, extraArgs = [], onSpawn, workspaceTrust = false } = {}) {
  const logFile = path.join(state.logs, "code-server.log");
  const out = fs.openSync(logFile, "w");
  const child = spawn(vscode.node, [
    vscode.codeServerEntry,
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    ...baseArgs(state),
    "--disable-telemetry", "--disable-update-check", ...(workspaceTrust ? [] : ["--disable-workspace-trust"]),
    "--disable-getting-started-override", "--ignore-last-opened",
    ...extraArgs,
    ...(folder ? [folder] : []),
  ], { env: state.env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  let done = false;
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => { done = true; resolve(code ?? signal); }));
  const alive = () => { try { process.kill(-child.pid, 0); return true; } catch { return false; } };
  const stop = async () => {
    if (!child.pid || !alive()) return;
    try { process.kill(-child.pid, "SIGTERM"); } catch {}
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
    try { process.kill(-child.pid, "SIGKILL"); } catch {}
  };
  onSpawn?.(stop); // the caller can stop it even while this waits for it to listen
  for (let i = 0; i < 600 && !done; i++) {
    const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(fs.readFileSync(logFile, "utf8"));
    if (m) return { url: m[1], pid: child.pid, stop, exited, logFile };
    await sleep(100);
  }
  await stop();
  const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  throw new SetupError(`code-server did not start (log: ${logFile})\n${tail}`);
}
