/**
 * Entry of the integration suite: VS Code's extension host calls `run()` (code-server's
 * `extensionTestsPath` payload, or `--extensionTestsPath` under @vscode/test-electron).
 * It runs every `test/integration/*.test.ts` (esbuild builds each to
 * `dist/test/integration/<name>.test.js`; a new file needs no other change) with mocha's
 * `suite`/`test` interface, reports each test, and ends with one line that names the VS Code
 * version and the counts. A failure rejects, so the extension host exits non-zero.
 *
 * The report goes to the file in $AIBOOK_TEST_LOG when it is set (the runner streams that
 * file), else to the console; $AIBOOK_TEST_RESULT, when set, receives the counts as JSON;
 * $AIBOOK_TEST_GREP (a regular expression) runs only the tests whose full title matches.
 * $AIBOOK_TEST_TRUST=untrusted (a workspace that is not trusted) runs only `untrusted*.test.ts`;
 * otherwise those are left out.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import * as vscode from "vscode";

const EXTENSION_ID = "aibook.aibook";

/** What the runner reads back after the extension host has exited. */
export interface IntegrationResult {
  vscodeVersion: string;
  appName: string;
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

function reportLine(line: string): void {
  const file = process.env.AIBOOK_TEST_LOG;
  if (file) fs.appendFileSync(file, line + "\n");
  else console.log(line);
}

/** Mocha reporter: one line per test, the error of each failure, counts kept for the summary. */
function makeReporter(result: IntegrationResult) {
  const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;
  return class LineReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      let depth = 0;
      runner.on(EVENT_SUITE_BEGIN, (suite) => {
        if (suite.title) reportLine(`${"  ".repeat(depth)}${suite.title}`);
        depth++;
      });
      runner.on(EVENT_SUITE_END, () => depth--);
      runner.on(EVENT_TEST_PASS, (test) => {
        result.passed++;
        reportLine(`${"  ".repeat(depth)}ok   ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_FAIL, (test, err: Error) => {
        result.failed++;
        const error = err?.stack || String(err);
        result.failures.push({ title: test.fullTitle(), error });
        reportLine(`${"  ".repeat(depth)}FAIL ${test.title}`);
        // the message and the first frames; the full stack is in the result file
        const shown = error.split("\n").slice(0, 8);
        reportLine(shown.map((l) => `${"  ".repeat(depth + 3)}${l}`).join("\n"));
      });
    }
  };
}

/** The extension under test, activated before any test runs (activation errors fail the run). */
async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this VS Code`);
  await extension.activate();
}

export async function run(): Promise<void> {
  const result: IntegrationResult = {
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    passed: 0,
    failed: 0,
    failures: [],
  };
  reportLine(`integration suite in ${vscode.env.appName} ${vscode.version} (extension host: Node ${process.version})`);
  try {
    await activateExtension();
    const untrusted = process.env.AIBOOK_TEST_TRUST === "untrusted";
    const files = fs.readdirSync(__dirname).filter((f) => f.endsWith(".test.js") && f.startsWith("untrusted") === untrusted).sort();
    if (files.length === 0) throw new Error(`no *.test.js files next to ${__filename}: run the build first`);
    const mocha = new Mocha({ ui: "tdd", timeout: 60_000, color: false, reporter: makeReporter(result) });
    if (process.env.AIBOOK_TEST_GREP) mocha.grep(new RegExp(process.env.AIBOOK_TEST_GREP));
    for (const f of files) mocha.addFile(path.join(__dirname, f));
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
  } catch (e) {
    result.failed++;
    const error = e instanceof Error ? e.stack || e.message : String(e);
    result.failures.push({ title: "integration suite set-up", error });
    reportLine(`FAIL integration suite set-up\n${error}`);
  }
  reportLine(`VS Code ${result.vscodeVersion} (${result.appName}): ${result.passed} passed, ${result.failed} failed`);
  if (process.env.AIBOOK_TEST_RESULT) fs.writeFileSync(process.env.AIBOOK_TEST_RESULT, JSON.stringify(result, null, 2) + "\n");
  if (result.failed > 0 || result.passed === 0) {
    throw new Error(`integration suite: ${result.failed} failed, ${result.passed} passed`);
  }
}
