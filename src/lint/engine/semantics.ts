/**
 * What library calls and methods do to rows: the aibook runtime, danfojs, TensorFlow.js, the ml-*
 * packages and plain arrays. Each function maps abstract arguments to an abstract result and
 * records facts (fits, preprocessing steps, evaluations, splits, score comparisons) on the way.
 * Anything not listed returns "unknown", so the rules stay silent about it.
 */
import ts from "typescript";
import {
  complexityOfClass,
  defaultExportClass,
  harmlessTransformers,
  resamplers,
  roleOfClass,
  rowPreservingMethods,
  statisticMethods,
  timeWord,
} from "./knowledge";
import { atom, extend, relateAtoms, sliceKey, uniqueAtoms, type Atom, type Bound, type Cut, type SplitFact } from "./rows";
import {
  atomsOf,
  dataOf,
  join,
  modelsOf,
  scoresOf,
  taintsOf,
  unknown,
  type ArrObj,
  type DataObj,
  type Facts,
  type FitFact,
  type FnObj,
  type ModelObj,
  type NumObj,
  type Obj,
  type PredObj,
  type ScoreObj,
  type StatObj,
  type StepFact,
  type StrObj,
  type Value,
} from "./values";

/** What the semantics need from the interpreter. */
export interface Runtime {
  readonly facts: Facts;
  readonly sliceSplits: Map<ts.Node, SplitFact>;
  next(): number;
  anchor(node: ts.Node): ts.Node;
  apply(fn: Value, args: Value[], node: ts.Node): Value;
  callFunction(f: FnObj, args: Value[], node: ts.Node): Value;
  iterate(value: Value): Value;
}

// ---- helpers ----

const num = (k: number, sym: string | null = null): NumObj => ({ t: "num", sym, k });
const fresh = (rt: Runtime): NumObj => num(0, `#${rt.next()}`);
const argNode = (node: ts.Node, i: number): ts.Expression | undefined =>
  ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments?.[i] : undefined;

/** Rows a value holds as data objects; an array built by pushing rows becomes a filtered copy of them. */
export function toData(rt: Runtime, v: Value): DataObj[] {
  const out = dataOf(v);
  for (const o of v)
    if (o.t === "arr") {
      const rows = dataOf(o.elem);
      if (rows.length) {
        const key = `built#${arrId(o)}`;
        out.push({
          t: "data",
          atoms: uniqueAtoms(rows.flatMap((d) => d.atoms.map((a) => extend(a, { kind: "filter", key })))),
          taints: new Set(rows.flatMap((d) => [...d.taints])),
        });
      }
    }
  return out;
}

const arrIds = new WeakMap<ArrObj, number>();
let arrCounter = 0;
function arrId(a: ArrObj): number {
  let id = arrIds.get(a);
  if (id === undefined) arrIds.set(a, (id = ++arrCounter));
  return id;
}

function data(atoms: Atom[], taints: Iterable<StepFact>, extra: Partial<DataObj> = {}): DataObj {
  return { t: "data", atoms: uniqueAtoms(atoms), taints: new Set(taints), ...extra };
}

function sameRows(d: DataObj, args: Value[], extra: Partial<DataObj> = {}): DataObj {
  const taints = new Set(d.taints);
  for (const a of args) for (const s of taintsOf(a)) taints.add(s);
  return { t: "data", atoms: d.atoms, taints, elem: d.elem, shuffled: d.shuffled, timeOrdered: d.timeOrdered, ...extra };
}

function literalOptions(node: ts.Expression | undefined): Map<string, ts.Expression> | null {
  if (!node || !ts.isObjectLiteralExpression(node)) return null;
  const out = new Map<string, ts.Expression>();
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.set(p.name.text, p.initializer);
    else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
    else return null; // a spread: cannot read the options
  }
  return out;
}

function stringOptions(node: ts.Expression | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of literalOptions(node) ?? []) if (ts.isStringLiteralLike(v)) out[k] = v.text;
  return out;
}

function newStep(rt: Runtime, name: string, atoms: Atom[], node: ts.Node): StepFact {
  const step: StepFact = { id: rt.next(), name, atoms, node: rt.anchor(node) };
  rt.facts.steps.push(step);
  return step;
}

function newModel(rt: Runtime, cls: string, lib: string, node: ts.Node, optionsNode?: ts.Expression): ModelObj {
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
function readHints(model: ModelObj, node: ts.Node): void {
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n)) {
      if (/^(sigmoid|softmax)$|crossentropy/i.test(n.text)) model.hints.classification = true;
      else if (/^(meanSquaredError|mse|meanAbsoluteError|mae|huberLoss|linear)$/i.test(n.text) && model.hints.classification === undefined) model.hints.classification = false;
    }
    ts.forEachChild(n, visit);
  };
  for (const a of (node as ts.CallExpression).arguments ?? []) visit(a);
}

function boundOf(v: Value, rows: DataObj | undefined, fallback: Bound | null): Bound | null {
  if (v.length === 0) return fallback;
  const nums = v.filter((o): o is NumObj => o.t === "num");
  const n = nums[0];
  if (!n || nums.length > 1) return null;
  if (rows && n.sym === lenSym(rows)) return { sym: "$len", k: n.k };
  if (n.sym === null && n.k < 0) return { sym: "$len", k: n.k };
  return { sym: n.sym, k: n.k };
}

function lenSym(d: DataObj): string {
  return "len:" + d.atoms.map((a) => a.key).sort().join("|");
}

function sliceSplit(rt: Runtime, node: ts.Node, d: DataObj): SplitFact {
  let split = rt.sliceSplits.get(node);
  if (!split) {
    split = { id: rt.next(), node: rt.anchor(node), kind: d.timeOrdered ? "time" : "slice", stratified: false, shuffled: !!d.shuffled };
    rt.sliceSplits.set(node, split);
    rt.facts.splits.push(split);
  } else if (d.shuffled) split.shuffled = true;
  return split;
}

function slice(rt: Runtime, d: DataObj, start: Bound | null, end: Bound | null, node: ts.Node): DataObj {
  if (d.elem) return d;
  const split = sliceSplit(rt, node, d);
  const key = sliceKey(start, end, rt.next());
  const cut: Cut = { kind: "slice", key, split, start, end };
  return { ...sameRows(d, []), atoms: d.atoms.map((a) => extend(a, cut)) };
}

function filter(rt: Runtime, d: DataObj, key: string): DataObj {
  if (d.elem) return d;
  return { ...sameRows(d, []), atoms: d.atoms.map((a) => extend(a, { kind: "filter", key })) };
}

/** Rows chosen by an index array: the index's cuts carry over to the rows it picks. */
function gather(rt: Runtime, d: DataObj, index: Value, node: ts.Node): DataObj {
  const idx = dataOf(index).flatMap((i) => i.atoms).filter((a) => a.root.index);
  if (idx.length === 0) return filter(rt, d, `gather#${rt.next()}`);
  return { ...sameRows(d, []), atoms: uniqueAtoms(d.atoms.flatMap((a) => idx.map((i) => atom(a.root, [...a.cuts, ...i.cuts.map((c) => ({ ...c, key: `${i.root.key}:${c.key}` }))])))) };
}

function indexRoot(rt: Runtime, shuffled: boolean): DataObj {
  const root = { key: `index#${rt.next()}`, index: true };
  return { t: "data", atoms: [atom(root)], taints: new Set(), shuffled };
}

/** Rows put together; the same rows twice (or a part next to its whole) is oversampling. */
function concatRows(rt: Runtime, parts: Value[], node: ts.Node): Value {
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
function splitParts(d: DataObj, split: SplitFact, side: string): DataObj {
  return { t: "data", atoms: d.atoms.map((a) => extend(a, { kind: "part", key: `split#${split.id}:${side}`, split, side })), taints: d.taints };
}

function recordSplit(rt: Runtime, node: ts.Node, kind: SplitFact["kind"], stratified: boolean | null, shuffled: boolean): SplitFact {
  const split: SplitFact = { id: rt.next(), node: rt.anchor(node), kind, stratified, shuffled };
  rt.facts.splits.push(split);
  return split;
}

function stratifiedOption(opts: ts.Expression | undefined): boolean | null {
  if (!opts) return false;
  const map = literalOptions(opts);
  if (!map) return null;
  const s = map.get("stratify");
  if (!s) return false;
  if (s.kind === ts.SyntaxKind.FalseKeyword || s.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(s) && s.text === "undefined")) return false;
  return true;
}

// ---- models ----

function fitModel(rt: Runtime, m: ModelObj, args: Value[], node: ts.Node, cv = false): FitFact {
  const fit: FitFact = { id: rt.next(), model: m, atoms: atomsOf(args[0] ?? unknown), node: rt.anchor(node), cv };
  rt.facts.fits.push(fit);
  if (!cv) m.fit = fit;
  return fit;
}

function recordEval(rt: Runtime, model: ModelObj | null, fit: FitFact | undefined, rows: Value, extra: Value[], node: ts.Node, cv = false): ScoreObj {
  const taints = taintsOf(rows);
  for (const v of extra) for (const s of taintsOf(v)) taints.add(s);
  const evaluation = { id: rt.next(), model, fit, atoms: atomsOf(rows), taints, node: rt.anchor(node), cv };
  rt.facts.evals.push(evaluation);
  return { t: "score", evaluation };
}

function fitStep(rt: Runtime, m: ModelObj, x: Value, node: ts.Node): void {
  if (harmlessTransformers.has(m.cls)) return;
  const atoms = atomsOf(x);
  if (atoms.length) m.step = newStep(rt, m.cls, atoms, node);
}

function transformed(m: ModelObj, x: Value): Value {
  return toDataLoose(x).map((d) => sameRows(d, [], { taints: new Set([...d.taints, ...(m.step ? [m.step] : [])]) }));
}

function toDataLoose(v: Value): DataObj[] {
  return dataOf(v);
}

function modelMethod(rt: Runtime, m: ModelObj, name: string, args: Value[], node: ts.Node): Value {
  switch (name) {
    case "fit":
    case "train":
    case "fitDataset": {
      if (m.role === "transformer") {
        fitStep(rt, m, args[0] ?? unknown, node);
        return [m];
      }
      if (m.role === "unsupervised") return [m];
      const fit = fitModel(rt, m, args, node);
      if (m.lib === "tf") {
        const opts = literalOptions(argNode(node, name === "fitDataset" ? 1 : 2));
        if (opts?.has("validationSplit")) recordEval(rt, m, fit, args[0] ?? unknown, [], node, true);
        if (opts?.has("validationData")) {
          const held = getProperty(rt, args[name === "fitDataset" ? 1 : 2] ?? unknown, "validationData");
          recordEval(rt, m, fit, join(elementOf(rt, held, [num(0)]), dataOf(held).filter((d) => !d.elem)), [], node);
        }
        return unknown;
      }
      return name === "train" ? unknown : [m];
    }
    case "fitTransform":
    case "fit_transform":
    case "fitResample":
    case "fit_resample": {
      fitStep(rt, m, args[0] ?? unknown, node);
      if (resamplers.has(m.cls) || name.startsWith("fitR") || name === "fit_resample") {
        const parts = args.map((a) => transformed(m, a));
        return [{ t: "arr", elems: parts, elem: join(...parts) }, ...parts[0]!];
      }
      return transformed(m, args[0] ?? unknown);
    }
    case "transform":
    case "inverseTransform":
      return transformed(m, args[0] ?? unknown);
    case "predict":
    case "predictProba":
    case "predict_proba":
    case "predictClasses":
    case "classify": {
      if (m.role === "transformer" || m.role === "unsupervised") return unknown;
      const x = args[0] ?? unknown;
      return [{ t: "pred", model: m, fit: m.fit, atoms: atomsOf(x), taints: taintsOf(x) } satisfies PredObj];
    }
    case "evaluate":
    case "score": {
      if (m.role === "transformer" || m.role === "unsupervised") return unknown;
      const s = recordEval(rt, m, m.fit, args[0] ?? unknown, args.slice(1), node);
      return [s, { t: "arr", elems: [[s], [s]], elem: [s] }];
    }
    case "evaluateDataset": {
      const s = recordEval(rt, m, m.fit, args[0] ?? unknown, [], node);
      return [s];
    }
    case "clone": {
      const copy = newModel(rt, m.cls, m.lib, node);
      copy.role = m.role;
      copy.complexity = m.complexity;
      copy.hints = { ...m.hints };
      return [copy];
    }
    case "compile":
    case "add":
      readHints(m, node);
      return unknown;
    default:
      return unknown;
  }
}

// ---- data methods ----

function sampleOrShuffle(rt: Runtime, d: DataObj, args: Value[], node: ts.Node): DataObj {
  const opts = literalOptions(argNode(node, 0));
  const frac = opts?.get("frac");
  const n = args[0]?.find((o): o is NumObj => o.t === "num");
  const whole = (frac && ts.isNumericLiteral(frac) && Number(frac.text) >= 1) || (n && n.sym === lenSym(d) && n.k === 0);
  if (whole) return sameRows(d, [], { shuffled: true });
  const split = recordSplit(rt, node, "sample", false, true);
  return splitParts(d, split, "taken");
}

/** A bound written in a row range: "12", "-5", "" (the default), or a symbolic number spelled in by a template. */
function rangeBound(text: string, fallback: Bound): Bound | null {
  const t = text.trim();
  if (t === "") return fallback;
  if (/^-?\d+$/.test(t)) return Number(t) < 0 ? { sym: "$len", k: Number(t) } : { sym: null, k: Number(t) };
  const m = /^\u0001(.*)\u0002(-?[\d.e]+)\u0003$/.exec(t);
  return m ? { sym: m[1]!, k: Number(m[2]) } : null;
}

/** danfojs `iloc({ rows })` / `loc({ rows })`: "a:b" strings slice, index arrays gather, masks filter. */
function locRows(rt: Runtime, d: DataObj, args: Value[], node: ts.Node): DataObj | undefined {
  const rows = getProperty(rt, args[0] ?? unknown, "rows");
  if (rows.length === 0) return literalOptions(argNode(node, 0))?.has("rows") ? filter(rt, d, `rows#${rt.next()}`) : undefined;
  const spec = elementOf(rt, rows, [num(0)]).filter((o): o is StrObj => o.t === "str");
  if (spec.length === 1 && spec[0]!.v.includes(":")) {
    const [from, to, extra] = spec[0]!.v.split(":");
    const start = rangeBound(from ?? "", { sym: null, k: 0 });
    const end = rangeBound(to ?? "", { sym: "$len", k: 0 });
    if (extra === undefined && start && end) return slice(rt, d, start, end, node);
  }
  if (dataOf(rows).some((r) => r.atoms.some((a) => a.root.index))) return gather(rt, d, rows, node);
  return filter(rt, d, `rows#${rt.next()}`);
}

function dropRows(rt: Runtime, d: DataObj, args: Value[], node: ts.Node): DataObj {
  const opts = literalOptions(argNode(node, 0));
  if (!opts?.has("index")) return sameRows(d, []);
  // df.drop({ index: test.index }) after test = df.sample(n): the rest of the sample's split.
  for (const o of dataOf(args[0] ? getProperty(rt, args[0], "index") : unknown))
    for (const a of o.atoms) {
      const last = a.cuts[a.cuts.length - 1];
      if (last?.kind === "part" && last.side === "taken" && d.atoms.some((x) => relateAtoms(a, x) === "subset" && x.cuts.length === a.cuts.length - 1))
        return splitParts(d, last.split, "rest");
    }
  return filter(rt, d, `drop#${rt.next()}`);
}

function callbackArgs(rt: Runtime, receiver: Value, args: Value[], node: ts.Node, extra: (el: Value) => Value[] = (el) => [el, [fresh(rt)], receiver]): Value {
  const results: Value[] = [];
  for (const f of args[0] ?? unknown) if (f.t === "fn") results.push(rt.callFunction(f, extra(rt.iterate(receiver)), node));
  return join(...results);
}

function dataMethod(rt: Runtime, d: DataObj, name: string, args: Value[], node: ts.Node): Value {
  const self: Value = [d];
  if (d.elem) {
    if (name === "map" || name === "forEach" || name === "filter" || name === "reduce") callbackArgs(rt, self, args, node);
    if (statisticMethods.has(name) || name === "reduce") return [d];
    return [sameRows(d, args)];
  }
  switch (name) {
    case "slice": {
      const a0 = argNode(node, 0);
      if (a0 && ts.isArrayLiteralExpression(a0)) {
        // tensor.slice([begin, 0], [size, -1])
        const begin = boundOf(elementOf(rt, args[0]!, [num(0)]), d, { sym: null, k: 0 });
        const size = args[1] ? elementOf(rt, args[1], [num(0)]) : unknown;
        const sizes = size.filter((o): o is NumObj => o.t === "num");
        const sz = sizes.length === 1 ? sizes[0] : undefined;
        const end = sz && sz.k === -1 && sz.sym === null ? { sym: "$len", k: 0 } : begin && sz && begin.sym === null && sz.sym === null ? { sym: null, k: begin.k + sz.k } : null;
        return [slice(rt, d, begin, end, node)];
      }
      return [slice(rt, d, boundOf(args[0] ?? unknown, d, { sym: null, k: 0 }), boundOf(args[1] ?? unknown, d, { sym: "$len", k: 0 }), node)];
    }
    case "head":
    case "take":
      return [slice(rt, d, { sym: null, k: 0 }, boundOf(args[0] ?? [num(5)], d, null), node)];
    case "skip":
      return [slice(rt, d, boundOf(args[0] ?? unknown, d, null), { sym: "$len", k: 0 }, node)];
    case "tail": {
      const n = boundOf(args[0] ?? [num(5)], d, null);
      return [slice(rt, d, n && n.sym === null ? { sym: "$len", k: -n.k } : null, { sym: "$len", k: 0 }, node)];
    }
    case "splice": {
      const split = recordSplit(rt, node, "slice", false, !!d.shuffled);
      const taken = splitParts(d, split, "taken");
      const rest = splitParts(d, split, "rest");
      d.atoms = rest.atoms;
      return [taken];
    }
    case "iloc":
    case "loc":
      return [locRows(rt, d, args, node) ?? sameRows(d, [])];
    case "filter":
    case "query":
      callbackArgs(rt, self, args, node);
      return [filter(rt, d, `filter#${rt.next()}`)];
    case "dropNa":
    case "dropna":
    case "dropDuplicates":
    case "drop_duplicates":
      return [filter(rt, d, name.toLowerCase().startsWith("dropn") ? "dropna" : "dedup")];
    case "drop":
      return [dropRows(rt, d, args, node)];
    case "sample":
      return [sampleOrShuffle(rt, d, args, node)];
    case "shuffle":
      if (argNode(node, 0) && !ts.isNumericLiteral(argNode(node, 0)!)) return [sameRows(d, [], { shuffled: true })];
      d.shuffled = true;
      return [sameRows(d, [], { shuffled: true })];
    case "sort": {
      const text = argNode(node, 0)?.getText() ?? "";
      if (/Math\.random/.test(text)) d.shuffled = true;
      else if (timeWord.test(text)) d.timeOrdered = true;
      return [d];
    }
    case "sortValues":
    case "sort_values":
    case "sortBy": {
      const text = argNode(node, 0)?.getText() ?? "";
      return [sameRows(d, [], { timeOrdered: timeWord.test(text), shuffled: false })];
    }
    case "concat":
      return concatRows(rt, [self, ...args], node);
    case "gather":
      return [gather(rt, d, args[0] ?? unknown, node)];
    case "push":
    case "unshift":
      return unknown;
    case "forEach":
      callbackArgs(rt, self, args, node);
      return unknown;
    case "reduce": {
      callbackArgs(rt, self, args, node, (el) => [join(args[1] ?? unknown, el), el, [fresh(rt)]]);
      return [{ t: "stat", step: newStep(rt, "a statistic (reduce)", d.atoms, node) } satisfies StatObj];
    }
    case "map": {
      const out = callbackArgs(rt, self, args, node);
      const picked = dataOf(out).filter((o) => o.elem && d.atoms.every((a) => a.root.index) && o.atoms.some((a) => !a.root.index));
      if (picked.length) return picked.map((p) => gather(rt, { ...p, elem: false }, self, node));
      return [sameRows(d, [out])];
    }
    case "index":
      return [d];
  }
  if (statisticMethods.has(name)) {
    const step = newStep(rt, `the ${name}`, d.atoms, node);
    const stat: StatObj = { t: "stat", step };
    if (name === "moments") return [{ t: "rec", props: new Map([["mean", [stat]], ["variance", [stat]]]) }];
    return [stat];
  }
  if (rowPreservingMethods.has(name)) return [sameRows(d, args)];
  return unknown;
}

// ---- arrays of things that are not rows (models, scores, records) ----

function arrMethod(rt: Runtime, a: ArrObj, name: string, args: Value[], node: ts.Node): Value {
  const self: Value = [a];
  switch (name) {
    case "push":
    case "unshift":
      a.elem = join(a.elem, ...args);
      return unknown;
    case "map":
    case "flatMap": {
      const out = callbackArgs(rt, self, args, node);
      return [{ t: "arr", elems: null, elem: out }];
    }
    case "forEach":
      callbackArgs(rt, self, args, node);
      return unknown;
    case "filter":
    case "slice":
    case "concat":
    case "reverse":
      if (name === "filter") callbackArgs(rt, self, args, node);
      return [{ t: "arr", elems: null, elem: join(a.elem, ...(name === "concat" ? args.map((x) => rt.iterate(x)) : [])) }];
    case "find":
    case "at":
    case "pop":
    case "shift":
      if (name === "find") callbackArgs(rt, self, args, node);
      return a.elem;
    case "sort":
    case "toSorted": {
      // Sorted by score: numbers without a comparator, or a comparator whose result is made of scores.
      const byCallback = callbackArgs(rt, self, args, node, (el) => [el, el]);
      const scores = args[0]?.some((o) => o.t === "fn") ? scoresOf(byCallback) : scoresOf(a.elem);
      if (scores.length) recordCompare(rt, scores, scores, node);
      return self;
    }
    case "reduce": {
      return callbackArgs(rt, self, args, node, (el) => [join(args[1] ?? unknown, a.elem), el, [fresh(rt)]]);
    }
    default:
      return unknown;
  }
}

function deepScores(v: Value, depth = 3): ScoreObj[] {
  const out: ScoreObj[] = [...scoresOf(v)];
  if (depth > 0)
    for (const o of v) {
      if (o.t === "rec") for (const p of o.props.values()) out.push(...deepScores(p, depth - 1));
      if (o.t === "arr") out.push(...deepScores(o.elem, depth - 1));
    }
  return [...new Set(out)];
}

function recordCompare(rt: Runtime, left: ScoreObj[], right: ScoreObj[], node: ts.Node): void {
  rt.facts.compares.push({ node: rt.anchor(node), left, right });
}

/** `a > b` between measured scores: choosing by score. */
export function compareScores(rt: Runtime, left: Value, right: Value, node: ts.Node): void {
  const l = deepScores(left, 1);
  const r = deepScores(right, 1);
  if (l.length && r.length) recordCompare(rt, l, r, node);
}

/** `pred[i] === y[i]` or `pred - y`: a metric computed by hand from predictions and labels. */
export function handMetric(rt: Runtime, left: Value, right: Value, node: ts.Node): Value {
  const preds = [...left, ...right].filter((o): o is PredObj => o.t === "pred");
  const labels = [...left, ...right].filter((o) => o.t === "data");
  if (!preds.length || !labels.length) return unknown;
  return preds.map((p) => recordEval(rt, p.model, p.fit, [p], [labels], node));
}

/** + - * / on abstract values: scores stay scores, data stays data (picking up statistics), numbers fold. */
export function arithmetic(rt: Runtime, left: Value, right: Value, op: string, _node: ts.Node): Value {
  const all = [...left, ...right];
  const scores = all.filter((o) => o.t === "score");
  if (scores.length) return scores;
  const datas = all.filter((o): o is DataObj => o.t === "data");
  const stats = all.filter((o): o is StatObj => o.t === "stat");
  if (datas.length) return [sameRows(datas[0]!, [datas.slice(1), stats])];
  if (stats.length) return stats;
  const a = left.length === 1 && left[0]!.t === "num" ? (left[0] as NumObj) : undefined;
  const b = right.length === 1 && right[0]!.t === "num" ? (right[0] as NumObj) : undefined;
  if (a && b) {
    if (op === "+" && (a.sym === null || b.sym === null)) return [num(a.k + b.k, a.sym ?? b.sym)];
    if (op === "-" && b.sym === null) return [num(a.k - b.k, a.sym)];
    if (a.sym === null && b.sym === null) {
      const k = op === "*" ? a.k * b.k : op === "/" ? a.k / b.k : NaN;
      if (Number.isFinite(k)) return [num(k)];
    }
  }
  return [fresh(rt)];
}

// ---- properties and elements ----

const notRows = new Set(["columns", "dtypes", "size", "ndim", "rank", "dtype", "name", "config"]);

/** `v.name`, or `v["name"]` (`column`: a string index on rows is always a column, even "size"). */
export function getProperty(rt: Runtime, v: Value, name: string, _node?: ts.Node, column = false): Value {
  const out: Obj[] = [];
  for (const o of v) {
    switch (o.t) {
      case "lib":
        out.push({ t: "lib", path: `${o.path}/${name}` });
        break;
      case "rec":
        out.push(...(o.props.get(name) ?? unknown));
        break;
      case "data":
        if (column) out.push(o.elem ? o : sameRows(o, []));
        else if (name === "length") out.push(num(0, lenSym(o)));
        else if (name === "shape") out.push({ t: "arr", elems: [[num(0, lenSym(o))]], elem: [] });
        else if (!notRows.has(name)) out.push(o.elem ? o : sameRows(o, []));
        break;
      case "pred":
      case "score":
      case "stat":
        out.push(o);
        break;
      case "board":
        out.push(...(name === "model" ? o.models : [o]));
        break;
      case "arr":
        if (name === "length") out.push(fresh(rt));
        break;
    }
  }
  return out;
}

export function elementOf(rt: Runtime, v: Value, index: Value): Value {
  const k = index.length === 1 && index[0]!.t === "num" && index[0].sym === null ? index[0].k : undefined;
  const out: Obj[] = [];
  for (const o of v) {
    switch (o.t) {
      case "data":
        if (o.tuple && k !== undefined && o.tuple[k]) out.push(...o.tuple[k]!);
        else if (o.tuple && k === undefined) out.push(...o.tuple.flat());
        out.push(o.elem ? o : { ...sameRows(o, []), elem: true, tuple: undefined });
        break;
      case "arr":
        if (o.elems && k !== undefined && o.elems[k]) out.push(...o.elems[k]!);
        else out.push(...o.elem);
        break;
      case "pred":
      case "score":
      case "stat":
        out.push(o);
        break;
      case "rec":
        if (k !== undefined && o.props.has(String(k))) out.push(...o.props.get(String(k))!);
        break;
    }
  }
  return [...new Set(out)];
}

// ---- calls ----

/** A method call on every object the receiver may be. */
export function callMethod(rt: Runtime, receiver: Value, name: string, args: Value[], node: ts.Node): Value {
  const results: Value[] = [];
  for (const o of receiver) {
    switch (o.t) {
      case "lib":
        results.push(callLibrary(rt, `${o.path}/${name}`, args, node, false));
        break;
      case "data":
        results.push(dataMethod(rt, o, name, args, node));
        break;
      case "model":
        results.push(modelMethod(rt, o, name, args, node));
        break;
      case "pred":
        if (/^(equal|notEqual|sub|squaredDifference|eq|ne)$/.test(name) && args.some((a) => a.some((x) => x.t === "data"))) {
          // tensor metrics by hand: preds.argMax(-1).equal(ys.argMax(-1)).mean()
          results.push(handMetric(rt, [o], join(...args), node));
        } else if (name === "map" || name === "filter" || name === "forEach" || name === "reduce" || name === "every" || name === "some") {
          const measured = scoresOf(callbackArgs(rt, [o], args, node, (el) => (name === "reduce" ? [join(args[1] ?? unknown, el), el, [fresh(rt)]] : [el, [fresh(rt)], [o]])));
          results.push(measured.length ? measured : [o]);
        } else results.push([o]);
        break;
      case "score":
        results.push([o]);
        break;
      case "arr": {
        const rows = toData(rt, [o]);
        if (rows.length && name !== "push" && name !== "unshift") results.push(...rows.map((d) => dataMethod(rt, d, name, args, node)));
        else results.push(arrMethod(rt, o, name, args, node));
        break;
      }
      case "rec": {
        const member = o.props.get(name);
        if (member) results.push(rt.apply(member, args, node));
        break;
      }
      case "board":
        results.push([o]);
        break;
      case "stat":
        results.push([o]);
        break;
      case "fn":
        if (name === "call" || name === "apply") results.push(rt.callFunction(o, args.slice(1), node));
        break;
    }
  }
  if (receiver.length === 0) for (const a of args) for (const f of a) if (f.t === "fn") rt.callFunction(f, [], node);
  return join(...results);
}

const tfTensor = /^tf\/(tensor|tensor1d|tensor2d|tensor3d|tensor4d|data\/array|stack|cast|sub|div|mul|add|abs|log|oneHot|expandDims|reshape)$/;

/** A call (or `new`) of a library function or class, by its path ("aibook/trainTestSplit"). */
export function callLibrary(rt: Runtime, path: string, args: Value[], node: ts.Node, isNew: boolean): Value {
  const slash = path.indexOf("/");
  const lib = slash < 0 ? path : path.slice(0, slash);
  const name = path.slice(path.lastIndexOf("/") + 1);
  const a0 = args[0] ?? unknown;
  const optionsNode = argNode(node, 0);

  if (path === "$concat") return concatRows(rt, args, node);

  // Model and transformer classes, from any package, by class name.
  if (isNew || /^[A-Z]/.test(name)) {
    let cls = name === "default" ? defaultExportClass[lib] : name;
    if (path === "dfd/DataFrame" || path === "dfd/Series") return dataOf(a0).map((d) => sameRows(d, []));
    if (cls && (roleOfClass(cls) !== "unknown" || complexityOfClass(cls) !== "other")) {
      if (lib === "tf") return unknown;
      const model = newModel(rt, cls, lib, node, optionsNode);
      // ml-knn and friends train in the constructor: new KNN(X, y, options).
      if (isNew && dataOf(a0).length && dataOf(args[1] ?? unknown).length && model.role !== "transformer") fitModel(rt, model, args, node);
      return [model];
    }
  }

  switch (lib) {
    case "aibook":
      return aibookCall(rt, path.slice(7), args, node);
    case "tf":
      if (path === "tf/sequential" || path === "tf/model") {
        const m = newModel(rt, "Sequential", "tf", node);
        m.complexity = "complex";
        readHints(m, node);
        return [m];
      }
      if (path === "tf/split") {
        const d = dataOf(a0)[0];
        const sizes = argNode(node, 1);
        if (!d || !sizes || !ts.isArrayLiteralExpression(sizes)) return unknown;
        let start: Bound | null = { sym: null, k: 0 };
        const parts: Value[] = sizes.elements.map((el, i) => {
          const size = ts.isNumericLiteral(el) ? Number(el.text) : NaN;
          const end: Bound | null = i === sizes.elements.length - 1 ? { sym: "$len", k: 0 } : start && Number.isFinite(size) && start.sym === null ? { sym: null, k: start.k + size } : null;
          const part = [slice(rt, d, start, end, el)];
          start = end;
          return part;
        });
        return [{ t: "arr", elems: parts, elem: join(...parts) }];
      }
      if (path === "tf/concat" || path === "tf/data/zip") return concatRows(rt, [rt.iterate(a0), ...dataOf(a0).map((d) => [d] as Value)], node);
      if (path === "tf/moments") return dataMethod(rt, dataOf(a0)[0] ?? data([], []), "moments", [], node);
      if (path === "tf/util/shuffle") {
        for (const d of toData(rt, a0)) d.shuffled = true;
        for (const o of a0) if (o.t === "data") o.shuffled = true;
        return unknown;
      }
      if (path === "tf/util/createShuffledIndices") return [indexRoot(rt, true)];
      if (path === "tf/range") return [indexRoot(rt, false)];
      if (/^tf\/(mean|max|min|sum|variance|norm)$/.test(path)) return dataOf(a0).length ? dataMethod(rt, dataOf(a0)[0]!, name, [], node) : unknown;
      if (/^tf\/(metrics|losses)\//.test(path)) return metricCall(rt, args, node);
      if (/^tf\/(equal|notEqual|sub|squaredDifference)$/.test(path) && args.some((a) => a.some((o) => o.t === "pred")))
        return handMetric(rt, a0, args[1] ?? unknown, node);
      if (tfTensor.test(path)) return dataOf(a0).map((d) => sameRows(d, args.slice(1)));
      return unknown;
    case "dfd":
      if (/^dfd\/(readCSV|readJSON|readExcel|read_csv|readCsv)$/.test(path)) return [readRoot(rt, node)];
      if (path === "dfd/concat") {
        const opts = literalOptions(optionsNode);
        const list = opts?.get("dfList") ?? opts?.get("df_list");
        const axis = opts?.get("axis");
        if (axis && ts.isNumericLiteral(axis) && axis.text === "1") return dataOf(rt.iterate(getProperty(rt, a0, "dfList")));
        if (list && ts.isArrayLiteralExpression(list)) {
          const parts = getProperty(rt, a0, list === opts?.get("dfList") ? "dfList" : "df_list");
          const arr = parts.find((o) => o.t === "arr") as ArrObj | undefined;
          if (arr?.elems) return concatRows(rt, arr.elems, node);
        }
        return unknown;
      }
      return unknown;
    case "fs":
      if (/^fs\/(readFileSync|readFile|default\/readFileSync|promises\/readFile)$/.test(path)) return [readRoot(rt, node)];
      return unknown;
    case "JSON":
      return name === "parse" ? dataOf(a0).map((d) => sameRows(d, [])) : unknown;
    case "Math":
      if (name === "max" || name === "min") {
        const flat = args.flatMap((a) => [...a, ...rt.iterate(a)]);
        const scores = deepScores(flat, 1);
        if (scores.length > 1) recordCompare(rt, scores, scores, node);
        if (scores.length) return scores;
        const rows = args.flatMap((a) => dataOf(a)).filter((d) => !d.elem);
        if (rows.length) return [{ t: "stat", step: newStep(rt, `the ${name}imum`, rows.flatMap((d) => d.atoms), node) }];
        return arithmetic(rt, args[0] ?? unknown, args[1] ?? unknown, "?", node);
      }
      if (name === "random") return [fresh(rt)];
      if (args.length === 1) {
        const v = a0.filter((o) => o.t === "score" || o.t === "stat" || o.t === "data");
        if (v.length) return v;
        return [fresh(rt)];
      }
      return [fresh(rt)];
    case "Number":
    case "String":
    case "Boolean":
      return a0.filter((o) => o.t === "data" || o.t === "score" || o.t === "stat");
    case "Array":
      if (name === "from") {
        if (dataOf(a0).length) return dataOf(a0).map((d) => sameRows(d, []));
        if (args[1]?.some((o) => o.t === "fn")) return [indexRoot(rt, false)];
      }
      return unknown;
    case "Object":
      if (name === "values" || name === "entries" || name === "keys") {
        const recs = a0.filter((o) => o.t === "rec");
        const vals = join(...recs.flatMap((r) => (r.t === "rec" ? [...r.props.values()] : [])));
        if (name === "values") return [{ t: "arr", elems: null, elem: vals }];
        if (name === "entries") return [{ t: "arr", elems: null, elem: [{ t: "arr", elems: [[{ t: "str", v: "" }], vals], elem: vals }] }];
      }
      return unknown;
    case "lodash":
    case "lodash-es":
      if (name === "shuffle") return dataOf(a0).map((d) => sameRows(d, [], { shuffled: true }));
      if (name === "sampleSize" || name === "sample") return dataOf(a0).map((d) => sampleOrShuffle(rt, d, args.slice(1), node));
      if (/^(maxBy|minBy|max|min|orderBy|sortBy)$/.test(name)) {
        const scores = deepScores(rt.iterate(a0));
        if (scores.length > 1) recordCompare(rt, scores, scores, node);
        return rt.iterate(a0);
      }
      return unknown;
    default:
      return unknown;
  }
}

function readRoot(rt: Runtime, node: ts.Node): DataObj {
  const arg = argNode(node, 0);
  const file = arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  const root = { key: file ? `file:${file}` : `read#${rt.next()}`, file };
  return { t: "data", atoms: [atom(root)], taints: new Set() };
}

function metricCall(rt: Runtime, args: Value[], node: ts.Node): Value {
  const preds = args.flatMap((a) => a.filter((o): o is PredObj => o.t === "pred"));
  if (!preds.length) return unknown;
  const labels = args.filter((a) => !a.some((o) => o.t === "pred"));
  return preds.map((p) => recordEval(rt, p.model, p.fit, [p], labels, node));
}

function aibookCall(rt: Runtime, name: string, args: Value[], node: ts.Node): Value {
  const a0 = args[0] ?? unknown;
  if (name.startsWith("metrics/")) return name === "metrics/silhouette" ? unknown : metricCall(rt, args, node);
  switch (name) {
    case "readCsv":
    case "readJson":
      return [readRoot(rt, node)];
    case "dropDuplicates":
    case "dropMissing":
      return toData(rt, a0).map((d) => filter(rt, d, name === "dropDuplicates" ? "dedup" : "dropna"));
    case "trainTestSplit": {
      const call = node as ts.CallExpression;
      const frameForm = args.length === 1 || (args.length === 2 && !!call.arguments[1] && ts.isObjectLiteralExpression(call.arguments[1]));
      const optsNode = frameForm ? call.arguments[1] : call.arguments[2];
      const opts = literalOptions(optsNode);
      const shuffleNode = opts?.get("shuffle");
      const shuffled = !(shuffleNode && shuffleNode.kind === ts.SyntaxKind.FalseKeyword);
      const split = recordSplit(rt, node, "random", stratifiedOption(optsNode), shuffled);
      const x = toData(rt, a0);
      const part = (v: DataObj[], side: string): Value => v.map((d) => splitParts(d, split, side));
      if (frameForm) return [{ t: "rec", props: new Map([["train", part(x, "train")], ["test", part(x, "test")]]) }];
      const y = toData(rt, args[1] ?? unknown);
      return [
        {
          t: "rec",
          props: new Map([
            ["xTrain", part(x, "train")],
            ["xTest", part(x, "test")],
            ["yTrain", part(y, "train")],
            ["yTest", part(y, "test")],
          ]),
        },
      ];
    }
    case "timeSplit": {
      const split = recordSplit(rt, node, "time", null, false);
      const x = toData(rt, a0);
      return [{ t: "rec", props: new Map([["train", x.map((d) => splitParts(d, split, "train"))], ["test", x.map((d) => splitParts(d, split, "test"))]]) }];
    }
    case "kFold":
    case "stratifiedKFold": {
      const split = recordSplit(rt, node, "kfold", name === "stratifiedKFold", true);
      const idx = indexRoot(rt, true);
      const fold: Obj = {
        t: "rec",
        props: new Map([
          ["trainIndex", [splitParts(idx, split, "train")]],
          ["testIndex", [splitParts(idx, split, "test")]],
        ]),
      };
      return [{ t: "arr", elems: null, elem: [fold] }];
    }
    case "crossValidate": {
      const scores: Value = [];
      for (const m of modelsOf(a0)) {
        const fit = fitModel(rt, m, [args[1] ?? unknown], node, true);
        scores.push(recordEval(rt, m, fit, args[1] ?? unknown, [args[2] ?? unknown], node, true));
      }
      return scores;
    }
    case "compareModels": {
      const models: ModelObj[] = [];
      for (const o of a0) if (o.t === "rec") for (const v of o.props.values()) models.push(...modelsOf(v));
      for (const o of a0) if (o.t === "arr") models.push(...modelsOf(o.elem));
      for (const m of models) {
        const fit = fitModel(rt, m, [args[1] ?? unknown], node, true);
        recordEval(rt, m, fit, args[1] ?? unknown, [args[2] ?? unknown], node, true);
      }
      return [{ t: "board", models }];
    }
    case "pipeline": {
      const steps = args.flatMap((a) => modelsOf(a));
      const last = steps[steps.length - 1];
      if (!last) return unknown;
      const m = newModel(rt, last.cls, "aibook", node);
      m.role = last.role;
      m.complexity = last.complexity;
      return [m];
    }
    case "evaluate": {
      const out: Value = [];
      for (const m of [...modelsOf(a0), ...a0.flatMap((o) => (o.t === "board" ? modelsOf(o.models) : []))])
        out.push(recordEval(rt, m, m.fit, args[1] ?? unknown, [args[2] ?? unknown], node));
      return out;
    }
    default:
      return unknown;
  }
}
