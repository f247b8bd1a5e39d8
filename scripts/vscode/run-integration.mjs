// Runs the integration suite (test/integration/*.test.ts) inside a real VS Code.
//   node scripts/vscode/run-integration.mjs [--no-build] [--timeout SECONDS] [--keep] [--electron]
//                                           [--grep REGEX]   (only the tests whose full title matches)
//                                           [--untrusted]    (workspace trust on and the folder not
//                                                             trusted: runs test/integration/untrusted*.test.ts,
//                                                             which the default, trusted run leaves out)
// Default: code-server (VS Code for the browser, installed by ensure.mjs) on 127.0.0.1, opened
// in Debian's headless Chromium through playwright-core; the workbench's smoke-test driver
// loads this repo as the extension under development and runs dist/test/integration/index.js
// in the extension host. With --electron (or AIBOOK_TEST_ELECTRON=1) the same suite runs in
// desktop VS Code through @vscode/test-electron, which downloads VS Code: it needs internet.
// Each run tests a fresh copy of test/fixtures/workspace/. Exit status: 0 when every test
// passed, 1 otherwise (a failed test, a crash, or the --timeout on VS Code's run: default 600 s;
// the one-time installs and the build come before it and do not count).
// $AIBOOK_TEST_RESULT, when set, receives the suite's counts as JSON (scripts/test.mjs reads it).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { codeServerState, quietSettings, startCodeServer, writeUserSettings } from "./code-server.mjs";
import { ensureVSCode, repoRoot, SetupError } from "./ensure.mjs";

/** Options from the command line and the environment. */
function parseArgs(argv) {
  const opt = {
    build: true,
    keep: false,
    electron: process.env.AIBOOK_TEST_ELECTRON === "1",
    timeoutS: Number(process.env.AIBOOK_TEST_TIMEOUT || 600),
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-build") opt.build = false;
    else if (argv[i] === "--keep") opt.keep = true;
    else if (argv[i] === "--electron") opt.electron = true;
    else if (argv[i] === "--timeout") opt.timeoutS = Number(argv[++i]);
    else if (argv[i] === "--grep") opt.grep = argv[++i];
    else if (argv[i] === "--untrusted") opt.untrusted = true;
    else {
      console.error(`run-integration: unknown argument ${argv[i]}`);
      process.exit(2);
    }
  }
  if (!(opt.timeoutS > 0)) {
    console.error("run-integration: --timeout needs a number of seconds");
    process.exit(2);
  }
  return opt;
}
const opt = parseArgs(process.argv.slice(2));

const log = (...m) => console.log("[integration]", ...m);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const testsEntry = path.join(repoRoot, "dist", "test", "integration", "index.js");

/** A fresh folder for this run: workspace copy, VS Code's state, logs, HOME and TMPDIR. */
function makeRunFolder() {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), "aibook-integration-"));
  for (const d of ["home", "tmp"]) fs.mkdirSync(path.join(run, d));
  const workspace = path.join(run, "ws", "workspace");
  fs.cpSync(path.join(repoRoot, "test", "fixtures", "workspace"), workspace, { recursive: true });
  const state = codeServerState(run, {
    HOME: path.join(run, "home"),
    TMPDIR: path.join(run, "tmp"),
    AIBOOK_TEST_LOG: path.join(run, "logs", "suite.log"),
    AIBOOK_TEST_RESULT: path.join(run, "logs", "result.json"),
    ...(opt.grep ? { AIBOOK_TEST_GREP: opt.grep } : {}),
    AIBOOK_TEST_TRUST: opt.untrusted ? "untrusted" : "trusted",
  });
  // auto-save off: only the tests' own saves may write the workspace files. Untrusted: trust is on,
  // nobody is asked, and the fresh folder is not trusted (restricted mode), as for a cloned repo.
  const trust = opt.untrusted
    ? { "security.workspace.trust.enabled": true, "security.workspace.trust.startupPrompt": "never", "security.workspace.trust.emptyWindow": false }
    : { "security.workspace.trust.enabled": false };
  writeUserSettings(state, { ...quietSettings, "files.autoSave": "off", ...trust });
  fs.writeFileSync(state.env.AIBOOK_TEST_LOG, "");
  return { run, workspace, state, env: state.env };
}

/** Copies new lines of the suite's log to stdout while the suite runs. */
function followLog(file) {
  let offset = 0;
  const pump = () => {
    let fd;
    try {
      fd = fs.openSync(file, "r");
      const size = fs.fstatSync(fd).size;
      if (size > offset) {
        const buf = Buffer.alloc(size - offset);
        fs.readSync(fd, buf, 0, buf.length, offset);
        offset = size;
        process.stdout.write(buf.toString("utf8").replace(/^(?=.)/gm, "  | "));
      }
    } catch {}
    if (fd !== undefined) fs.closeSync(fd);
  };
  const timer = setInterval(pump, 200);
  return () => { clearInterval(timer); pump(); };
}

/** Opens the workbench with the smoke-test driver payload; resolves with the extension host's exit code. */
async function runInBrowser(vscode, server, workspace, runFolder) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: vscode.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    env: { ...process.env, TMPDIR: path.join(runFolder, "tmp"), HOME: path.join(runFolder, "home") },
  });
  const close = () => Promise.race([browser.close(), sleep(5000)]).catch(() => {});
  try {
    const page = await browser.newPage();
    const workbenchLog = fs.createWriteStream(path.join(runFolder, "logs", "workbench.log"));
    let onExit;
    const exited = new Promise((resolve) => { onExit = resolve; });
    await page.exposeFunction("codeAutomationExit", (code) => onExit(code));
    page.on("crash", () => { log("the browser page crashed"); onExit("page crash"); });
    browser.on("disconnected", () => onExit("browser gone"));
    await page.exposeFunction("codeAutomationLog", (level, message) => {
      workbenchLog.write(`[${level}] ${message}\n`);
    });
    const authority = new URL(server.url).host;
    const payload = [
      ["extensionDevelopmentPath", `vscode-remote://${authority}${repoRoot}`],
      ["extensionTestsPath", `vscode-remote://${authority}${testsEntry}`],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const code = await exited;
    workbenchLog.end();
    return code;
  } finally {
    await close();
  }
}

async function runWithCodeServer(runFolder, workspace, state, vscode) {
  const server = await startCodeServer(vscode, state, {
    extraArgs: ["--vscode-option", "enable-smoke-test-driver"],
    onSpawn: (stop) => cleanups.push(stop),
    workspaceTrust: opt.untrusted,
  });
  log(`code-server ${vscode.codeServerVersion} on ${server.url} (process group ${server.pid}); run folder ${runFolder}`);
  return runInBrowser(vscode, server, workspace, runFolder);
}

async function runWithElectron(runFolder, workspace, state) {
  const env = state.env;
  const { runTests, TestRunFailedError } = await import("@vscode/test-electron");
  log("running in desktop VS Code through @vscode/test-electron (downloads VS Code: needs internet)");
  // test-electron stops VS Code on SIGINT (gracefully, then by force): a timeout takes that path
  let running = true;
  cleanups.push(async () => {
    if (!running) return;
    process.emit("SIGINT");
    await sleep(3000);
    if (running) process.emit("SIGINT");
  });
  try {
    await runTests({
      version: process.env.AIBOOK_VSCODE_VERSION || "stable",
      cachePath: path.join(repoRoot, ".vscode-test", "electron"),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("AIBOOK_TEST_"))),
      launchArgs: [workspace, "--disable-extensions",
        "--user-data-dir", state.userData, "--extensions-dir", state.extensions],
    });
    return 0;
  } catch (e) {
    if (e instanceof TestRunFailedError) return e.code ?? 1; // failed tests, or VS Code killed by a signal
    if (e?.code === "ENOTFOUND" || e?.code === "EAI_AGAIN") {
      throw new SetupError(`--electron could not download VS Code (${e.message}); without internet, run without --electron (code-server)`);
    }
    throw e;
  } finally {
    running = false;
  }
}

function build() {
  // a test file that was deleted must not keep running from an old build
  fs.rmSync(path.join(repoRoot, "dist", "test", "integration"), { recursive: true, force: true });
  const res = spawnSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit" });
  if (res.status !== 0) throw new SetupError("npm run build failed");
  if (!fs.existsSync(testsEntry)) throw new SetupError(`the build did not produce ${testsEntry}`);
}

const cleanups = [];
let cleaningUp = false;
async function cleanUp() {
  cleaningUp = true;
  while (cleanups.length) await cleanups.pop()().catch(() => {});
}

async function main() {
  const vscode = opt.electron ? undefined : ensureVSCode(); // installs once: not part of the timeout
  if (opt.build) build();
  const started = Date.now();
  const { run, workspace, state, env } = makeRunFolder();
  const stopFollowing = followLog(env.AIBOOK_TEST_LOG);
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve("timeout"), opt.timeoutS * 1000);
  });
  let outcome;
  try {
    outcome = await Promise.race([(opt.electron ? runWithElectron : runWithCodeServer)(run, workspace, state, vscode), timeout]);
  } finally {
    clearTimeout(timer);
    stopFollowing();
    await cleanUp();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let result;
  try { result = JSON.parse(fs.readFileSync(env.AIBOOK_TEST_RESULT, "utf8")); } catch {}
  // the caller's $AIBOOK_TEST_RESULT (scripts/test.mjs) gets the suite's counts
  if (result && process.env.AIBOOK_TEST_RESULT) fs.writeFileSync(process.env.AIBOOK_TEST_RESULT, JSON.stringify(result) + "\n");
  if (outcome === "timeout") {
    log(`TIMEOUT: no result from VS Code's extension host after ${opt.timeoutS} s; the run was stopped. Logs: ${run}/logs`);
  } else if (!result) {
    log(`the extension host exited (code ${outcome}) without a test report. Logs: ${run}/logs`);
  } else {
    log(`ran in VS Code ${result.vscodeVersion} (${result.appName}): ${result.passed} passed, ${result.failed} failed, ${seconds} s`);
  }
  const ok = outcome === 0 && result && result.failed === 0 && result.passed > 0;
  if (ok && !opt.keep) fs.rmSync(run, { recursive: true, force: true });
  else if (!ok) log(`kept the run folder for inspection: ${run}`);
  return ok ? 0 : 1;
}

for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(sig, async () => {
    if (cleaningUp) return; // the electron path's own stop signal, or a second Ctrl+C
    log(`${sig}: stopping VS Code and the browser`);
    await cleanUp();
    process.exit(code);
  });
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(`[integration] ${e instanceof SetupError ? e.message : e.stack}`);
    await cleanUp();
    process.exit(1);
  },
);
