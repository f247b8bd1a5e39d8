/**
 * The labelled pitfall corpus (shared/corpus/pitfalls) scored with the runtime rules, exactly as
 * issue 7 asks: `node ../shared/tools/score-pitfalls.mjs --execute --cli "node bin/aibook.js"`
 * over the built CLI (npm test builds first; a stale build fails here rather than passing on old code).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { assertFreshBuild } from "../fresh-build";

const root = path.resolve(__dirname, "../..");
const shared = path.resolve(root, "..", "shared");


describe("pitfall corpus with --execute (static + runtime rules, built CLI)", function () {
  this.timeout(900000);

  it("reaches precision and recall of at least 0.95", () => {
    assertFreshBuild(root, ["dist/cli.js", "dist/kernel.js", "dist/runtime/index.js"], ["src/cli", "src/kernel", "src/runtime", "src/lint"]);
    const score = spawnSync(process.execPath, [path.join(shared, "tools", "score-pitfalls.mjs"), "--execute", "--cli", `${process.execPath} bin/aibook.js`, path.join(shared, "corpus", "pitfalls")], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = /precision ([\d.]+) recall ([\d.]+)/.exec(score.stdout);
    assert.ok(line, `no score line:\n${score.stdout}\n${score.stderr}`);
    const [precision, recall] = [Number(line[1]), Number(line[2])];
    assert.ok(precision >= 0.95 && recall >= 0.95, score.stdout);
  });
});
