/**
 * Row provenance: which rows of which source a value may hold. A row set ("atom") is a source
 * (a CSV read, a literal array, an index range) followed by the cuts that narrowed it: a part of a
 * split, a slice, a filter, a sample. Two atoms whose cut paths fork at a split are disjoint, at
 * overlapping slices they overlap, and when one path extends the other it is a subset. Anything the
 * analysis cannot decide is "unknown", and rules stay silent on unknown.
 */
import type ts from "typescript";

/** Where a cut came from, so a rule can point at the split call. */
export interface SplitFact {
  id: number;
  node: ts.Node;
  /** random: trainTestSplit or a random sample; time: by a date order; slice: cutting an array; kfold: cross-validation folds. */
  kind: "random" | "time" | "slice" | "sample" | "kfold" | "filter";
  /** true/false when the call says; null when it cannot be read (options in a variable). */
  stratified: boolean | null;
  /** The data was shuffled before a slice. */
  shuffled: boolean;
}

/** A linear bound `sym + k`; `sym` null for a constant, "$len" for the length of the sliced rows. */
export interface Bound {
  sym: string | null;
  k: number;
}

export type Cut =
  | { kind: "part"; key: string; split: SplitFact; side: string }
  | { kind: "slice"; key: string; split: SplitFact; start: Bound | null; end: Bound | null }
  | { kind: "filter"; key: string; split?: SplitFact };

export interface Root {
  key: string;
  /** A file path when the source is a file read with a literal path: two different files never overlap. */
  file?: string;
  /** An index range (0..n-1) whose cuts carry over to the rows it selects. */
  index?: boolean;
}

export interface Atom {
  root: Root;
  cuts: Cut[];
  key: string;
}

export type Relation = "equal" | "subset" | "superset" | "overlap" | "disjoint" | "unknown";

export function atom(root: Root, cuts: Cut[] = []): Atom {
  return { root, cuts, key: root.key + cuts.map((c) => "/" + c.key).join("") };
}

export function extend(a: Atom, cut: Cut): Atom {
  return atom(a.root, [...a.cuts, cut]);
}

const boundText = (b: Bound | null): string => (b === null ? "?" : `${b.sym ?? ""}${b.sym && b.k >= 0 ? "+" : ""}${b.k}`);

export function sliceKey(start: Bound | null, end: Bound | null, unique: number): string {
  return start === null || end === null ? `slice#${unique}` : `slice(${boundText(start)},${boundText(end)})`;
}

/** a < b for sure (true), a >= b for sure (false), or cannot tell (null). */
function lessThan(a: Bound, b: Bound): boolean | null {
  if (a.sym === b.sym) return a.k < b.k;
  // A constant against the end of the rows: the rows are longer than any constant cut in them.
  if (a.sym === null && b.sym === "$len" && b.k >= 0) return true;
  if (a.sym === "$len" && a.k >= 0 && b.sym === null) return false;
  return null;
}

function sliceRelation(a: Extract<Cut, { kind: "slice" }>, b: Extract<Cut, { kind: "slice" }>): Relation {
  if (!a.start || !a.end || !b.start || !b.end) return "unknown";
  const aEndsBeforeB = lessThan(b.start, a.end);
  const bEndsBeforeA = lessThan(a.start, b.end);
  if (aEndsBeforeB === false || bEndsBeforeA === false) return "disjoint";
  if (aEndsBeforeB === true && bEndsBeforeA === true) return "overlap";
  return "unknown";
}

/** Dropping duplicate or incomplete rows keeps (nearly) all of them: for overlap, the same rows. */
const keepsRows = (c: Cut) => c.kind === "filter" && (c.key === "dedup" || c.key === "dropna");
const randomPart = (c: Cut) => c.kind === "part" && (c.split.kind === "random" || c.split.kind === "sample");

/** How the rows of `a` relate to the rows of `b`. */
export function relateAtoms(a: Atom, b: Atom): Relation {
  if (a.key === b.key) return "equal";
  // Rows without their duplicates or incomplete rows are (nearly) the same rows: compare the rest.
  if (a.cuts.some(keepsRows) || b.cuts.some(keepsRows)) {
    const r = relateAtoms(atom(a.root, a.cuts.filter((c) => !keepsRows(c))), atom(b.root, b.cuts.filter((c) => !keepsRows(c))));
    return r === "equal" ? "overlap" : r;
  }
  if (a.root.key !== b.root.key) return a.root.file && b.root.file && a.root.file !== b.root.file ? "disjoint" : "unknown";
  let i = 0;
  while (i < a.cuts.length && i < b.cuts.length && a.cuts[i]!.key === b.cuts[i]!.key) i++;
  if (i === a.cuts.length) return "superset";
  if (i === b.cuts.length) return "subset";
  const ca = a.cuts[i]!;
  const cb = b.cuts[i]!;
  if (ca.kind === "part" && cb.kind === "part" && ca.split === cb.split) return ca.side === cb.side ? "unknown" : "disjoint";
  // Two different random splits of the same rows (or of them without duplicates) share rows.
  const restA = a.cuts.slice(i).filter((c) => !keepsRows(c));
  const restB = b.cuts.slice(i).filter((c) => !keepsRows(c));
  if (restA.length === 1 && restB.length === 1 && randomPart(restA[0]!) && randomPart(restB[0]!) && (restA[0] as { split: SplitFact }).split !== (restB[0] as { split: SplitFact }).split)
    return "overlap";
  if (ca.kind === "slice" && cb.kind === "slice") {
    const r = sliceRelation(ca, cb);
    if (r === "overlap" && (i + 1 < a.cuts.length || i + 1 < b.cuts.length)) return "unknown";
    return r;
  }
  return "unknown";
}

/** Relation between two unions of atoms: identical, sharing rows for sure, disjoint for sure, or unknown. */
export function relateRows(a: readonly Atom[], b: readonly Atom[]): "identical" | "overlap" | "disjoint" | "unknown" {
  if (a.length === 0 || b.length === 0) return "unknown";
  const aKeys = new Set(a.map((x) => x.key));
  const bKeys = new Set(b.map((x) => x.key));
  if (aKeys.size === bKeys.size && [...aKeys].every((k) => bKeys.has(k))) return "identical";
  let allDisjoint = true;
  for (const x of a)
    for (const y of b) {
      const r = relateAtoms(x, y);
      if (r === "equal" || r === "subset" || r === "superset" || r === "overlap") return "overlap";
      if (r !== "disjoint") allDisjoint = false;
    }
  return allDisjoint ? "disjoint" : "unknown";
}

/**
 * The first cut of `a` past what it shares with `b`: the step that made `a` differ from `b`. When
 * either set was assembled afterwards (rows pushed into an array, filtered again), that step alone
 * did not make the split, and there is no single fork to name.
 */
export function forkCut(a: Atom, b: Atom): Cut | undefined {
  if (a.root.key !== b.root.key) return undefined;
  let i = 0;
  while (i < a.cuts.length && i < b.cuts.length && a.cuts[i]!.key === b.cuts[i]!.key) i++;
  if ([...a.cuts.slice(i + 1), ...b.cuts.slice(i + 1)].some((c) => c.kind === "filter")) return undefined;
  return a.cuts[i];
}

export function uniqueAtoms(atoms: readonly Atom[]): Atom[] {
  const seen = new Map<string, Atom>();
  for (const a of atoms) if (!seen.has(a.key)) seen.set(a.key, a);
  return [...seen.values()];
}
