// The pitfall rules' documentation as markdown files, dist/rules/<rule-id>.md, written from each
// rule's `meta.docs` (src/lint/rules). The language server links every pitfall diagnostic's code
// to its file, and the "Learn about <rule>" quick fix opens it. Called by esbuild.mjs.
//   node scripts/build-rule-docs.mjs
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "src", "lint", "rules", "index.ts");

if (existsSync(entry)) {
  // Bundled into the checkout's node_modules/.cache so that `typescript` resolves when it loads.
  const cache = path.join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, "aibook-rule-docs-"));
  try {
    const outfile = path.join(dir, "rules.cjs");
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: "node", format: "cjs", external: ["typescript"], logLevel: "warning" });
    const { staticRules } = createRequire(path.join(root, "package.json"))(outfile);
    const out = path.join(root, "dist", "rules");
    mkdirSync(out, { recursive: true });
    for (const rule of staticRules) {
      if (!rule.meta.docs?.trim()) throw new Error(`rule ${rule.meta.id} has no docs`);
      writeFileSync(path.join(out, `${rule.meta.id}.md`), rule.meta.docs.trimEnd() + "\n");
    }
    // The runtime rules (src/runtime/checks) have their docs, with thresholds, in the same place.
    const runtimeEntry = path.join(root, "src", "runtime", "checks", "index.ts");
    let runtimeCount = 0;
    if (existsSync(runtimeEntry)) {
      const runtimeOut = path.join(dir, "runtime-rules.cjs");
      await esbuild.build({ entryPoints: [runtimeEntry], outfile: runtimeOut, bundle: true, platform: "node", format: "cjs", external: ["typescript", "danfojs-node", "@tensorflow/*"], logLevel: "warning" });
      const { runtimeRules } = createRequire(path.join(root, "package.json"))(runtimeOut);
      for (const rule of runtimeRules) {
        if (!rule.docs?.trim()) throw new Error(`rule ${rule.id} has no docs`);
        writeFileSync(path.join(out, `${rule.id}.md`), rule.docs.trimEnd() + "\n");
      }
      runtimeCount = runtimeRules.length;
    }
    console.log(`build-rule-docs: ${staticRules.length + runtimeCount} rule docs in dist/rules`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
