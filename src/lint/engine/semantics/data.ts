/**
 * What methods of rows do (DataFrame, Series, array, tensor): slices, samples, filters, shuffles, statistics, and the same for arrays of other things.
 */
import ts from "typescript";
import { rowPreservingMethods, statisticMethods, timeWord } from "../knowledge";
import { relateAtoms, type Bound } from "../rows";
import { dataOf, join, scoresOf, unknown, type ArrObj, type DataObj, type NumObj, type StatObj, type StrObj, type Value } from "../values";
import { elementOf, getProperty } from "./access";
import { type Runtime, argNode, boundOf, concatRows, filter, fresh, gather, lenSym, literalOptions, newStep, num, recordCompare, recordSplit, sameRows, slice, splitParts } from "./core";

// ---- data methods ----

export function sampleOrShuffle(rt: Runtime, d: DataObj, args: Value[], node: ts.Node): DataObj {
  const opts = literalOptions(argNode(node, 0));
  const frac = opts?.get("frac");
  const n = args[0]?.find((o): o is NumObj => o.t === "num");
  const whole = (frac && ts.isNumericLiteral(frac) && Number(frac.text) >= 1) || (n && n.sym === lenSym(d) && n.k === 0);
  if (whole) return sameRows(d, [], { shuffled: true });
  const split = recordSplit(rt, node, "sample", false, true);
  return splitParts(d, split, "taken");
}

/** A bound written in a row range: "12", "-5", "" (the default), or a symbolic number spelled in by a template. */
export function rangeBound(text: string, fallback: Bound): Bound | null {
  const t = text.trim();
  if (t === "") return fallback;
  if (/^-?\d+$/.test(t)) return Number(t) < 0 ? { sym: "$len", k: Number(t) } : { sym: null, k: Number(t) };
  const m = /^\u0001(.*)\u0002(-?[\d.e]+)\u0003$/.exec(t);
  return m ? { sym: m[1]!, k: Number(m[2]) } : null;
}

/** danfojs `iloc({ rows })` / `loc({ rows })`: "a:b" strings slice, index arrays gather, masks filter. */
export function locRows(rt: Runtime, d: DataObj, args: Value[], node: ts.Node): DataObj | undefined {
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

export function dropRows(rt: Runtime, d: DataObj, args: Value[], node: ts.Node): DataObj {
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

export function callbackArgs(rt: Runtime, receiver: Value, args: Value[], node: ts.Node, extra: (el: Value) => Value[] = (el) => [el, [fresh(rt)], receiver]): Value {
  const results: Value[] = [];
  for (const f of args[0] ?? unknown) if (f.t === "fn") results.push(rt.callFunction(f, extra(rt.iterate(receiver)), node));
  return join(...results);
}

/**
 * A callback over several elements (a list of candidates, of hyperparameter values), run twice
 * like a loop body: each run builds its own models and scores, so that choosing between them shows.
 */
export function callbackPerElement(rt: Runtime, receiver: Value, args: Value[], node: ts.Node): Value {
  const results: Value[] = [];
  rt.weakly(() => {
    for (let pass = 0; pass < 2; pass++) results.push(callbackArgs(rt, receiver, args, node));
  });
  return join(...results);
}

/** Several elements for sure: a literal list of two or more, or a list built without known elements. */
const several = (o: DataObj | ArrObj): boolean => (o.t === "data" ? (o.tuple?.length ?? 0) >= 2 : o.elems !== null && o.elems.length >= 2);

/**
 * `(v) => !Number.isNaN(v)`, `(x) => x != null && x !== ""`: a filter that drops missing values
 * only, so what it keeps are (nearly) all the rows, not a part of them chosen by a condition.
 */
export function keepsPresentValues(callback: ts.Expression | undefined): boolean {
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || callback.parameters.length !== 1) return false;
  const param = callback.parameters[0]!.name;
  if (!ts.isIdentifier(param)) return false;
  let body: ts.Node = callback.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return false;
    body = only.expression;
  }
  const name = param.text.replace(/[$]/g, "\\$");
  const rest = body
    .getText()
    .replace(new RegExp(`\\b${name}\\b`, "g"), " ")
    .replace(/\b(Number\.)?(isNaN|isFinite)\b|\btypeof\b|\bnull\b|\bundefined\b|"number"|'number'|""|''|!==?|===?|&&|\|\||!|[()\s]/g, "");
  return rest === "" && /isNaN|isFinite|null|undefined|""|''/.test(body.getText());
}

/** The end of a tensor slice from its begin and size (-1: to the end). */
function endOf(begin: Bound | null, size: NumObj | undefined): Bound | null {
  if (!begin || !size) return null;
  if (size.sym === null && size.k === -1) return { sym: "$len", k: 0 };
  if (begin.sym === null) return { sym: size.sym, k: begin.k + size.k };
  if (size.sym === null) return { sym: begin.sym, k: begin.k + size.k };
  return null;
}

export function dataMethod(rt: Runtime, d: DataObj, name: string, args: Value[], node: ts.Node): Value {
  const self: Value = [d];
  if (d.elem) {
    // row.map((_, j) => Math.min(...column j)): what the callback returns (a statistic) is in the result.
    const returned = name === "map" || name === "forEach" || name === "filter" || name === "reduce" ? callbackArgs(rt, self, args, node) : unknown;
    if (statisticMethods.has(name) || name === "reduce") return [d];
    return [sameRows(d, name === "map" ? [...args, returned] : args)];
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
        return [slice(rt, d, begin, endOf(begin, sz), node)];
      }
      if (d.tensor) {
        // tensor.slice(begin, size) on the first axis
        const begin = boundOf(args[0] ?? unknown, d, { sym: null, k: 0 });
        const sizes = (args[1] ?? unknown).filter((o): o is NumObj => o.t === "num");
        return [slice(rt, d, begin, args[1] ? endOf(begin, sizes.length === 1 ? sizes[0] : undefined) : { sym: "$len", k: 0 }, node)];
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
      return [filter(rt, d, keepsPresentValues(argNode(node, 0)) ? "dropna" : `filter#${rt.next()}`)];
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
    case "unshift": {
      // const aug = [...X]; aug.push(jitter(X[i])): rows of the data pushed onto a copy of it are the same rows
      // twice (augmentation or oversampling), like concat of a part with its whole.
      if (d.elem || d.tuple) return unknown;
      const pushed = args.flatMap((a) => dataOf(a)).filter((o) => o.elem);
      const repeated = pushed.some((o) => o.atoms.some((a) => d.atoms.some((b) => ["equal", "subset", "superset"].includes(relateAtoms(a, b)))));
      if (!repeated) return unknown;
      const root = { key: `oversampled#${rt.next()}` };
      const step = newStep(rt, "augmentation or oversampling (rows pushed onto a copy of their own data)", [{ root, cuts: [], key: root.key }], node);
      d.atoms = [{ root, cuts: [], key: root.key }];
      d.taints.add(step);
      return unknown;
    }
    case "forEach":
      if (several(d)) callbackPerElement(rt, self, args, node);
      else callbackArgs(rt, self, args, node);
      return unknown;
    case "reduce": {
      callbackArgs(rt, self, args, node, (el) => [join(args[1] ?? unknown, el), el, [fresh(rt)]]);
      return [{ t: "stat", step: newStep(rt, "a statistic (reduce)", d.atoms, node) } satisfies StatObj];
    }
    case "map": {
      const out = several(d) ? callbackPerElement(rt, self, args, node) : callbackArgs(rt, self, args, node);
      // [1, 3, 5].map((k) => score of a model with k): the scores, not rows.
      if (d.tuple && !dataOf(out).length && out.some((o) => o.t === "score" || o.t === "model" || o.t === "rec")) return [{ t: "arr", elems: null, elem: out }];
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
  if (/^(arraySync|dataSync|array|data|toArray|values)$/.test(name)) return [sameRows(d, args, { tensor: false })];
  if (rowPreservingMethods.has(name)) return [sameRows(d, args)];
  return unknown;
}

// ---- arrays of things that are not rows (models, scores, records) ----

export function arrMethod(rt: Runtime, a: ArrObj, name: string, args: Value[], node: ts.Node): Value {
  const self: Value = [a];
  switch (name) {
    case "push":
    case "unshift":
      a.elem = join(a.elem, ...args);
      return unknown;
    case "map":
    case "flatMap": {
      const out = several(a) ? callbackPerElement(rt, self, args, node) : callbackArgs(rt, self, args, node);
      return [{ t: "arr", elems: null, elem: out }];
    }
    case "forEach":
      if (several(a)) callbackPerElement(rt, self, args, node);
      else callbackArgs(rt, self, args, node);
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
