/**
 * The host's view of the runtime pitfall findings of one kernel: the kernel sends every finding
 * that holds after each cell, with cell frames in generated coordinates; this maps them to the
 * cell and line the user wrote (through each cell's source map) and to the caller's cell id, and
 * drops findings anchored in a run of a cell that has run again since ("re-running clears what no
 * longer holds"). A restart clears everything.
 */
import type { CellFrame, KernelRuntimeFinding } from "../../protocol/kernel";
import type { CompiledCellRecord } from "./stack";

/** Identifies a notebook cell for the caller: an index (CLI) or a cell document URI (VS Code). */
export type CellId = string | number;

export interface RuntimeFindingLocation {
  /** The caller's id of the cell (ExecuteOptions.cellId); undefined when the cell was run without one. */
  cellId?: CellId;
  /** How stack traces name the cell (ExecuteOptions.label). */
  label: string;
  /** 1-based, inside the cell's source. */
  line: number;
  column: number;
}

export interface RuntimeFinding extends RuntimeFindingLocation {
  rule: string;
  severity: "error" | "warning" | "information";
  message: string;
  source: "runtime";
  related: (RuntimeFindingLocation & { message: string })[];
}

export class RuntimeFindingsTracker {
  private readonly cellIdOf = new Map<number, CellId | undefined>();
  private readonly latestRun = new Map<CellId, number>();
  private latest: KernelRuntimeFinding[] = [];

  /** An execution id now runs the caller's cell `cellId`: its earlier runs no longer hold. */
  executed(execution: number, cellId: CellId | undefined): void {
    this.cellIdOf.set(execution, cellId);
    if (cellId !== undefined) this.latestRun.set(cellId, execution);
  }

  /** The kernel's current findings replace the previous ones. */
  update(findings: KernelRuntimeFinding[]): void {
    this.latest = findings;
  }

  clear(): void {
    this.latest = [];
    this.cellIdOf.clear();
    this.latestRun.clear();
  }

  /** The findings mapped to cell lines, without those of superseded cell runs. */
  findings(cells: ReadonlyMap<number, CompiledCellRecord>): RuntimeFinding[] {
    const out: RuntimeFinding[] = [];
    const seen = new Set<string>();
    for (const f of this.latest) {
      const at = this.locate(f.frames, cells);
      if (!at) continue;
      const key = `${f.rule}@${String(at.cellId)}:${at.line}:${at.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const related = f.related.flatMap((r) => {
        const where = this.locate(r.frames, cells, true);
        return where ? [{ ...where, message: r.message }] : [];
      });
      out.push({ rule: f.rule, severity: f.severity, message: f.message, source: "runtime", ...at, related });
    }
    return out;
  }

  /** The innermost frame the user wrote; undefined when its cell has run again since. */
  private locate(frames: CellFrame[], cells: ReadonlyMap<number, CompiledCellRecord>, allowStale = false): RuntimeFindingLocation | undefined {
    for (const frame of frames) {
      const record = cells.get(frame.execution);
      const original = record?.map.original({ line: frame.line, column: frame.column });
      if (!record || !original) continue; // the compiled wrapper's own code
      const cellId = this.cellIdOf.get(frame.execution);
      if (!allowStale && cellId !== undefined && this.latestRun.get(cellId) !== frame.execution) return undefined;
      return { cellId, label: record.label, line: original.line, column: original.column };
    }
    return undefined;
  }
}
