// Runs `npm ci` when this checkout has no installed packages yet, so that `npm start` and
// `npm test` work on a fresh clone as the README promises (they call this first, as their
// npm `prestart`/`pretest` hooks). Does nothing when node_modules is already installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// npm writes this file at the end of every install
if (!existsSync(path.join(repoRoot, "node_modules", ".package-lock.json"))) {
  console.log("[install-deps] no node_modules yet: running npm ci (once)");
  const res = spawnSync("npm", ["ci"], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  if (res.status !== 0) {
    console.error("[install-deps] npm ci failed");
    process.exit(1);
  }
}
