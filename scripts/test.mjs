// `npm test`: everything that must pass before a change lands, in order: the build, the type
// check, the unit tests (mocha, see .mocharc.json) and the integration suite inside a real
// VS Code (scripts/vscode/run-integration.mjs, which installs that VS Code on first use), then
// its untrusted-workspace part in a second VS Code with workspace trust on.
// Ends with the counts of each part and one total line `N passed, N failed`; exits 1 when
// anything failed. A failed build or type check counts as one failure.
//   node scripts/test.mjs [--skip-integration]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const skipIntegration = process.argv.includes("--skip-integration");
const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), "aibook-test-"));
const parts = [];

/** Runs one step with its output on the console; returns its exit status and duration. */
function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${[command, ...args].join(" ")}`);
  const started = Date.now();
  const res = spawnSync(command, args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  const seconds = (Date.now() - started) / 1000;
  const ok = res.status === 0;
  if (res.error) console.error(`${title}: ${res.error.message}`);
  return { ok, seconds };
}

/** A step that must simply succeed (build, type check). */
function check(title, command, args) {
  const { ok, seconds } = step(title, command, args);
  parts.push({ title, passed: 0, failed: ok ? 0 : 1, summary: ok ? "ok" : "FAILED", seconds });
  return ok;
}

/** A step that runs tests and writes their counts to $AIBOOK_TEST_RESULT. */
function tests(title, command, args) {
  const resultFile = path.join(resultDir, `${title}.json`);
  const { ok, seconds } = step(title, command, args, { AIBOOK_TEST_RESULT: resultFile });
  let result;
  try { result = JSON.parse(fs.readFileSync(resultFile, "utf8")); } catch {}
  if (!result) {
    parts.push({ title, passed: 0, failed: 1, summary: "FAILED before reporting any test", seconds });
    return;
  }
  let { passed, failed } = result;
  // a run that exits non-zero with no failed test (a crash after the report) is still a failure
  if (!ok && failed === 0) failed = 1;
  const notes = [];
  if (result.vscodeVersion) notes.push(`in VS Code ${result.vscodeVersion} (${result.appName})`);
  if (result.pending) notes.push(`${result.pending} pending`);
  parts.push({ title, passed, failed, summary: [`${passed} passed, ${failed} failed`, ...notes].join(", "), seconds });
}

const npm = "npm";
const built = check("build", npm, ["run", "build"]);
check("typecheck", npm, ["run", "typecheck"]);
tests("unit", npm, ["run", "test:unit", "--", "--reporter", "./scripts/test/unit-reporter.cjs"]);
if (skipIntegration) {
  console.log("\n=== integration: skipped (--skip-integration)");
} else if (built) {
  tests("integration", process.execPath, ["scripts/vscode/run-integration.mjs", "--no-build"]);
  // A second VS Code with workspace trust on and the folder not trusted: nothing may run there.
  tests("untrusted", process.execPath, ["scripts/vscode/run-integration.mjs", "--no-build", "--untrusted"]);
} else {
  parts.push({ title: "integration", passed: 0, failed: 1, summary: "not run: the build failed", seconds: 0 });
}
fs.rmSync(resultDir, { recursive: true, force: true });

console.log("\n=== summary");
for (const p of parts) console.log(`${p.title.padEnd(12)} ${p.summary} (${p.seconds.toFixed(1)} s)`);
const passed = parts.reduce((n, p) => n + p.passed, 0);
const failed = parts.reduce((n, p) => n + p.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
