import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Mime } from "../../src/protocol/mime";
import type { CellOutput, CellResult, KernelSession } from "../../src/kernel/session";
import { sourceKernel } from "./sourceKernel";

function textOf(result: CellResult): string | undefined {
  return result.status === "ok" ? (result.value?.find((item) => item.mime === Mime.text)?.data as string | undefined) : undefined;
}

describe("kernel process", function () {
  let dir: string;
  let kernel: KernelSession;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aibook-kernel-"));
    writeFileSync(path.join(dir, "numbers.txt"), "1,2,3\n");
    mkdirSync(path.join(dir, "node_modules", "greeting"), { recursive: true });
    writeFileSync(path.join(dir, "node_modules", "greeting", "index.js"), "exports.greet = (name) => `hello ${name}`;\n");
    kernel = sourceKernel(dir);
  });
  after(() => {
    kernel.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps state across cells and shows the last value", async () => {
    await kernel.execute("const base: number = 40;");
    assert.equal(textOf(await kernel.execute("base + 2")), "42");
  });

  it("streams output in order while the cell runs, before its result", async () => {
    const seen: { output: CellOutput; at: number }[] = [];
    const run = kernel.execute("console.log('epoch 1');\nprocess.stderr.write('warn\\n');\nawait new Promise((r) => setTimeout(r, 1000));\nconsole.log('epoch 2');\n'end'", {
      onOutput: (output) => seen.push({ output, at: Date.now() }),
    });
    const result = await run;
    const ended = Date.now();
    assert.equal(textOf(result), "'end'");
    assert.deepEqual(
      seen.map((s) => s.output),
      [
        { kind: "stream", name: "stdout", text: "epoch 1\n" },
        { kind: "stream", name: "stderr", text: "warn\n" },
        { kind: "stream", name: "stdout", text: "epoch 2\n" },
      ],
    );
    assert.ok(ended - seen[0].at >= 500, "the first line arrived only when the cell ended");
  });

  it("shows output of an earlier cell's timer in the cell running when it comes", async () => {
    await kernel.execute("setTimeout(() => console.log('late'), 100);");
    const outputs: CellOutput[] = [];
    await kernel.execute("await new Promise((r) => setTimeout(r, 400));", { onOutput: (o) => outputs.push(o) });
    assert.deepEqual(outputs, [{ kind: "stream", name: "stdout", text: "late\n" }]);
  });

  it("shows output that comes while no cell runs in the cell that ran last, not in an earlier one", async () => {
    const first: CellOutput[] = [];
    const last: CellOutput[] = [];
    await kernel.execute("setTimeout(() => console.log('tick'), 150);", { onLateOutput: (o) => first.push(o) });
    await kernel.execute("setTimeout(() => { process.stderr.write('tock\\n'); display({ n: 1 }); }, 50); 'ends first'", { onLateOutput: (o) => last.push(o) });
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(first, []);
    assert.deepEqual(last, [
      { kind: "stream", name: "stderr", text: "tock\n" },
      { kind: "display", items: [{ mime: Mime.text, data: "{ n: 1 }" }] },
      { kind: "stream", name: "stdout", text: "tick\n" },
    ]);
  });

  it("runs the WebAssembly-backed models again after a fit was interrupted in the middle", async () => {
    // Noise without clusters: Lloyd needs hundreds of iterations, each a WebAssembly call.
    await kernel.execute('import { KMeans } from "aibook";\nlet s = 7;\nconst noise = Array.from({ length: 200000 }, () => Array.from({ length: 20 }, () => (s = (s * 48271) % 2147483647) / 2147483647));');
    const long = kernel.execute("new KMeans({ k: 50, seed: 0, maxIter: 100000, tol: 0 }).fit(noise)");
    await new Promise((r) => setTimeout(r, 1500));
    kernel.interrupt();
    assert.equal((await long).status, "interrupted");
    const after = await kernel.execute("const l = new KMeans({ k: 2, seed: 0 }).fit([[0], [1], [5], [6]]).labels;\nl[0] === l[1] && l[2] === l[3] && l[0] !== l[2]");
    assert.equal(textOf(after), "true", JSON.stringify(after));
  });

  it("shows display() values as outputs of the running cell", async () => {
    const outputs: CellOutput[] = [];
    await kernel.execute("display({ a: 1 }, { toMimeBundle: () => [{ mime: 'text/html', data: '<b>x</b>' }] })", { onOutput: (o) => outputs.push(o) });
    assert.deepEqual(outputs[0], { kind: "display", items: [{ mime: Mime.text, data: "{ a: 1 }" }] });
    assert.equal(outputs[1].kind === "display" && outputs[1].items[0].mime, "text/html");
  });

  it("resolves relative paths and packages from the notebook's folder, and node: modules", async () => {
    const result = await kernel.execute('import { readFileSync } from "node:fs";\nimport { greet } from "greeting";\ngreet(readFileSync("numbers.txt", "utf8").trim())');
    assert.equal(textOf(result), "'hello 1,2,3'");
  });

  it("loads the aibook runtime and the packages shipped with the extension", async () => {
    const result = await kernel.execute('import * as aibook from "aibook";\nimport { DataFrame } from "danfojs-node";\nconst df = new DataFrame({ x: [1, 2], y: ["a", "b"] });\n[typeof aibook.readCsv, df]');
    assert.equal(result.status, "ok");
    const single = await kernel.execute("df");
    assert.equal(single.status === "ok" && single.value?.[0].mime, Mime.table);
    const table = single.status === "ok" ? (single.value?.[0].data as { columns: { name: string }[]; data: unknown[][]; rowCount: number }) : undefined;
    assert.deepEqual(table?.columns.map((c) => c.name), ["x", "y"]);
    assert.deepEqual(table?.data, [[1, 2], ["a", "b"]]);
    assert.equal(textOf(await kernel.execute("typeof aibook.readCsv")), "'function'");
  });

  it("reports an error with the line and column inside the cell", async () => {
    const result = await kernel.execute("const list: number[] = [];\n\nlist.at(0)!.toFixed(2);");
    assert.equal(result.status, "error");
    if (result.status !== "error") return;
    assert.equal(result.error.name, "TypeError");
    // V8 places a failed property read at the dot of `.toFixed`; the `!` before it is not in the generated code.
    assert.deepEqual([result.error.line, result.error.column], [3, 12]);
    assert.doesNotMatch(result.error.stack, /executor|kernel\/main|node:internal/);
  });

  it("shows a runtime refusal with the cell's frames only, and other errors with the runtime's frames too", async () => {
    const refused = await kernel.execute(
      'import { LogisticRegression, crossValidate } from "aibook";\nfunction train(X: number[][]) {\n  return new LogisticRegression().fit(X, [0, 1, 0]);\n}\ntrain([[1], [NaN], [2]]);',
      { label: "cell 21" },
    );
    assert.equal(refused.status, "error");
    if (refused.status !== "error") return;
    assert.equal(refused.error.name, "MissingValuesError");
    const frames = refused.error.stack.split("\n").filter((line) => /^\s+at /.test(line));
    assert.deepEqual(frames.map((f) => f.trim()), ["at train (cell 21:3:35)", "at cell 21:5:1"]);
    // A model of the notebook's own that breaks inside crossValidate: where the runtime called it is worth seeing.
    const broken = await kernel.execute(
      "const odd = { estimatorName: 'Odd', fit() { throw new TypeError('odd fit'); }, predict() { return []; }, clone() { return odd; } };\ncrossValidate(odd as never, [[1], [2], [3], [4]], [1, 2, 3, 4], { folds: 2 });",
      { label: "cell 22" },
    );
    assert.equal(broken.status, "error");
    if (broken.status !== "error") return;
    assert.match(broken.error.stack, /at Object\.fit \(cell 22:1:\d+\)\n(\s+at .*\n)*\s+at .*crossValidate/);
  });

  it("names the cell's line for an error thrown many frames deep inside the runtime", async () => {
    // A text target reaching a GLM inside a pipeline is refused ten frames down: past V8's default stack depth.
    const result = await kernel.execute(
      'import { pipeline, StandardScaler, GLM } from "aibook";\nconst X = [[1, 2], [2, 3], [3, 5], [4, 4]];\n\nconst m = pipeline(new StandardScaler(), new GLM({ family: "binomial" })).fit(X, ["no", "yes", "no", "yes"]);',
      { label: "cell 23" },
    );
    assert.equal(result.status, "error");
    if (result.status !== "error") return;
    assert.equal(result.error.name, "AibookError");
    assert.equal(result.error.line, 4);
    assert.match(result.error.stack, /at cell 23:4:\d+/);
  });

  it("reports the error's position again when the same cell runs again (its script is reused)", async () => {
    for (const label of ["cell 4", "cell 4", "cell 9"]) {
      const result = await kernel.execute("const empty: string[] = [];\nempty[0]!.trim();", { label });
      assert.equal(result.status, "error");
      if (result.status !== "error") return;
      assert.deepEqual([result.error.line, result.error.column], [2, 11]);
      assert.match(result.error.stack, new RegExp(`at ${label}:2:11`));
    }
  });

  it("compiles with TypeScript's emitter when V8 refuses a script made by erasing types", async () => {
    // Auto-accessors are newer than Node 20's V8: erasing keeps them, the emitter rewrites them.
    const result = await kernel.execute("class Box { accessor size = 2; }\nnew Box().size * 21");
    assert.equal(textOf(result), "42");
  });

  it("names the line of a syntax error that only V8 finds", async () => {
    const result = await kernel.execute("const fine = 1;\nfunction notAsync() {\n  await fine;\n}");
    assert.equal(result.status, "error");
    if (result.status !== "error") return;
    assert.equal(result.error.name, "SyntaxError");
    assert.equal(result.error.line, 3);
  });

  it("interrupts a synchronous endless loop and keeps the state", async () => {
    await kernel.execute("const kept = 'still here';");
    const run = kernel.execute("while (true) {}");
    setTimeout(() => kernel.interrupt(), 200);
    const result = await run;
    assert.deepEqual(result.status === "interrupted" && result.restarted, false);
    assert.equal(textOf(await kernel.execute("kept")), "'still here'");
  });

  it("interrupts an await that never settles and keeps the state", async () => {
    const run = kernel.execute("await new Promise(() => {});");
    setTimeout(() => kernel.interrupt(), 200);
    const result = await run;
    assert.deepEqual(result.status === "interrupted" && result.restarted, false);
    assert.equal(textOf(await kernel.execute("kept")), "'still here'");
  });

  it("interrupts a loop that starts after an await and keeps the state", async () => {
    const run = kernel.execute("await new Promise((r) => setTimeout(r, 20));\nwhile (true) {}");
    setTimeout(() => kernel.interrupt(), 200);
    const result = await run;
    assert.deepEqual(result.status === "interrupted" && result.restarted, false);
    assert.equal(textOf(await kernel.execute("kept")), "'still here'");
  });

  it("restarts the kernel when a cell stuck in native code does not stop, and says so", async () => {
    const run = kernel.execute('import { execFileSync } from "node:child_process";\nexecFileSync("sleep", ["5"]);');
    setTimeout(() => kernel.interrupt(), 200);
    const result = await run;
    assert.deepEqual(result.status === "interrupted" && result.restarted, true);
    assert.equal(textOf(await kernel.execute("typeof kept")), "'undefined'");
  });

  it("ends a cell that kills the process with the reason, and starts a new kernel next time", async () => {
    const result = await kernel.execute("process.exit(3)");
    assert.deepEqual(result.status === "died" && result.reason.includes("code 3"), true);
    assert.equal(textOf(await kernel.execute("1 + 1")), "2");
  });

  it("restart gives a clean process", async () => {
    await kernel.execute("const before = 1;");
    await kernel.restart();
    assert.equal(textOf(await kernel.execute("typeof before")), "'undefined'");
  });

  it("a restart while the kernel starts ends the waiting cell instead of hanging it", async () => {
    const fresh = sourceKernel(dir);
    try {
      const waiting = fresh.execute("1 + 1");
      await new Promise((resolve) => setImmediate(resolve)); // the cell now waits for the process
      await fresh.restart();
      const result = await waiting;
      assert.deepEqual(result.status === "died" && result.reason, "the kernel was restarted");
      assert.equal(textOf(await fresh.execute("1 + 1")), "2");
    } finally {
      fresh.dispose();
    }
  });

  it("reports the kernel's state to listeners", async () => {
    const states: string[] = [];
    kernel.on("state", (state) => states.push(state));
    await kernel.execute("1");
    assert.deepEqual(states, ["busy", "idle"]);
  });
});
