/**
 * The linter's public shapes: what goes in (the notebook's cells, the user's rule settings) and what
 * comes out (diagnostics anchored in cells, with related locations and quick fixes). The CLI, the
 * language server and the tests all speak these; no editor types, so none of them needs VS Code.
 */
import type ts from "typescript";
import type { Facts } from "./values";

export type Severity = "error" | "warning" | "information";

/** One notebook cell as the linter reads it; `index` is its position in the notebook's cells (markdown counts). */
export interface LintCell {
  index: number;
  kind: "code" | "markdown";
  source: string;
  /** "typescript" (default) or "javascript". */
  language?: string;
}

/** A range inside one cell: 1-based lines and columns, end exclusive as in LSP. */
export interface CellRange {
  cell: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation extends CellRange {
  message: string;
}

/** A mechanical change: replace a range of a cell, or insert a new code cell after one. */
export type FixEdit = { kind: "replace"; range: CellRange; newText: string } | { kind: "insertCell"; afterCell: number; source: string };

export interface LintFix {
  title: string;
  edits: FixEdit[];
}

export interface LintDiagnostic extends CellRange {
  rule: string;
  severity: Severity;
  message: string;
  source: "static";
  related: RelatedLocation[];
  fixes: LintFix[];
}

/** Per-rule settings, as the `aibook.lint.rules` setting and `--rules` give them. */
export type RuleSetting = "off" | Severity;

export interface LintOptions {
  rules?: Record<string, RuleSetting>;
  /** Only these rules run (the CLI's `--rules`). */
  only?: readonly string[];
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line, for lists and SARIF's shortDescription. */
  description: string;
  /** Markdown: what it finds, why it matters, incorrect and correct code, what to do instead. */
  docs: string;
  /** The quick fixes this rule offers, for the editor's code-action list. */
  fixes: string[];
}

export interface RuleReport {
  node: ts.Node;
  message: string;
  related?: { node: ts.Node; message: string }[];
  fixes?: LintFix[];
}

export interface RuleContext {
  readonly facts: Facts;
  /** "cell 3, line 2": where a node is, in the words messages use. */
  where(node: ts.Node): string;
  /** The source text of a node, shortened for a message. */
  text(node: ts.Node, max?: number): string;
  range(node: ts.Node): CellRange;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): void;
}
