/**
 * The one place where the server calls the static linter (src/lint): the notebook's code cells
 * in, findings with 1-based cell positions (as cli.md's JSON) and mechanical fixes out.
 */
import type { NotebookDocument } from "vscode-languageserver/node";
import type { CodeCell } from "./notebook-sessions";

export interface CellEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export type PitfallFix =
  | { kind: "edit"; title: string; cell: number; edits: CellEdit[] }
  | { kind: "insert-cell"; title: string; afterCell: number; source: string };

export interface PitfallFinding {
  rule: string;
  severity: "error" | "warning" | "information";
  message: string;
  /** Index of the cell in the notebook (markdown cells count). */
  cell: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  related?: Array<{ cell: number; line: number; column?: number; endLine?: number; endColumn?: number; message: string }>;
  docUrl?: string;
  fixes?: PitfallFix[];
}

export function lintCells(notebook: NotebookDocument, cells: readonly CodeCell[]): PitfallFinding[] {
  void notebook;
  void cells;
  return []; // TEMPORARY until src/lint exposes its entry point
}
