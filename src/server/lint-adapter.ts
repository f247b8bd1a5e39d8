/**
 * The one place where the server calls the static linter (src/lint): one `NotebookLinter` per open
 * notebook (it reuses the parse of unchanged cells), fed the notebook's code cells with their
 * notebook indexes; findings come back with 1-based cell positions, as cli.md's JSON has them.
 */
import { createLinter, type LintDiagnostic, type NotebookLinter, type RuleSetting } from "../lint";
import { cellLanguageIds } from "../languageservice/language-ids";
import type { CodeCell } from "./notebook-sessions";

const linters = new Map<string, NotebookLinter>();

export function lintCells(notebookUri: string, cells: readonly CodeCell[], rules: Record<string, RuleSetting>): LintDiagnostic[] {
  let linter = linters.get(notebookUri);
  if (!linter) {
    linter = createLinter();
    linters.set(notebookUri, linter);
  }
  return linter.lint(
    cells.map((c) => ({
      index: c.index,
      kind: "code" as const,
      source: c.document.getText(),
      language: c.document.languageId === cellLanguageIds.javascript ? "javascript" : "typescript",
    })),
    { rules },
  );
}

/** Forgets a closed notebook's linter. */
export function forgetLinter(notebookUri: string): void {
  linters.delete(notebookUri);
}
