import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(__dirname, "../..");

/** The CLI entry as a process, from source. */
function aibook(...args: string[]) {
  const tsx = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  return spawnSync(process.execPath, ["--import", tsx, path.join(root, "src/cli/main.ts"), ...args], { encoding: "utf8" });
}

describe("aibook command dispatch", () => {
  it("refuses an unknown command with the usage and exit status 2", () => {
    const result = aibook("frobnicate");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /aibook run NOTEBOOK/);
  });

  it("prints the usage for --help and exits 0", () => {
    const result = aibook("--help");
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^usage:/);
  });

  it("hands run its arguments", () => {
    const result = aibook("run", "--format", "yaml", "x.aibook");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--format is text or json, got "yaml"/);
  });
});
