/**
 * The linter's entry point: parse each code cell (cached by its text, so an edit re-parses one
 * cell), run the cells as one program over abstract values, let every enabled rule read the facts,
 * and turn what they report into cell diagnostics, minus the ones a comment or a setting silences.
 */
import ts from "typescript";
import { Interpreter } from "./interpreter";
import { lineColumnAt } from "./positions";
import { suppressedRules } from "./suppress";
import type { Facts } from "./values";
import type { CellRange, LintCell, LintDiagnostic, LintOptions, Rule, RuleContext, Severity } from "./types";
import { parseSourceFile } from "../../format/parse-typescript";

interface ParsedCell {
  cell: LintCell;
  file: ts.SourceFile;
}

export class NotebookLinter {
  private cache = new Map<string, ts.SourceFile>();
  /** What the last lint learned (fits, steps, evaluations, splits): for tests and tooling. */
  lastFacts: Facts | undefined;
  /** How many cells the last lint had to parse (the others came from the cache). */
  lastParsedCount = 0;

  constructor(private readonly rules: readonly Rule[]) {}

  /** Diagnostics for a notebook's cells (all cells, markdown included, with their notebook indexes). */
  lint(cells: readonly LintCell[], options: LintOptions = {}): LintDiagnostic[] {
    const parsed = this.parse(cells);
    const cellOf = new Map<ts.SourceFile, ParsedCell>(parsed.map((p) => [p.file, p]));
    const facts = new Interpreter().run(parsed.map((p) => p.file));
    this.lastFacts = facts;

    const range = (node: ts.Node): CellRange => {
      const file = node.getSourceFile();
      const at = cellOf.get(file)!;
      const starts = file.getLineStarts();
      const start = lineColumnAt(starts, node.getStart(file));
      const end = lineColumnAt(starts, node.getEnd());
      return { cell: at.cell.index, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    };
    const where = (node: ts.Node): string => {
      const r = range(node);
      // Counted from 1 over all cells, as VS Code's "Cell N of M" and the kernel's stack frames.
      return `cell ${r.cell + 1}, line ${r.line}`;
    };
    const text = (node: ts.Node, max = 60): string => {
      const t = node.getText(node.getSourceFile()).replace(/\s+/g, " ");
      return t.length > max ? t.slice(0, max - 1) + "…" : t;
    };

    const out: LintDiagnostic[] = [];
    const seen = new Set<string>();
    for (const rule of this.rules) {
      const severity = effectiveSeverity(rule, options);
      if (!severity) continue;
      const context: RuleContext = {
        facts,
        where,
        text,
        range,
        report: (r) => {
          const at = range(r.node);
          const key = `${rule.meta.id}@${at.cell}:${at.line}:${at.column}`;
          if (seen.has(key)) return;
          seen.add(key);
          const source = cellOf.get(r.node.getSourceFile())!.cell.source;
          if (suppressedRules(source, at.line).some((id) => id === "*" || id === rule.meta.id)) return;
          out.push({
            ...at,
            rule: rule.meta.id,
            severity,
            message: r.message,
            source: "static",
            related: (r.related ?? []).map((x) => ({ ...range(x.node), message: x.message })),
            fixes: r.fixes ?? [],
          });
        },
      };
      rule.create(context);
    }
    return out.sort((a, b) => a.cell - b.cell || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  }

  /** Parse code cells, reusing the parse of any cell whose text has not changed. */
  private parse(cells: readonly LintCell[]): ParsedCell[] {
    const next = new Map<string, ts.SourceFile>();
    const used = new Set<ts.SourceFile>();
    const out: ParsedCell[] = [];
    this.lastParsedCount = 0;
    for (const cell of cells) {
      if (cell.kind !== "code") continue;
      const js = cell.language === "javascript";
      const key = `${js ? "js" : "ts"}\0${cell.source}`;
      let file = this.cache.get(key) ?? next.get(key);
      if (!file || used.has(file)) {
        this.lastParsedCount++;
        // A line TypeScript's own parser fails on is left out (blanked): the rest is still linted.
        file = parseSourceFile(`cell-${cell.index}.${js ? "js" : "ts"}`, cell.source, ts.ScriptTarget.Latest, true, js ? ts.ScriptKind.JS : ts.ScriptKind.TS).file;
      }
      if (!next.has(key)) next.set(key, file);
      used.add(file);
      out.push({ cell, file });
    }
    this.cache = next;
    return out;
  }
}

function effectiveSeverity(rule: Rule, options: LintOptions): Severity | undefined {
  if (options.only && !options.only.includes(rule.meta.id)) return undefined;
  const setting = options.rules?.[rule.meta.id];
  if (setting === "off") return undefined;
  return setting ?? rule.meta.severity;
}
