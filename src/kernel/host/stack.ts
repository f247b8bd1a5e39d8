/**
 * Rewrites a stack trace from the kernel so that it speaks of cells: frames in generated cell
 * scripts become "<cell label>:<line>:<column>" through each cell's source map, and frames of
 * the kernel itself (its bundle, node's vm internals) are dropped.
 */
import type { PositionMap, Position } from "../compiler/sourceMap";

export interface CompiledCellRecord {
  label: string;
  map: PositionMap;
}

/** Scripts are named `aibook-cell-<n>.js` so that frames can be recognized and mapped. */
export const cellFilename = (n: number) => `aibook-cell-${n}.js`;
const FRAME_LOCATION = /aibook-cell-(\d+)\.js:(\d+):(\d+)/;

export interface MappedStack {
  stack: string;
  /** Position of the first frame inside the cell `focus`, if any. */
  position?: Position;
}

/**
 * `inputError`: the runtime refused the cell's input (an AibookError, whose message already says
 * what and where): the frames above the first cell frame are the runtime's own and are dropped.
 */
export function mapStack(stack: string, cells: ReadonlyMap<number, CompiledCellRecord>, focus: number, internalPaths: string[], inputError = false): MappedStack {
  let position: Position | undefined;
  const lines: string[] = [];
  let inCells = false;
  const cellLabels = [...cells.values()].map((cell) => cell.label);
  for (const line of stack.split("\n")) {
    const isFrame = /^\s+at /.test(line);
    if (!isFrame) {
      lines.push(line);
      continue;
    }
    if (internalPaths.some((p) => p && line.includes(p)) || /\(node:(internal|vm)|at node:(internal|vm)/.test(line)) continue;
    const match = FRAME_LOCATION.exec(line);
    if (!match) {
      if (!inputError || inCells) lines.push(line);
      continue;
    }
    const n = Number(match[1]);
    const record = cells.get(n);
    const original = record?.map.original({ line: Number(match[2]), column: Number(match[3]) });
    if (!record || !original) continue; // the wrapper's own code: not the user's
    if (n === focus && !position) position = original;
    inCells = true;
    lines.push(line.replace(match[0], `${record.label}:${original.line}:${original.column}`));
  }
  // Below the outermost frame of a cell there is only the kernel calling it.
  let outermost = -1;
  lines.forEach((line, index) => {
    if (/^\s+at /.test(line) && cellLabels.some((label) => line.includes(`${label}:`))) outermost = index;
  });
  return { stack: (outermost >= 0 ? lines.slice(0, outermost + 1) : lines).join("\n"), position };
}
