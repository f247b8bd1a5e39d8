// `npm run bench`: runs every benchmark in scripts/bench/*.mjs, one after the other, with its
// output on the console. Each benchmark prints its own figures (ratios against a reference it
// measures in the same run). Exits 1 when one of them fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = path.join(repoRoot, "scripts", "bench");
const benches = fs.existsSync(benchDir) ? fs.readdirSync(benchDir).filter((f) => f.endsWith(".mjs")).sort() : [];
if (benches.length === 0) {
  console.log("bench: no benchmarks yet (scripts/bench/*.mjs)");
  process.exit(0);
}
const failed = [];
for (const file of benches) {
  console.log(`\n=== bench ${file}`);
  const res = spawnSync(process.execPath, [path.join(benchDir, file)], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  if (res.status !== 0) failed.push(`${file} (exit ${res.status ?? res.signal})`);
}
console.log(`\nbench: ${benches.length - failed.length} of ${benches.length} ran${failed.length ? `; failed: ${failed.join(", ")}` : ""}`);
process.exit(failed.length ? 1 : 0);
