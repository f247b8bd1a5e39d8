import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InProcessTypeCheck, WorkerTypeCheck } from "../../src/server/type-check";
import { typeLocations } from "../../src/languageservice/module-resolution";

const repoRoot = path.resolve(__dirname, "../..");
const setup = { extensionRoot: repoRoot, typeLocations: { ...typeLocations(repoRoot), aibookEntry: path.join(repoRoot, "src", "runtime", "index.ts") } };
const request = { notebookUri: "file:///n.aibook", notebookPath: path.join(repoRoot, "n.aibook"), cells: [{ id: "a", text: "const n = 1;" }, { id: "b", text: "const s: string = n;" }] };
const codes = (d: Map<string, Array<{ code: number }>>) => [...d].map(([id, list]) => `${id}:${list.map((x) => x.code).join(",")}`);

describe("server/type-check", function () {
  this.timeout(60000);

  it("checks a notebook on the calling thread", async () => {
    assert.deepEqual(codes(await new InProcessTypeCheck(setup).check(request)), ["a:", "b:2322"]);
  });

  it("falls back to the calling thread when the worker dies", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-worker-"));
    const script = path.join(dir, "dies.js");
    writeFileSync(script, "process.exit(3);\n");
    const check = new WorkerTypeCheck(script, setup);
    try {
      await assert.rejects(check.check(request), /exited with code 3/);
      assert.deepEqual(codes(await check.check(request)), ["a:", "b:2322"]);
    } finally {
      check.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
