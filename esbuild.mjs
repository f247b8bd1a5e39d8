// Bundles every part of aibook. Node parts are CommonJS (VS Code's extension host loads
// CommonJS; the kernel, server and CLI are spawned as plain node scripts). Browser parts
// (notebook renderers, the metrics webview) are ES modules for the notebook webview.
//   node esbuild.mjs            one build
//   node esbuild.mjs --watch    rebuild on change
import * as esbuild from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

// Runtime libraries stay in node_modules (shipped in the .vsix): they are large, some load
// .wasm files relative to themselves, and user code must share one instance with `aibook`.
const runtimeExternals = [
  "vscode",
  "typescript",
  "danfojs-node",
  "@tensorflow/*",
  "ml-*",
];

const node = (entry, outfile, extra = {}) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: true,
  minify: production,
  external: runtimeExternals,
  logLevel: "warning",
  ...extra,
});

const browser = (entry, outfile) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  sourcemap: production ? false : "inline",
  minify: production,
  logLevel: "warning",
});

const configs = [
  node("src/extension/extension.ts", "dist/extension.js"),
  node("src/kernel/main.ts", "dist/kernel.js"),
  node("src/server/main.ts", "dist/server.js"),
  node("src/cli/main.ts", "dist/cli.js"),
  node("src/runtime/index.ts", "dist/runtime/index.js"),
  node("test/integration/index.ts", "dist/test/integration/index.js", { external: [...runtimeExternals, "mocha"] }),
  browser("webview/main.ts", "dist/webview/main.js"),
];

// One renderer per folder: notebook-renderers/<name>/index.ts -> dist/renderers/<name>.js
if (existsSync("notebook-renderers")) {
  for (const name of readdirSync("notebook-renderers")) {
    const entry = path.join("notebook-renderers", name, "index.ts");
    if (existsSync(entry)) configs.push(browser(entry, `dist/renderers/${name}.js`));
  }
}

// Integration tests: test/integration/<name>.test.ts -> dist/test/integration/<name>.test.js,
// which test/integration/index.ts finds and runs inside VS Code.
if (existsSync("test/integration")) {
  for (const file of readdirSync("test/integration").filter((f) => f.endsWith(".test.ts"))) {
    const out = `dist/test/integration/${file.replace(/\.ts$/, ".js")}`;
    configs.push(node(path.join("test/integration", file), out, { external: [...runtimeExternals, "mocha"] }));
  }
}

const present = configs.filter((c) => existsSync(c.entryPoints[0]));
if (watch) {
  for (const c of present) await (await esbuild.context(c)).watch();
  console.log(`esbuild: watching ${present.length} entries`);
} else {
  const started = Date.now();
  await Promise.all(present.map((c) => esbuild.build(c)));
  console.log(`esbuild: built ${present.length} entries in ${Date.now() - started} ms`);
  // Declaration files for notebook cells' imports (the `aibook` runtime, node: modules).
  await import("./scripts/build-types.mjs");
  // The pitfall rules' docs that diagnostics link to (dist/rules/<id>.md).
  await import("./scripts/build-rule-docs.mjs");
}
