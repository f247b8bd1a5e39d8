import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const backendModule = path.resolve(__dirname, "../../../src/runtime/tf/backend.ts");
const root = path.resolve(__dirname, "../../..");

/** Runs a small script in a fresh process (the backend choice is per process) with cwd = `cwd`. */
function run(cwd: string, body: string): string {
  const script = `const b = require(${JSON.stringify(backendModule)}); (async () => { ${body} })().catch((e) => { console.log("ERR " + e.message); });`;
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  return execFileSync(process.execPath, ["--import", tsx, "-e", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NODE_PATH: path.join(root, "node_modules") },
  }).trim();
}

describe("TensorFlow.js backend selection", function () {
  this.timeout(60000);

  it("runs on WebAssembly when the workspace has no tfjs-node, and refuses to train until it has started", () => {
    const out = run(os.tmpdir(), `const starting = b.tfReady();
      try { b.tfForTraining("MLPClassifier.fit"); console.log("no error"); } catch (e) { console.log("ERR " + e.message); }
      console.log("ready " + (await starting)); console.log("backend " + b.tfBackend());
      const tf = b.tfForTraining("MLPClassifier.fit"); console.log("sum " + tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).arraySync().join(","));`);
    assert.match(out, /ERR MLPClassifier\.fit: TensorFlow\.js is still starting its WebAssembly backend; run `await tfReady\(\)` first\./);
    assert.match(out, /ready wasm/);
    assert.match(out, /backend wasm/);
    assert.match(out, /aibook: TensorFlow\.js backend: wasm\n/);
    assert.match(out, /sum 4,6/);
  });

  it("ignores an @tensorflow/tfjs-node that is only an alias of @tensorflow/tfjs (as danfojs' override installs)", () => {
    // This checkout's node_modules/@tensorflow/tfjs-node is such an alias.
    const out = run(root, `console.log("ready " + (await b.tfReady()));`);
    assert.match(out, /ready wasm/);
  });

  it("uses the workspace's real @tensorflow/tfjs-node when it resolves from the notebook's folder", () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), "aibook-ws-"));
    const fake = path.join(workspace, "node_modules", "@tensorflow", "tfjs-node");
    mkdirSync(fake, { recursive: true });
    // A stand-in for the native package: the real tfjs plus the 'tensorflow' name it registers.
    writeFileSync(path.join(fake, "package.json"), JSON.stringify({ name: "@tensorflow/tfjs-node", main: "index.js" }));
    writeFileSync(path.join(fake, "index.js"), `const tf = require(${JSON.stringify(path.join(root, "node_modules/@tensorflow/tfjs"))}); tf.__fromWorkspace = true; module.exports = tf;`);
    const notebookFolder = path.join(workspace, "notebooks");
    mkdirSync(notebookFolder);
    const out = run(notebookFolder, `console.log("ready " + (await b.tfReady())); console.log("workspace " + (b.loadTf().__fromWorkspace === true));`);
    assert.match(out, /ready tensorflow/);
    assert.match(out, /workspace true/);
  });
});
