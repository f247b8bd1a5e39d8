import assert from "node:assert/strict";
import vm from "node:vm";
import { CellSyntaxError, compileCell } from "../../src/kernel/compiler/compileCell";
import { mapStack } from "../../src/kernel/host/stack";

/** Runs cells one after another in one fresh context, as the kernel does in its own. */
function notebook(modules: Record<string, unknown> = {}) {
  const imported: string[] = [];
  const context = vm.createContext({
    __aibook: {
      import: async (name: string) => {
        imported.push(name);
        if (!(name in modules)) throw new Error(`no module ${name}`);
        return modules[name];
      },
      defaultOf: (ns: { default?: unknown }) => ns.default ?? ns,
    },
  });
  return {
    imported,
    async run(source: string, filename = "aibook-cell-1.js"): Promise<unknown> {
      const result = (await vm.runInContext(compileCell(source).code, context, { filename })) as { value: unknown } | undefined;
      // Values of the other realm compare by their JSON (their prototypes differ from ours).
      return result?.value === undefined ? undefined : JSON.parse(JSON.stringify(result.value));
    },
  };
}

describe("cell compiler", () => {
  it("shares const, let, function, class and enum declarations with later cells", async () => {
    const nb = notebook();
    await nb.run("const a: number = 2;\nlet b = 3;\nfunction twice(x: number) { return 2 * x; }\nclass Box<T> { constructor(readonly v: T) {} }\nenum Color { Red, Green }");
    assert.equal(await nb.run("twice(a) + b + new Box(4).v + Color.Green"), 12);
  });

  it("replaces a binding declared again instead of failing", async () => {
    const nb = notebook();
    await nb.run("const x = 1;");
    await nb.run("const x = 'two';");
    assert.equal(await nb.run("x"), "two");
    await nb.run("let x: number[] = [];");
    assert.deepEqual(await nb.run("x.length"), 0);
  });

  it("keeps functions of earlier cells bound to names a later cell assigns", async () => {
    const nb = notebook();
    await nb.run("let counter = 0;\nfunction bump() { counter += 1; return counter; }");
    await nb.run("counter = 10;");
    assert.equal(await nb.run("bump()"), 11);
  });

  it("destructures into shared names", async () => {
    const nb = notebook();
    await nb.run("const { p, q: [first, ...rest] = [] } = { p: 1, q: [2, 3, 4] };");
    assert.deepEqual(await nb.run("[p, first, rest]"), [1, 2, [3, 4]]);
  });

  it("supports top-level await and returns the last expression's value", async () => {
    const nb = notebook();
    assert.equal(await nb.run("const v = await Promise.resolve(41);\nv + 1"), 42);
    assert.equal(await nb.run("const w = 1;"), undefined);
  });

  it("turns static and dynamic imports into kernel loads with default, named and namespace bindings", async () => {
    const mod = { default: "D", alpha: 1, beta: 2 };
    const nb = notebook({ mod, other: { gamma: 3 } });
    await nb.run('import d, { alpha, beta as b } from "mod";\nimport * as ns from "other";\nimport type { Nothing } from "types-only";');
    assert.deepEqual(await nb.run("[d, alpha, b, ns.gamma]"), ["D", 1, 2, 3]);
    assert.equal(await nb.run('(await import("other")).gamma'), 3);
    assert.deepEqual(nb.imported, ["mod", "other", "other"]);
  });

  it("keeps an import whose names only later cells use", async () => {
    const nb = notebook({ mod: { alpha: 5 } });
    await nb.run('import { alpha } from "mod";');
    assert.equal(await nb.run("alpha"), 5);
  });

  it("strips TypeScript-only syntax: interfaces, generics, as, satisfies", async () => {
    const nb = notebook();
    const value = await nb.run("interface P { x: number }\nconst p = { x: 1 } satisfies P;\nfunction id<T>(v: T): T { return v; }\nid(p.x as number)");
    assert.equal(value, 1);
  });

  it("names the line and column of a syntax error", () => {
    assert.throws(
      () => compileCell("const ok = 1;\nconst broken = ;"),
      (error: unknown) => error instanceof CellSyntaxError && error.line === 2 && error.column === 16,
    );
  });

  it("maps stack frames back to the cell's own lines through the source map", async () => {
    const source = "type Row = { a: number };\nconst rows: Row[] = [];\n\nfunction first(): number {\n  return (rows[0] as Row).a;\n}\nfirst()";
    const compiled = compileCell(source);
    const context = vm.createContext({ __aibook: {} });
    let stack = "";
    try {
      await vm.runInContext(compiled.code, context, { filename: "aibook-cell-7.js" });
    } catch (error) {
      stack = (error as Error).stack ?? "";
    }
    const mapped = mapStack(stack, new Map([[7, { label: "cell 7", map: compiled.map }]]), 7, []);
    assert.equal(mapped.position?.line, 5);
    assert.equal(mapped.position?.column, 27);
    assert.match(mapped.stack, /at first \(cell 7:5:27\)/);
    assert.match(mapped.stack, /at cell 7:7:1/);
  });
});
