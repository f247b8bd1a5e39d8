/**
 * `aibook export NOTEBOOK --to ipynb|ts [--out FILE]` (shared/spec/cli.md): writes the notebook
 * as a Jupyter notebook for the tslab or Deno kernels, or as one TypeScript script that runs the
 * cells in order. `--out -` writes to standard output. Exit 2 for bad usage or a notebook that
 * cannot be read, with the file named.
 */
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "./write-file";
import path from "node:path";
import process from "node:process";
import { NotebookFormatError, parseNotebook, type AibookNotebook } from "../format";
import { toIpynb } from "../format/ipynb";
import { toScript } from "../format/script";

const EXPORT_USAGE = "usage: aibook export NOTEBOOK --to ipynb|ts [--out FILE]";

interface ExportArguments {
  notebook: string;
  to: "ipynb" | "ts";
  out: string;
}

function parseExportArguments(args: string[]): ExportArguments | string {
  const positional: string[] = [];
  let to: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--to" || arg === "--out") {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === "--to") to = value;
      else out = value;
    } else if (arg.startsWith("-") && arg !== "-") return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return positional.length === 0 ? "export needs a NOTEBOOK" : `export takes one NOTEBOOK, got ${positional.length}`;
  if (to === undefined) return "export needs --to ipynb or --to ts";
  if (to !== "ipynb" && to !== "ts") return `--to is ipynb or ts, got "${to}"`;
  const notebook = positional[0];
  return { notebook, to, out: out ?? replaceExtension(notebook, `.${to}`) };
}

export function replaceExtension(file: string, extension: string): string {
  const ext = path.extname(file);
  return (ext ? file.slice(0, -ext.length) : file) + extension;
}

export async function exportCommand(args: string[]): Promise<number> {
  const parsed = parseExportArguments(args);
  if (typeof parsed === "string") {
    process.stderr.write(`aibook export: ${parsed}\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const { notebook: file, to, out } = parsed;
  let notebook: AibookNotebook;
  try {
    notebook = parseNotebook(readFileSync(file), file);
  } catch (error) {
    const message = error instanceof NotebookFormatError ? error.message : `${file}: cannot read the file: ${(error as Error).message}`;
    process.stderr.write(`aibook export: ${message}\n`);
    return 2;
  }
  if (out !== "-" && path.resolve(out) === path.resolve(file)) {
    process.stderr.write(`aibook export: --out ${out} is the notebook itself; choose another file\n`);
    return 2;
  }
  const text = to === "ipynb" ? JSON.stringify(toIpynb(notebook), null, 1) + "\n" : toScript(notebook, path.basename(file));
  if (out === "-") {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileAtomic(out, text);
  } catch (error) {
    process.stderr.write(`aibook export: ${out}: cannot write the file: ${(error as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}
