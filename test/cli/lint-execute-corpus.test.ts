/**
 * The labelled pitfall corpus (shared/corpus/pitfalls) scored with the runtime rules, exactly as
 * issue 7 asks: `node ../shared/tools/score-pitfalls.mjs --execute --cli "node bin/aibook.js"`
 * over the built CLI (npm test builds first; a stale build fails here rather than passing on old code).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const shared = path.resolve(root, "..", "shared");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

describe("pitfall corpus with --execute (static + runtime rules, built CLI)", function () {
  this.timeout(900000);

  it("reaches precision and recall of at least 0.95", () => {
    const built = ["dist/cli.js", "dist/kernel.js", "dist/runtime/index.js"].map((f) => path.join(root, f));
    assert.ok(built.every(existsSync), "build first: npm run build");
    const oldestBuild = Math.min(...built.map((f) => statSync(f).mtimeMs));
    const sources = Math.max(...["src/cli", "src/kernel", "src/runtime", "src/lint"].map((d) => newestSource(path.join(root, d))));
    assert.ok(oldestBuild >= sources, "dist/ is older than src/: run npm run build");
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
