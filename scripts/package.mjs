// `npm run package`: builds aibook in production mode (esbuild.mjs --production) and packages
// it with @vscode/vsce into aibook-<version>.vsix at the top of the checkout. What goes in is
// decided by .vscodeignore; vsce adds the production dependencies from node_modules.
//   node scripts/package.mjs [--out FILE.vsix]
// or, from another script: `const vsix = packageVsix();`
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Builds and packages; returns the .vsix path. Throws when a step fails. */
export function packageVsix(out) {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const vsix = path.resolve(out ?? path.join(repoRoot, `${name}-${version}.vsix`));
  const run = (title, command, args) => {
    console.log(`[package] ${title}`);
    const res = spawnSync(command, args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
    if (res.status !== 0) throw new Error(`${title} failed (exit ${res.status ?? res.signal})`);
  };
  run("production build", process.execPath, ["esbuild.mjs", "--production"]);
  // vsce declares Node >= 20, which the machine's Node is; it runs under the same Node as this script
  const vsce = path.join(repoRoot, "node_modules", "@vscode", "vsce", "vsce");
  run(`vsce package -> ${path.relative(repoRoot, vsix)}`, process.execPath, [
    vsce, "package", "--out", vsix, "--allow-missing-repository", "--no-rewrite-relative-links",
  ]);
  return vsix;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--out");
  try {
    const vsix = packageVsix(i > 0 ? process.argv[i + 1] : undefined);
    console.log(`[package] ${vsix} (${(fs.statSync(vsix).size / 1e6).toFixed(1)} MB)`);
  } catch (e) {
    console.error(`[package] ${e.message}`);
    process.exit(1);
  }
}
