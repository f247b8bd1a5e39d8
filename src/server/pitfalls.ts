/**
 * Pitfall findings of the static linter as LSP diagnostics on the notebook's cells (source
 * `aibook`, code = rule id with a link to the rule's doc, related information on the other
 * cells), and the quick fixes the linter describes.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type NotebookDocument,
} from "vscode-languageserver/node";
import type { CodeCell } from "./notebook-sessions";
import type { LintSettings, RuleLevel } from "./settings";
import { lintCells, type PitfallFinding } from "./lint-adapter";

export const pitfallSource = "aibook";

/** Cell-and-line positions (1-based, as the linter and cli.md count) to an LSP range. */
function rangeOf(cell: CodeCell, line: number, column: number, endLine?: number, endColumn?: number) {
  const start = { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
  const end = endLine !== undefined && endColumn !== undefined ? { line: Math.max(0, endLine - 1), character: Math.max(0, endColumn - 1) } : start;
  return { start, end };
}

function severityOf(level: Exclude<RuleLevel, "off">): DiagnosticSeverity {
  return level === "error" ? DiagnosticSeverity.Error : level === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** What a pitfall diagnostic carries for its quick fixes. */
export interface PitfallData {
  rule: string;
  docUrl?: string;
  fixes: PitfallFinding["fixes"];
}

/** Findings to diagnostics, keyed by cell URI, after the user's rule settings. */
export function findingsToDiagnostics(findings: readonly PitfallFinding[], cells: readonly CodeCell[], settings: LintSettings): Map<string, Diagnostic[]> {
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  const result = new Map<string, Diagnostic[]>();
  for (const f of findings) {
    const level = settings.rules[f.rule] ?? f.severity;
    if (level === "off") continue;
    const cell = byIndex.get(f.cell);
    if (!cell) continue;
    const data: PitfallData = { rule: f.rule, docUrl: f.docUrl, fixes: f.fixes };
    const diagnostic: Diagnostic = {
      range: rangeOf(cell, f.line, f.column, f.endLine, f.endColumn),
      severity: severityOf(level),
      code: f.rule,
      source: pitfallSource,
      message: f.message,
      data,
    };
    if (f.docUrl) diagnostic.codeDescription = { href: f.docUrl };
    const related = (f.related ?? []).flatMap((r) => {
      const other = byIndex.get(r.cell);
      return other ? [{ location: { uri: other.uri, range: rangeOf(other, r.line, r.column ?? 1, r.endLine, r.endColumn) }, message: r.message }] : [];
    });
    if (related.length) diagnostic.relatedInformation = related;
    const list = result.get(cell.uri) ?? [];
    list.push(diagnostic);
    result.set(cell.uri, list);
  }
  return result;
}

export function pitfallDiagnostics(notebook: NotebookDocument, cells: readonly CodeCell[], settings: LintSettings): Map<string, Diagnostic[]> {
  return findingsToDiagnostics(lintCells(notebook, cells), cells, settings);
}

/** Quick fixes of the pitfall diagnostics in the request's context, and a link to each rule's doc. */
export function pitfallCodeActions(notebook: NotebookDocument, cells: readonly CodeCell[], params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== pitfallSource) continue;
    const data = diagnostic.data as PitfallData | undefined;
    if (!data) continue;
    for (const fix of data.fixes ?? []) {
      if (fix.kind === "edit") {
        const cell = byIndex.get(fix.cell);
        if (!cell) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: { changes: { [cell.uri]: fix.edits.map((e) => ({ range: rangeOf(cell, e.line, e.column, e.endLine, e.endColumn), newText: e.newText })) } },
        });
      } else {
        // LSP cannot insert a notebook cell: the client's command does it.
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: fix.title, command: "aibook.insertCodeCell", arguments: [notebook.uri, fix.afterCell, fix.source] },
        });
      }
    }
    if (data.docUrl) {
      actions.push({
        title: `Learn about ${data.rule}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Learn about ${data.rule}`, command: "aibook.openRuleDoc", arguments: [data.docUrl] },
      });
    }
  }
  return actions;
}
