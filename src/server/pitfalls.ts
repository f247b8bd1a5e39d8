/**
 * Pitfall findings of the static linter as LSP diagnostics on the notebook's cells (source
 * `aibook`, code = rule id with a link to the rule's doc, related information on the other
 * cells), and their quick fixes. A fix that only replaces text is a plain LSP edit; one that adds
 * a cell becomes the client's `aibook.applyNotebookFix` command, since LSP edits cannot add cells.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node";
import type { CellRange, LintDiagnostic, LintFix, Severity } from "../lint";
import type { CodeCell } from "./notebook-sessions";
import type { LintSettings } from "./settings";
import { lintCells } from "./lint-adapter";

export const pitfallSource = "aibook";

/** The rule's documentation as shipped in the extension (written at build time by scripts/build-rule-docs.mjs). */
export function ruleDocUrl(extensionRoot: string, rule: string): string {
  return pathToFileURL(path.join(extensionRoot, "dist", "rules", `${rule}.md`)).href;
}

/** A 1-based, end-exclusive cell range (the linter's) as an LSP range. */
function rangeOf(r: Omit<CellRange, "cell">): Range {
  return {
    start: { line: Math.max(0, r.line - 1), character: Math.max(0, r.column - 1) },
    end: { line: Math.max(0, r.endLine - 1), character: Math.max(0, r.endColumn - 1) },
  };
}

function severityOf(level: Severity): DiagnosticSeverity {
  return level === "error" ? DiagnosticSeverity.Error : level === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** What a pitfall diagnostic carries for its code actions. */
export interface PitfallData {
  rule: string;
  docUrl: string;
  fixes: LintFix[];
}

/** Findings to diagnostics, keyed by cell URI. */
export function findingsToDiagnostics(findings: readonly LintDiagnostic[], cells: readonly CodeCell[], extensionRoot: string): Map<string, Diagnostic[]> {
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  const result = new Map<string, Diagnostic[]>();
  for (const f of findings) {
    const cell = byIndex.get(f.cell);
    if (!cell) continue;
    const docUrl = ruleDocUrl(extensionRoot, f.rule);
    const data: PitfallData = { rule: f.rule, docUrl, fixes: f.fixes };
    const diagnostic: Diagnostic = {
      range: rangeOf(f),
      severity: severityOf(f.severity),
      code: f.rule,
      codeDescription: { href: docUrl },
      source: pitfallSource,
      message: f.message,
      data,
    };
    const related = f.related.flatMap((r) => {
      const other = byIndex.get(r.cell);
      return other ? [{ location: { uri: other.uri, range: rangeOf(r) }, message: r.message }] : [];
    });
    if (related.length) diagnostic.relatedInformation = related;
    const list = result.get(cell.uri) ?? [];
    list.push(diagnostic);
    result.set(cell.uri, list);
  }
  return result;
}

export function pitfallDiagnostics(notebookUri: string, cells: readonly CodeCell[], settings: LintSettings, extensionRoot: string): Map<string, Diagnostic[]> {
  return findingsToDiagnostics(lintCells(notebookUri, cells, settings.rules), cells, extensionRoot);
}

/** Quick fixes of the pitfall diagnostics in the request's context, and a link to each rule's doc. */
export function pitfallCodeActions(notebookUri: string, cells: readonly CodeCell[], params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== pitfallSource) continue;
    const data = diagnostic.data as PitfallData | undefined;
    if (!data) continue;
    for (const fix of data.fixes) {
      const changes: Record<string, TextEdit[]> = {};
      const insertions: Array<{ afterCell: number; afterCellUri?: string; source: string }> = [];
      let complete = true;
      for (const edit of fix.edits) {
        if (edit.kind === "insertCell") {
          insertions.push({ afterCell: edit.afterCell, afterCellUri: byIndex.get(edit.afterCell)?.uri, source: edit.source });
          continue;
        }
        const cell = byIndex.get(edit.range.cell);
        if (!cell) complete = false;
        else (changes[cell.uri] ??= []).push({ range: rangeOf(edit.range), newText: edit.newText });
      }
      if (!complete) continue;
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: actions.length === 0 };
      if (insertions.length === 0) action.edit = { changes };
      else action.command = { title: fix.title, command: "aibook.applyNotebookFix", arguments: [notebookUri, changes, insertions] };
      actions.push(action);
    }
    actions.push({
      title: `Learn about ${data.rule}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: `Learn about ${data.rule}`, command: "aibook.openRuleDoc", arguments: [data.docUrl] },
    });
  }
  return actions;
}
