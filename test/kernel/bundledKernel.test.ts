/**
 * The kernel as esbuild bundles it (dist/kernel.js), not under tsx: TypeScript files beside the
 * notebook and ES-only packages must load through the kernel's own resolver.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { KernelSession } from "../../src/kernel/session";
import { Mime } from "../../src/protocol/mime";

const root = path.resolve(__dirname, "../..");

describe("bundled kernel", function () {
  let bundleDir: string;
  let notebookDir: string;
  let kernel: KernelSession;

  before(async () => {
    mkdirSync(path.join(root, "node_modules", ".cache"), { recursive: true });
    bundleDir = mkdtempSync(path.join(root, "node_modules", ".cache", "aibook-test-kernel-"));
    await esbuild.build({ entryPoints: [path.join(root, "src/kernel/main.ts")], outfile: path.join(bundleDir, "kernel.js"), bundle: true, platform: "node", format: "cjs", target: "node20", external: ["typescript"], logLevel: "warning" });
    notebookDir = mkdtempSync(path.join(os.tmpdir(), "aibook-bundled-"));
    writeFileSync(path.join(notebookDir, "helpers.ts"), "export function double(value: number): number {\n  return value * 2;\n}\n");
    const esOnly = path.join(notebookDir, "node_modules", "es-only");
    mkdirSync(esOnly, { recursive: true });
    writeFileSync(path.join(esOnly, "package.json"), JSON.stringify({ name: "es-only", type: "module", exports: { ".": { import: "./index.js" } } }));
    writeFileSync(path.join(esOnly, "index.js"), "export const kind = 'es module';\nexport default function shout(text) { return text.toUpperCase(); }\n");
    kernel = new KernelSession({ notebookDir, kernelPath: path.join(bundleDir, "kernel.js") });
  });
  after(() => {
    kernel.dispose();
    rmSync(bundleDir, { recursive: true, force: true });
    rmSync(notebookDir, { recursive: true, force: true });
  });

  const valueOf = async (source: string) => {
    const result = await kernel.execute(source);
    assert.equal(result.status, "ok", JSON.stringify(result));
    return result.status === "ok" ? result.value?.find((item) => item.mime === Mime.text)?.data : undefined;
  };

  it("imports a TypeScript file beside the notebook", async () => {
    assert.equal(await valueOf('import { double } from "./helpers";\ndouble(21)'), "42");
  });

  it("imports an ES-only package from the notebook's node_modules, statically and dynamically", async () => {
    assert.equal(await valueOf('import shout, { kind } from "es-only";\nshout(kind)'), "'ES MODULE'");
    assert.equal(await valueOf('(await import("es-only")).kind'), "'es module'");
  });

  it("names a module it cannot find and where it looked", async () => {
    const result = await kernel.execute('import { nothing } from "no-such-package";');
    assert.equal(result.status, "error");
    assert.match(result.status === "error" ? result.error.message : "", /Cannot find module "no-such-package" in node_modules from .* upward/);
  });
});
