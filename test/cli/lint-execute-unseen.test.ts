/**
 * The held-out notebooks of test/fixtures/lint/unseen and unseen2 scored with the runtime rules too
 * (about a minute each on two cores), as the
 * shared scorer scores the corpus: `score-pitfalls.mjs --execute --cli "node bin/aibook.js"` over
 * the built CLI. Every labelled finding, static and runtime, and nothing else.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const shared = path.resolve(root, "..", "shared");

describe("held-out pitfall notebooks with --execute (static + runtime rules, built CLI)", function () {
  this.timeout(900000);

  // unseen2 still misses 4 of 25 labels (3 static ones listed in test/lint/unseen-corpus.test.ts, and the
  // imbalanced-accuracy of ml-logistic-regression predictions counted by hand): a floor for recall; precision must stay 1.
  for (const [set, minRecall] of [["unseen", 1], ["unseen2", 0.84]] as const)
    it(`${set}: finds the labelled pitfalls and nothing else`, () => {
      assert.ok(["dist/cli.js", "dist/kernel.js", "dist/runtime/index.js"].every((f) => existsSync(path.join(root, f))), "build first: npm run build");
      const score = spawnSync(process.execPath, [path.join(shared, "tools", "score-pitfalls.mjs"), "--execute", "--cli", `${process.execPath} bin/aibook.js`, path.join(root, "test", "fixtures", "lint", set)], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = /precision ([\d.]+) recall ([\d.]+)/.exec(score.stdout);
      assert.ok(line, `no score line:\n${score.stdout}\n${score.stderr}`);
      assert.equal(Number(line[1]), 1, score.stdout);
      assert.ok(Number(line[2]) >= minRecall, score.stdout);
    });
});
