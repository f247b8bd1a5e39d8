/**
 * The static pitfall linter. `lintNotebook` for one-off use (CLI, tests); a `NotebookLinter` kept
 * alive reuses the parse of unchanged cells (the language server). Positions: `./engine/positions`.
 */
import { NotebookLinter } from "./engine/linter";
import type { LintCell, LintDiagnostic, LintOptions } from "./engine/types";
import { staticRules } from "./rules";

export { NotebookLinter } from "./engine/linter";
export { CellPositionMap, lineColumnAt, lineStarts, type CellPosition } from "./engine/positions";
export { suppressedRules } from "./engine/suppress";
export { staticRules, ruleById } from "./rules";
export type * from "./engine/types";

/** A linter with every static rule; keep one per notebook to benefit from the parse cache. */
export function createLinter(): NotebookLinter {
  return new NotebookLinter(staticRules);
}

export function lintNotebook(cells: readonly LintCell[], options?: LintOptions): LintDiagnostic[] {
  return createLinter().lint(cells, options);
}
