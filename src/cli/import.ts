/**
 * `aibook import NOTEBOOK.ipynb [--out FILE.aibook]` (shared/spec/cli.md): reads a Jupyter
 * notebook with TypeScript or JavaScript cells (tslab, Deno, or an aibook export) and writes an
 * `.aibook` file with its cells, outputs and execution counts. Without `--out` it writes beside
 * the input and refuses to replace an existing notebook; exit 2 names the file for bad usage or
 * a notebook that cannot be read.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "./write-file";
import path from "node:path";
import process from "node:process";
import { NotebookFormatError, serializeNotebook, type AibookNotebook } from "../format";
import { fromIpynb, IpynbImportError, type IpynbImportWarning } from "../format/ipynb";
import { findJsonSyntaxError, locateJsonPath, type JsonPath } from "../format/jsonScan";
import { refuseDuplicateKeys } from "../format/parse";
import { positionAt } from "../format/position";
import { decodeNotebookText } from "../format/text";
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

  if (path.resolve(target) === path.resolve(file)) {
    return fail(`--out ${target} is the Jupyter notebook itself; choose another file`);
  }

  let text: string;
  let notebook: AibookNotebook;
  const warnings: IpynbImportWarning[] = [];
  try {
    text = decodeNotebookText(readFileSync(file), file).text;
  } catch (error) {
    if (error instanceof NotebookFormatError) return fail(error.message.replace(".aibook files are UTF-8 JSON", "Jupyter notebooks are UTF-8 JSON"));
    return fail(`${file}: cannot read the file: ${(error as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    refuseDuplicateKeys(text, file);
    notebook = fromIpynb(value, warnings);
  } catch (error) {
    if (error instanceof SyntaxError) {
      const problem = findJsonSyntaxError(text);
      const at = positionAt(text, problem?.offset ?? 0);
      return fail(`${file}:${at.line}:${at.column}: not valid JSON: ${problem?.problem ?? error.message}`);
    }
    if (error instanceof NotebookFormatError) return fail(error.message);
    if (error instanceof IpynbImportError) return fail(`${where(text, file, error.path)}: ${error.message}`);
    throw error;
  }
  for (const warning of warnings) process.stderr.write(`aibook import: ${where(text, file, warning.path)}: warning: ${warning.message}\n`);
  try {
    writeFileAtomic(target, serializeNotebook(notebook, { maxBinaryOutputBytes: Number.MAX_SAFE_INTEGER }));
  } catch (error) {
    return fail(`${target}: cannot write the file: ${(error as Error).message}`);
  }
  process.stdout.write(`wrote ${target} (${notebook.cells.length} cells)\n`);
  return 0;
}

/** `file:line:column` of the value at `path` in the notebook's text. */
function where(text: string, file: string, jsonPath: JsonPath): string {
  const at = positionAt(text, Math.max(locateJsonPath(text, jsonPath), 0));
  return `${file}:${at.line}:${at.column}`;
}

function usage(problem: string): number {
  process.stderr.write(`aibook import: ${problem}\n${IMPORT_USAGE}\n`);
  return 2;
}

function fail(message: string): number {
  process.stderr.write(`aibook import: ${message}\n`);
  return 2;
}
