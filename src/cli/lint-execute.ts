/**
 * `aibook lint --execute`: runs a notebook in a fresh kernel (its folder as working directory,
 * its file untouched) and turns the runtime pitfall findings (pitfalls.md, "Runtime rules") into
 * lint diagnostics with `source: "runtime"`, next to the static ones.
 */
import path from "node:path";
import type { AibookNotebook } from "../format";
import { runNotebook } from "../kernel/runNotebook";
import { KernelSession, type KernelSessionOptions, type RuntimeFinding } from "../kernel/session";
import type { RelatedLocation, Severity } from "../lint";

export interface RuntimeDiagnostic {
  cell: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: Severity;
  source: "runtime";
  message: string;
  related: RelatedLocation[];
  fixes: never[];
}

export interface ExecutedNotebook {
  diagnostics: RuntimeDiagnostic[];
  /** Set when a cell failed or the run timed out: the findings cover the cells that ran. */
  stopped?: string;
}

/** How long one notebook may run under `lint --execute`. */
export const LINT_EXECUTE_TIMEOUT_SECONDS = 600;

export async function runtimeDiagnostics(file: string, notebook: AibookNotebook, kernel: Partial<KernelSessionOptions> = {}): Promise<ExecutedNotebook> {
  const session = new KernelSession({ notebookDir: path.dirname(path.resolve(file)), ...kernel });
  // The last findings the kernel sent: a run cut short by the deadline stops the kernel.
  let sent: RuntimeFinding[] = [];
  const keep = (latest: RuntimeFinding[]) => {
    if (latest.length) sent = latest;
  };
  session.on("findings", keep);
  let findings: RuntimeFinding[];
  let stopped: string | undefined;
  try {
    const run = await runNotebook(notebook, { session, timeoutSeconds: LINT_EXECUTE_TIMEOUT_SECONDS });
    findings = session.state === "stopped" ? sent : session.runtimeFindings;
    if (!run.success) {
      const failed = run.cells.find((c) => c.result.status !== "ok");
      stopped = failed ? `cell ${failed.cell + 1} did not complete (${failed.result.status}); runtime findings cover the cells before it` : "the run stopped early";
    }
  } finally {
    session.off("findings", keep);
    session.dispose();
  }
  const lineEnd = (cell: number, line: number) => (notebook.cells[cell]?.source.split("\n")[line - 1]?.length ?? 0) + 1;
  const diagnostics = findings
    .filter((f) => typeof f.cellId === "number")
    .map((f): RuntimeDiagnostic => {
      const cell = f.cellId as number;
      return {
        cell,
        line: f.line,
        column: f.column,
        endLine: f.line,
        endColumn: Math.max(f.column + 1, lineEnd(cell, f.line)),
        rule: f.rule,
        severity: f.severity,
        source: "runtime",
        message: f.message,
        related: f.related
          .filter((r) => typeof r.cellId === "number")
          .map((r) => ({ cell: r.cellId as number, line: r.line, column: r.column, endLine: r.line, endColumn: Math.max(r.column + 1, lineEnd(r.cellId as number, r.line)), message: r.message })),
        fixes: [],
      };
    });
  return { diagnostics, stopped };
}
