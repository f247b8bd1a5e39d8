/**
 * Shared pieces of the call semantics: the interpreter interface, building values, recording facts.
 */
import ts from "typescript";
import { complexityOfClass, harmlessTransformers, roleOfClass } from "../knowledge";
import { atom, extend, relateAtoms, sliceKey, uniqueAtoms, type Atom, type Bound, type Cut, type SplitFact } from "../rows";
import { atomsOf, dataOf, rowsOfArray, scoresOf, taintsOf, unknown, type ArrObj, type DataObj, type Facts, type FitFact, type FnObj, type ModelObj, type NumObj, type PredObj, type ScoreObj, type StepFact, type Value } from "../values";

/** What the semantics need from the interpreter. */
export interface Runtime {
  readonly facts: Facts;
  readonly sliceSplits: Map<ts.Node, SplitFact>;
  next(): number;
  anchor(node: ts.Node): ts.Node;
  apply(fn: Value, args: Value[], node: ts.Node): Value;
  callFunction(f: FnObj, args: Value[], node: ts.Node): Value;
  iterate(value: Value): Value;
  /** Runs code whose assignments may or may not happen (a branch, a loop body): they join what was there. */
  weakly(run: () => void): void;
}

// ---- helpers ----

export const num = (k: number, sym: string | null = null): NumObj => ({ t: "num", sym, k });
export const fresh = (rt: Runtime): NumObj => num(0, `#${rt.next()}`);
export const argNode = (node: ts.Node, i: number): ts.Expression | undefined =>
  ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments?.[i] : undefined;

/** Rows a value holds as data objects; an array built by pushing rows becomes a filtered copy of them. */
export function toData(_rt: Runtime, v: Value): DataObj[] {
  const out = dataOf(v);
  for (const o of v)
    if (o.t === "arr") {
      const rows = rowsOfArray(o);
      if (rows) out.push(rows);
    }
  return out;
}

export function data(atoms: Atom[], taints: Iterable<StepFact>, extra: Partial<DataObj> = {}): DataObj {
  return { t: "data", atoms: uniqueAtoms(atoms), taints: new Set(taints), ...extra };
}

export function sameRows(d: DataObj, args: Value[], extra: Partial<DataObj> = {}): DataObj {
  const taints = new Set(d.taints);
  for (const a of args) for (const s of taintsOf(a)) taints.add(s);
  return { t: "data", atoms: d.atoms, taints, elem: d.elem, shuffled: d.shuffled, timeOrdered: d.timeOrdered, tensor: d.tensor, ...extra };
}

export function literalOptions(node: ts.Expression | undefined): Map<string, ts.Expression> | null {
  if (!node || !ts.isObjectLiteralExpression(node)) return null;
  const out = new Map<string, ts.Expression>();
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.set(p.name.text, p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
    else return null; // a spread: cannot read the options
  }
  return out;
}

export function stringOptions(node: ts.Expression | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of literalOptions(node) ?? []) if (ts.isStringLiteralLike(v)) out[k] = v.text;
  return out;
}

export function newStep(rt: Runtime, name: string, atoms: Atom[], node: ts.Node): StepFact {
  const step: StepFact = { id: rt.next(), name, atoms, node: rt.anchor(node) };
  rt.facts.steps.push(step);
  return step;
}

export function newModel(rt: Runtime, cls: string, lib: string, node: ts.Node, optionsNode?: ts.Expression): ModelObj {
  const options = stringOptions(optionsNode);
  const model: ModelObj = {
    t: "model",
    id: rt.next(),
    cls,
    lib,
    role: roleOfClass(cls, options),
    complexity: complexityOfClass(cls, options),
    node,
    hints: {},
  };
  rt.facts.models.push(model);
  return model;
}

/** Classification hints in tfjs layer and compile options: a sigmoid/softmax output or a cross-entropy loss. */
export function readHints(model: ModelObj, node: ts.Node): void {
  const visit = (n: ts.Node): void => {
    // loss: tf.losses.softmaxCrossEntropy (a function, not its name): the same hint.
    if (ts.isIdentifier(n) && /crossentropy/i.test(n.text)) model.hints.classification = true;
    if (ts.isStringLiteralLike(n)) {
      if (/^(sigmoid|softmax)$|crossentropy/i.test(n.text)) model.hints.classification = true;
      else if (/^(meanSquaredError|mse|meanAbsoluteError|mae|huberLoss|linear)$/i.test(n.text) && model.hints.classification === undefined) model.hints.classification = false;
    }
    ts.forEachChild(n, visit);
  };
  for (const a of (node as ts.CallExpression).arguments ?? []) visit(a);
}

export function boundOf(v: Value, rows: DataObj | undefined, fallback: Bound | null): Bound | null {
  if (v.length === 0) return fallback;
  const nums = v.filter((o): o is NumObj => o.t === "num");
  const n = nums[0];
  if (!n || nums.length > 1) return null;
  if (rows && n.sym === lenSym(rows)) return { sym: "$len", k: n.k };
  if (n.sym === null && n.k < 0) return { sym: "$len", k: n.k };
  return { sym: n.sym, k: n.k };
}

export function lenSym(d: DataObj): string {
  return "len:" + d.atoms.map((a) => a.key).sort().join("|");
}

export function sliceSplit(rt: Runtime, node: ts.Node, d: DataObj): SplitFact {
  let split = rt.sliceSplits.get(node);
  if (!split) {
    split = { id: rt.next(), node: rt.anchor(node), kind: d.timeOrdered ? "time" : "slice", stratified: false, shuffled: !!d.shuffled };
    rt.sliceSplits.set(node, split);
    rt.facts.splits.push(split);
  } else if (d.shuffled) split.shuffled = true;
  return split;
}

export function slice(rt: Runtime, d: DataObj, start: Bound | null, end: Bound | null, node: ts.Node): DataObj {
  if (d.elem) return d;
  const split = sliceSplit(rt, node, d);
  const key = sliceKey(start, end, rt.next());
  const cut: Cut = { kind: "slice", key, split, start, end };
  return { ...sameRows(d, []), atoms: d.atoms.map((a) => extend(a, cut)) };
}

export function filter(rt: Runtime, d: DataObj, key: string): DataObj {
  if (d.elem) return d;
  return { ...sameRows(d, []), atoms: d.atoms.map((a) => extend(a, { kind: "filter", key })) };
}

/** Rows chosen by an index array: the index's cuts carry over to the rows it picks. */
export function gather(rt: Runtime, d: DataObj, index: Value, node: ts.Node): DataObj {
  const idx = dataOf(index).flatMap((i) => i.atoms).filter((a) => a.root.index);
  if (idx.length === 0) return filter(rt, d, `gather#${rt.next()}`);
  return { ...sameRows(d, []), atoms: uniqueAtoms(d.atoms.flatMap((a) => idx.map((i) => atom(a.root, [...a.cuts, ...i.cuts.map((c) => ({ ...c, key: `${i.root.key}:${c.key}` }))])))) };
}

export function indexRoot(rt: Runtime, shuffled: boolean): DataObj {
  const root = { key: `index#${rt.next()}`, index: true };
  return { t: "data", atoms: [atom(root)], taints: new Set(), shuffled };
}

/** Rows put together; the same rows twice (or a part next to its whole) is oversampling. */
export function concatRows(rt: Runtime, parts: Value[], node: ts.Node): Value {
  const datas = parts.flatMap((p) => toData(rt, p).filter((d) => !d.elem));
  if (datas.length === 0) return unknown;
  const all = datas.flatMap((d) => d.atoms);
  const taints = new Set(datas.flatMap((d) => [...d.taints]));
  let repeated = false;
  for (let i = 0; i < all.length && !repeated; i++)
    for (let j = i + 1; j < all.length && !repeated; j++) {
      const r = relateAtoms(all[i]!, all[j]!);
      if (r === "equal" || r === "subset" || r === "superset") repeated = true;
    }
  if (!repeated) return [data(all, taints)];
  // Oversampled rows are a new set: its own splits are known, its relation to the sources is not.
  const root = { key: `oversampled#${rt.next()}` };
  const step = newStep(rt, "oversampling (rows repeated by concatenation)", [atom(root)], node);
  return [data([atom(root)], [...taints, step])];
}

/** A random split into parts: cuts with one split fact, the same for features and labels. */
export function splitParts(d: DataObj, split: SplitFact, side: string): DataObj {
  return { t: "data", atoms: d.atoms.map((a) => extend(a, { kind: "part", key: `split#${split.id}:${side}`, split, side })), taints: d.taints };
}

export function recordSplit(rt: Runtime, node: ts.Node, kind: SplitFact["kind"], stratified: boolean | null, shuffled: boolean): SplitFact {
  const split: SplitFact = { id: rt.next(), node: rt.anchor(node), kind, stratified, shuffled };
  rt.facts.splits.push(split);
  return split;
}

export function stratifiedOption(opts: ts.Expression | undefined): boolean | null {
  if (!opts) return false;
  const map = literalOptions(opts);
  if (!map) return null;
  const s = map.get("stratify");
  if (!s) return false;
  if (s.kind === ts.SyntaxKind.FalseKeyword || s.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(s) && s.text === "undefined")) return false;
  return true;
}

// ---- models ----

export function fitModel(rt: Runtime, m: ModelObj, args: Value[], node: ts.Node, cv = false): FitFact {
  const fit: FitFact = { id: rt.next(), model: m, atoms: atomsOf(args[0] ?? unknown), node: rt.anchor(node), cv };
  rt.facts.fits.push(fit);
  if (!cv) m.fit = fit;
  return fit;
}

export function recordEval(rt: Runtime, model: ModelObj | null, fit: FitFact | undefined, rows: Value, extra: Value[], node: ts.Node, cv = false): ScoreObj {
  const taints = taintsOf(rows);
  for (const v of extra) for (const s of taintsOf(v)) taints.add(s);
  const evaluation = { id: rt.next(), model, fit, atoms: atomsOf(rows), taints, node: rt.anchor(node), cv };
  rt.facts.evals.push(evaluation);
  return { t: "score", evaluation };
}

export function fitStep(rt: Runtime, m: ModelObj, x: Value, node: ts.Node): void {
  if (harmlessTransformers.has(m.cls)) return;
  const atoms = atomsOf(x);
  if (atoms.length) m.step = newStep(rt, m.cls, atoms, node);
}

export function transformed(m: ModelObj, x: Value): Value {
  return toDataLoose(x).map((d) => sameRows(d, [], { taints: new Set([...d.taints, ...(m.step ? [m.step] : [])]) }));
}

export function toDataLoose(v: Value): DataObj[] {
  return dataOf(v);
}

export function deepScores(v: Value, depth = 3): ScoreObj[] {
  const out: ScoreObj[] = [...scoresOf(v)];
  if (depth > 0)
    for (const o of v) {
      if (o.t === "rec") for (const p of o.props.values()) out.push(...deepScores(p, depth - 1));
      if (o.t === "arr") out.push(...deepScores(o.elem, depth - 1));
    }
  return [...new Set(out)];
}

export function recordCompare(rt: Runtime, left: ScoreObj[], right: ScoreObj[], node: ts.Node): void {
  rt.facts.compares.push({ node: rt.anchor(node), left, right });
}

/** `a > b` between measured scores: choosing by score. */
export function compareScores(rt: Runtime, left: Value, right: Value, node: ts.Node): void {
  const l = deepScores(left, 1);
  const r = deepScores(right, 1);
  if (l.length && r.length) recordCompare(rt, l, r, node);
}

/** `pred[i] === y[i]` or `pred - y`: a metric computed by hand from predictions and labels. */
export function handMetric(rt: Runtime, left: Value, right: Value, node: ts.Node, equality = true): Value {
  const preds = [...left, ...right].filter((o): o is PredObj => o.t === "pred");
  const labels = [...left, ...right].filter((o) => o.t === "data");
  if (preds.length && labels.length) return preds.map((p) => recordEval(rt, p.model, p.fit, [p], [labels], node));
  // yTest[i] === majority, the majority a statistic of labels: a majority baseline written by hand.
  const stats = [...left, ...right].filter((o) => o.t === "stat");
  if (equality && stats.length && labels.length && (left.some((o) => o.t === "stat") !== right.some((o) => o.t === "stat"))) {
    const s = recordEval(rt, null, undefined, labels, [], node);
    s.evaluation.baseline = true;
    return [s];
  }
  return unknown;
}
