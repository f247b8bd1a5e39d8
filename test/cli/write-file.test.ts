import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "../../src/cli/write-file";

describe("writeFileAtomic", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "aibook-write-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces the file's content and leaves no temporary file behind", () => {
    const target = path.join(dir, "n.aibook");
    writeFileSync(target, "old");
    writeFileAtomic(target, "new text");
    assert.equal(readFileSync(target, "utf8"), "new text");
    assert.deepEqual(readdirSync(dir), ["n.aibook"]);
  });

  it("throws when the file cannot be replaced, removing its temporary file and leaving what was there", () => {
    const target = path.join(dir, "taken");
    mkdirSync(target);
    writeFileSync(path.join(target, "inside"), "kept");
    assert.throws(() => writeFileAtomic(target, "new"), /EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    assert.deepEqual(readdirSync(dir), ["taken"]);
    assert.equal(readFileSync(path.join(target, "inside"), "utf8"), "kept");
  });
});
