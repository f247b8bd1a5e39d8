/**
 * For tests that run the built tree (dist/): it must exist and be newer than the sources it is
 * built from, or such a test would pass or fail on old code. npm test builds first.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** `built` and `sources` are relative to the repository root `root`. */
export function assertFreshBuild(root: string, built: string[], sources: string[]): void {
  const files = built.map((f) => path.join(root, f));
  assert.ok(files.every(existsSync), "build first: npm run build");
  const oldestBuild = Math.min(...files.map((f) => statSync(f).mtimeMs));
  const newest = Math.max(...sources.map((d) => newestSource(path.join(root, d))));
  assert.ok(oldestBuild >= newest, `dist/ is older than ${sources.join(", ")}: run npm run build`);
}
