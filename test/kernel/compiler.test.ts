import assert from "node:assert/strict";
import vm from "node:vm";
import { CellSyntaxError, compileCell, type CompileOptions } from "../../src/kernel/compiler/compileCell";
import { mapStack } from "../../src/kernel/host/stack";

/** Runs cells one after another in one fresh context, as the kernel does in its own. */
function notebook(options: CompileOptions, modules: Record<string, unknown> = {}) {
  const imported: string[] = [];
  const load = async (name: string) => {
    imported.push(name);
    if (!(name in modules)) throw new Error(`no module ${name}`);
    return modules[name];
  };
  const context = vm.createContext({ __aibook: { import: load, defaultOf: (ns: { default?: unknown }) => ns.default ?? ns }, __aimp: load });
  return {
    imported,
    async run(source: string, filename = "aibook-cell-1.js"): Promise<unknown> {
      const result = (await vm.runInContext(compileCell(source, "typescript", options).code, context, { filename })) as { value: unknown } | undefined;
      // Values of the other realm compare by their JSON (their prototypes differ from ours).
      return result?.value === undefined ? undefined : JSON.parse(JSON.stringify(result.value));
    },
  };
}

/** Both ways of compiling must give the same notebook semantics. */
for (const [way, options] of [["erasing types", {}], ["the emitter", { emitter: true }]] as const) {
  describe(`cell compiler, by ${way}`, () => {
    it("shares const, let, function, class and enum declarations with later cells", async () => {
      const nb = notebook(options);
      await nb.run("const a: number = 2;\nlet b = 3;\nfunction twice(x: number) { return 2 * x; }\nclass Box<T> { constructor(v: T) { this.v = v; } v: T; }");
      assert.equal(await nb.run("twice(a) + b + new Box(4).v"), 11);
    });

    it("replaces a binding declared again instead of failing", async () => {
      const nb = notebook(options);
      await nb.run("const x = 1;");
      await nb.run("const x = 'two';");
      assert.equal(await nb.run("x"), "two");
      await nb.run("let x: number[] = [];");
      assert.deepEqual(await nb.run("x.length"), 0);
      await nb.run("class x {}\n");
      assert.equal(await nb.run("typeof x"), "function");
    });

    it("keeps functions of earlier cells bound to names a later cell assigns", async () => {
      const nb = notebook(options);
      await nb.run("let counter = 0;\nfunction bump() { counter += 1; return counter; }");
      await nb.run("counter = 10;");
      assert.equal(await nb.run("bump()"), 11);
    });

    it("hoists functions within the cell", async () => {
      const nb = notebook(options);
      assert.equal(await nb.run("const early = later();\nfunction later() { return 'hoisted'; }\nearly"), "hoisted");
    });

    it("destructures into shared names", async () => {
      const nb = notebook(options);
      await nb.run("const { p, q: [first, ...rest] = [] } = { p: 1, q: [2, 3, 4] }, plain = 5;\nlet [u, , w = 9] = [7, 8];");
      assert.deepEqual(await nb.run("[p, first, rest, plain, u, w]"), [1, 2, [3, 4], 5, 7, 9]);
    });

    it("supports top-level await and returns the last expression's value", async () => {
      const nb = notebook(options);
      assert.equal(await nb.run("const v = await Promise.resolve(41);\nv + 1"), 42);
      assert.equal(await nb.run("const w = 1;"), undefined);
      assert.equal(await nb.run("const z = 1; z + 1 // a comment"), 2);
      assert.equal(await nb.run("let n = 0;\nfor (const i of [1, 2]) n += i;\n\nn\ninterface Later {}"), 3);
      assert.equal(await nb.run("const m = 2\r\nm\r\nm * 2"), 4);
    });

    it("turns static and dynamic imports into kernel loads with default, named and namespace bindings", async () => {
      const mod = { default: "D", alpha: 1, beta: 2 };
      const nb = notebook(options, { mod, other: { gamma: 3 } });
      await nb.run('import d, { alpha, beta as b, type Hidden } from "mod";\nimport * as ns from "other";\nimport type { Nothing } from "types-only";');
      assert.deepEqual(await nb.run("[d, alpha, b, ns.gamma]"), ["D", 1, 2, 3]);
      assert.equal(await nb.run('(await import("other")).gamma'), 3);
      assert.deepEqual(nb.imported, ["mod", "other", "other"]);
    });

    it("keeps an import whose names only later cells use", async () => {
      const nb = notebook(options, { mod: { alpha: 5 } });
      await nb.run('import { alpha } from "mod";');
      assert.equal(await nb.run("alpha"), 5);
    });

    it("strips TypeScript-only syntax", async () => {
      const nb = notebook(options);
      const source = [
        "interface P { x: number }",
        "type Id<T> = T;",
        "declare const external: string;",
        "function id<T>(v: T): T;",
        "function id<T>(this: unknown, v: T): T { return v; }",
        "abstract class Shape<T extends object = {}> implements P {",
        "  x = 1;",
        "  private readonly label?: string;",
        "  declare tag: string;",
        "  total!: number;",
        "  abstract area(): number;",
        "  public describe(prefix?: string): string { return `${prefix ?? ''}${this.area()}`; }",
        "}",
        "class Square extends Shape<{}> { constructor(protected side: number) { super(); }\n  override area(): number { return this.side ** 2; } }",
        "const p = { x: 1 } satisfies P;",
        "const maybe: number[] | undefined = [4];",
        "const arrow = async <T,>(value: T): Promise<T> => value;",
        "const cast = <number>(maybe![0] as unknown);",
        "[id<number>(p.x as number), new Square(3).describe('area '), await arrow(cast), typeof external]",
      ].join("\n");
      assert.deepEqual(await nb.run(source.replace("typeof external", "'declared'")), [1, "area 9", 4, "declared"]);
      const withoutParameterProperty = source.replace("constructor(protected side: number) { super(); }", "side: number;\n  constructor(side: number) { super(); this.side = side; }");
      assert.equal(compileCell(withoutParameterProperty, "typescript", options).via, "emitter" in options ? "emitted" : "erased");
      assert.deepEqual(await nb.run(withoutParameterProperty.replace("typeof external", "'declared'")), [1, "area 9", 4, "declared"]);
    });

    it("names the line and column of a syntax error", () => {
      assert.throws(
        () => compileCell("const ok = 1;\nconst broken = ;", "typescript", options),
        (error: unknown) => error instanceof CellSyntaxError && error.line === 2 && error.column === 16,
      );
    });

    it("maps stack frames back to the cell's own lines and columns", async () => {
      const source = "type Row = { a: number };\nconst rows: Row[] = [];\n\nfunction first(): number {\n  return (rows[0] as Row).a;\n}\nfirst()";
      const compiled = compileCell(source, "typescript", options);
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
}

describe("cell compiler, erasing types gives what the emitter gives", () => {
  const snippets = [
    "const f = (a: number, b?: string): string => `${a}${b ?? ''}`;\nf(1, 'x')",
    "({ m(x: number): number { return x * 3; } }).m(2)",
    "new Map<string, Array<number>>([['a', [1, 2]]]).get('a')",
    "let definite!: number;\ndefinite = 3;\ndefinite",
    "const o: { a?: { b: number } } = {};\no.a?.b ?? 'none'",
    "class Counter { static made = 0; #count: number = 0; get count(): number { return this.#count; } add(by: number = 1): this { this.#count += by; Counter.made++; return this; } }\nnew Counter().add().add(2).count",
    "const seen: string[] = [];\nfor (const [k, v] of Object.entries({ a: 1, b: 2 } as Record<string, number>)) seen.push(`${k}=${v}`);\nseen",
    "const make = () => ({ a: 1 });\nmake()",
    "async function* gen(limit: number): AsyncGenerator<number> { for (let i = 0; i < limit; i++) yield i; }\nconst got: number[] = [];\nfor await (const v of gen(3)) got.push(v);\ngot",
    "let caught = '';\ntry { throw new Error('x'); } catch (e: unknown) { caught = (e as Error).message; }\ncaught",
    "const text = 'a: number, <T>(x)';\ntext",
    "let a /* : */: number = 1;\nexport const exported: number = a + 1;\nexport type { };\nexported",
    "const tuple: [x: number, y?: string] = [1];\nconst fn = function <T extends unknown[]>(...items: T): number { return items.length; };\nfn(...tuple, 2)",
    "type Shape = { kind: 'circle'; r: number } | { kind: 'square'; s: number };\nconst area = (shape: Shape): number => shape.kind === 'circle' ? Math.round(shape.r ** 2 * Math.PI) : shape.s ** 2;\n[area({ kind: 'circle', r: 1 }), area({ kind: 'square', s: 2 })]",
    "outer: for (const i of [1, 2, 3]) { for (const j of [1, 2]) { if (i * j === 4) break outer; } }\n'done'",
    "const values = [3, 1, 2].sort((x: number, y: number): number => x - y)\nvalues",
    "let joined = 0\ninterface Gap {}\n[1, 2].forEach((v) => (joined += v))\njoined",
    "let total = 1\ntype Gap = number\n;(() => { total += 1 })()\ntotal",
    "const inner = (): number => {\n  let x: number\n  x = 2\n  const y = x as number\n  [x].forEach(() => {})\n  return y\n}\ninner()",
    "class Quiet { size = 1\n  declare hidden: string\n  ['computed']() { return this.size }\n}\nnew Quiet().computed()",
  ];
  for (const snippet of snippets) {
    it(snippet.split("\n")[0], async () => {
      assert.equal(compileCell(snippet).via, "erased");
      const erased = await notebook({}).run(snippet);
      assert.notEqual(erased, undefined);
      assert.deepEqual(erased, await notebook({ emitter: true }).run(snippet));
    });
  }
});

describe("cell compiler, choosing the way", () => {
  it("erases types in place for ordinary cells and keeps their lines", () => {
    const compiled = compileCell("const a: number = 1;\nconsole.log(a as number);");
    assert.equal(compiled.via, "erased");
    assert.match(compiled.code.split("\n")[2], /^console\.log\(a {10}\)\) };$/);
  });

  it("uses the emitter for syntax that needs generated code: enums, namespaces, parameter properties", () => {
    assert.equal(compileCell("enum Color { Red }").via, "emitted");
    assert.equal(compileCell("namespace N { export const x = 1; }").via, "emitted");
    assert.equal(compileCell("class P { constructor(private x: number) {} }").via, "emitted");
  });

  it("maps columns after an edit that lengthened the line", async () => {
    const source = "const a = 1; null!.boom";
    const compiled = compileCell(source);
    let stack = "";
    try {
      await vm.runInContext(compiled.code, vm.createContext({}), { filename: "aibook-cell-3.js" });
    } catch (error) {
      stack = (error as Error).stack ?? "";
    }
    const mapped = mapStack(stack, new Map([[3, { label: "cell 3", map: compiled.map }]]), 3, []);
    assert.deepEqual(mapped.position, { line: 1, column: source.indexOf("boom") + 1 });
  });
});
