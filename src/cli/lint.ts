/**
 * `aibook lint NOTEBOOK... [--execute] [--format text|json|sarif] [--rules ID,ID]` (shared/spec/cli.md):
 * the static pitfall rules over each notebook, nothing executed; with --execute each notebook also
 * runs in a fresh kernel and the runtime rules' findings are added (./lint-execute.ts). Exit 0 when no diagnostic is an
 * error, 1 when one is, 2 for bad usage or a notebook that cannot be read (named on stderr; the
 * other notebooks are still linted).
 */
import { readFileSync } from "node:fs";
import process from "node:process";
import { NotebookFormatError, parseNotebook } from "../format";
import { createLinter, staticRules, type LintCell, type LintDiagnostic } from "../lint";
import { toSarif } from "./lint-sarif";
import { runtimeDiagnostics } from "./lint-execute";
import { runtimeRules } from "../runtime/checks";
import type { KernelSessionOptions } from "../kernel/session";

const LINT_USAGE = "usage: aibook lint NOTEBOOK... [--execute] [--format text|json|sarif] [--rules ID,ID]";

interface LintArguments {
  files: string[];
  format: "text" | "json" | "sarif";
  rules?: string[];
  execute: boolean;
}

function parseLintArguments(args: string[]): LintArguments | string {
  const files: string[] = [];
  let format = "text";
  let rules: string[] | undefined;
  let execute = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--format" || arg === "--rules") {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === "--format") format = value;
      else rules = value.split(",").map((s) => s.trim()).filter(Boolean);
    } else if (arg.startsWith("--format=")) format = arg.slice(9);
    else if (arg.startsWith("--rules=")) rules = arg.slice(8).split(",").map((s) => s.trim()).filter(Boolean);
    else if (arg === "--execute") execute = true;
    else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length === 0) return "lint needs at least one NOTEBOOK";
  if (format !== "text" && format !== "json" && format !== "sarif") return `--format is text, json or sarif, got "${format}"`;
  const known = new Set([...staticRules.map((r) => r.meta.id), ...(execute ? runtimeRules.map((r) => r.id) : [])]);
  const unknownIds = (rules ?? []).filter((id) => !known.has(id));
  if (unknownIds.length) return `unknown rule ${unknownIds.join(", ")}; known rules: ${[...known].join(", ")}`;
  return { files, format, rules, execute };
}

export interface FileDiagnostic extends Omit<LintDiagnostic, "source"> {
  file: string;
  /** "runtime" for the runtime rules' findings of --execute. */
  source: "static" | "runtime";
}

export interface LintedFile {
  file: string;
  text: string;
}

/** `kernel` lets tests run the kernel of --execute from source. */
export async function lintCommand(args: string[], kernel: Partial<KernelSessionOptions> = {}): Promise<number> {
  const parsed = parseLintArguments(args);
  if (typeof parsed === "string") {
    process.stderr.write(`aibook lint: ${parsed}\n${LINT_USAGE}\n`);
    return 2;
  }
  let unreadable = false;
  const diagnostics: FileDiagnostic[] = [];
  const linted: LintedFile[] = [];
  for (const file of parsed.files) {
    let text: string;
    let cells: LintCell[];
    let notebook: ReturnType<typeof parseNotebook>;
    try {
      const bytes = readFileSync(file);
      text = bytes.toString("utf8");
      notebook = parseNotebook(bytes, file);
      cells = notebook.cells.map((c, index) => ({ index, kind: c.kind, source: c.source, language: c.language }));
    } catch (error) {
      const message = error instanceof NotebookFormatError ? error.message : `${file}: cannot read the file: ${(error as Error).message}`;
      process.stderr.write(`aibook lint: ${message}\n`);
      unreadable = true;
      continue;
    }
    linted.push({ file, text });
    for (const d of createLinter().lint(cells, { only: parsed.rules })) diagnostics.push({ file, ...d });
    if (parsed.execute) {
      const executed = await runtimeDiagnostics(file, notebook, kernel);
      if (executed.stopped) process.stderr.write(`aibook lint: ${file}: ${executed.stopped}\n`);
      for (const d of executed.diagnostics) if (!parsed.rules || parsed.rules.includes(d.rule)) diagnostics.push({ file, ...d });
    }
  }

  if (parsed.format === "json") process.stdout.write(JSON.stringify(toJson(diagnostics), null, 2) + "\n");
  else if (parsed.format === "sarif") process.stdout.write(JSON.stringify(toSarif(diagnostics, linted), null, 2) + "\n");
  else process.stdout.write(toText(diagnostics, linted.length));

  if (unreadable) return 2;
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

function toJson(diagnostics: FileDiagnostic[]) {
  return {
    version: 1,
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      cell: d.cell,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      rule: d.rule,
      severity: d.severity,
      source: d.source,
      message: d.message,
      related: d.related.map((r) => ({ cell: r.cell, line: r.line, column: r.column, message: r.message })),
    })),
  };
}

function toText(diagnostics: FileDiagnostic[], files: number): string {
  const lines = diagnostics.map((d) => `${d.file}: cell ${d.cell + 1}, line ${d.line}:${d.column}: ${d.severity} [${d.rule}] ${d.message}`);
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  lines.push(`${files} notebook${files === 1 ? "" : "s"}: ${count("error")} errors, ${count("warning")} warnings, ${count("information")} notes`);
  return lines.join("\n") + "\n";
}
