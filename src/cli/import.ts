/**
 * `aibook import NOTEBOOK.ipynb [--out FILE.aibook]` (shared/spec/cli.md): reads a Jupyter
 * notebook with TypeScript or JavaScript cells (tslab, Deno, or an aibook export) and writes an
 * `.aibook` file with its cells, outputs and execution counts. Without `--out` it writes beside
 * the input and refuses to replace an existing notebook; exit 2 names the file for bad usage or
 * a notebook that cannot be read.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { serializeNotebook, type AibookNotebook } from "../format";
import { fromIpynb, IpynbImportError } from "../format/ipynb";
import { findJsonSyntaxError } from "../format/jsonScan";
import { positionAt } from "../format/position";
import { replaceExtension } from "./export";

const IMPORT_USAGE = "usage: aibook import NOTEBOOK.ipynb [--out FILE.aibook]";

export async function importCommand(args: string[]): Promise<number> {
  const positional: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--out") {
      out = args[++i];
      if (out === undefined) return usage("--out needs a value");
    } else if (arg.startsWith("-")) return usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) return usage(positional.length === 0 ? "import needs a NOTEBOOK.ipynb" : `import takes one NOTEBOOK.ipynb, got ${positional.length}`);
  const file = positional[0];
  const target = out ?? replaceExtension(file, ".aibook");
  if (out === undefined && existsSync(target)) {
    return fail(`${target} already exists; pass --out ${target} to replace it, or another file`);
  }

  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    return fail(`${file}: cannot read the file: ${(error as Error).message}`);
  }
  let notebook: AibookNotebook;
  try {
    notebook = fromIpynb(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) {
      const problem = findJsonSyntaxError(text);
      const at = positionAt(text, problem?.offset ?? 0);
      return fail(`${file}:${at.line}:${at.column}: not valid JSON: ${problem?.problem ?? error.message}`);
    }
    if (error instanceof IpynbImportError) return fail(`${file}: ${error.message}`);
    throw error;
  }
  try {
    writeFileSync(target, serializeNotebook(notebook, { maxBinaryOutputBytes: Number.MAX_SAFE_INTEGER }));
  } catch (error) {
    return fail(`${target}: cannot write the file: ${(error as Error).message}`);
  }
  process.stdout.write(`wrote ${target} (${notebook.cells.length} cells)\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(`aibook import: ${problem}\n${IMPORT_USAGE}\n`);
  return 2;
}

function fail(message: string): number {
  process.stderr.write(`aibook import: ${message}\n`);
  return 2;
}
