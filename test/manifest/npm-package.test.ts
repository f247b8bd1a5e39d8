/**
 * The npm package holds what its manifest points at. dist/ is git-ignored and npm falls back to
 * .gitignore when there is no .npmignore, so `npm pack` used to leave out dist/ entirely: after
 * installing the tarball, `import { loadModel } from "aibook"` (a saved model in production) and
 * the `aibook` command both failed with "Cannot find module". The check packs a copy of the
 * manifest and ignore files over placeholder files, so it needs no build.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

/** Every file the manifest names: exports (all conditions), main, types, bin. */
function namedFiles(): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.add(v.replace(/^\.\//, ""));
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.main);
  walk(manifest.types);
  walk(manifest.bin);
  return [...out];
}

describe("npm package contents", function () {
  this.timeout(60_000);

  it("npm pack includes every file the manifest points at, and no tests or sources", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aibook-pack-"));
    for (const f of ["package.json", ".gitignore", ".npmignore"]) if (existsSync(path.join(root, f))) copyFileSync(path.join(root, f), path.join(dir, f));
    const placeholders = [...namedFiles(), "dist/cli.js", "dist/kernel.js", "dist/runtime/index.js", "dist/test/x.js", "src/runtime/index.ts", "test/x.test.ts", "node_modules/x/index.js"];
    for (const f of placeholders) {
      if (existsSync(path.join(dir, f))) continue;
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), "");
    }
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = JSON.parse(execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
    const files = new Set<string>(packed[0].files.map((f: { path: string }) => f.path));
    for (const f of [...namedFiles(), "dist/cli.js", "dist/kernel.js"]) assert.ok(files.has(f), `${f} is named by package.json or loaded by it but is not in the package`);
    for (const f of ["dist/test/x.js", "src/runtime/index.ts", "test/x.test.ts"]) assert.ok(!files.has(f), `${f} should not be in the package`);
  });
});
