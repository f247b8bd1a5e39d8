/**
 * Calls: a method on every object the receiver may be, and library functions and classes by their path ("aibook/trainTestSplit").
 */
import ts from "typescript";
import { complexityOfClass, defaultExportClass, roleOfClass } from "../knowledge";
import { atom, type Bound } from "../rows";
import { ANY_KEY, BOOLEAN_FLAG, dataOf, join, modelsOf, scoresOf, unknown, type ArrObj, type DataObj, type ModelObj, type Obj, type PredObj, type Value } from "../values";
import { arithmetic, getProperty } from "./access";
import { type Runtime, argNode, concatRows, data, deepScores, filter, fitModel, fresh, handMetric, indexRoot, literalOptions, newModel, newStep, readHints, recordCompare, recordEval, recordSplit, sameRows, slice, splitParts, stratifiedOption, toData } from "./core";
import { arrMethod, callbackArgs, dataMethod, sampleOrShuffle } from "./data";
import { modelMethod } from "./models";

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
        else results.push(lookupTableMethod(o, name, args));
        break;
      }
      case "board":
        results.push([o]);
        break;
      case "stat":
        // byCategory.values.forEach((v, i) => table.set(...)): the callback sees the statistic.
        if (/^(forEach|map|reduce|filter)$/.test(name)) callbackArgs(rt, [o], args, node, () => [[o], [fresh(rt)], [o]]);
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

export const tfTensor = /^tf\/(tensor|tensor1d|tensor2d|tensor3d|tensor4d|data\/array|stack|cast|sub|div|mul|add|abs|log|oneHot|expandDims|reshape)$/;

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
      if (path === "tf/concat") return concatRows(rt, [rt.iterate(a0), ...dataOf(a0).map((d) => [d] as Value)], node);
      if (path === "tf/data/zip") return zipRows(rt, a0);
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
      if (tfTensor.test(path)) return dataOf(a0).map((d) => sameRows(d, args.slice(1), { tensor: true }));
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
        const v = a0.filter((o) => o.t === "score" || o.t === "stat" || o.t === "data" || o.t === "pred");
        if (v.length) return v;
        return [fresh(rt)];
      }
      return [fresh(rt)];
    case "Number":
    case "String":
    case "Boolean":
      return a0.filter((o) => o.t === "data" || o.t === "score" || o.t === "stat" || o.t === "pred");
    case "Array":
      if (name === "from") {
        if (dataOf(a0).length) return dataOf(a0).map((d) => sameRows(d, []));
        if (args[1]?.some((o) => o.t === "fn")) return [indexRoot(rt, false)];
      }
      return unknown;
    case "Map":
      return isNew ? [{ t: "rec", props: new Map() }] : unknown;
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

/**
 * tf.data.zip({ xs, ys }) or zip([xs, ys]): the datasets side by side, row i with row i, so the
 * rows of its parts (not their concatenation, which would look like rows repeated).
 */
function zipRows(rt: Runtime, parts: Value): Value {
  const members = join(...parts.map((o) => (o.t === "rec" ? join(...o.props.values()) : o.t === "arr" ? o.elem : [o])));
  const rows = toData(rt, members).filter((d) => !d.elem);
  if (!rows.length) return unknown;
  return [data(rows.flatMap((d) => d.atoms), rows.flatMap((d) => [...d.taints]), { shuffled: rows.some((d) => d.shuffled) })];
}

/** `map.set(key, v)`, `map.get(key)`, `map.values()` on a record used as a lookup table: every key is one member. */
function lookupTableMethod(o: Extract<Obj, { t: "rec" }>, name: string, args: Value[]): Value {
  if (name === "set") {
    o.props.set(ANY_KEY, join(o.props.get(ANY_KEY) ?? unknown, args[1] ?? unknown));
    return [o];
  }
  if (name === "get") return o.props.get(ANY_KEY) ?? unknown;
  if (name === "values") return [{ t: "arr", elems: null, elem: o.props.get(ANY_KEY) ?? unknown }];
  return unknown;
}

/** `stratify` in an options record held by a variable: absent is false, a value is true, anything unclear is null. */
function stratifiedFromValue(v: Value): boolean | null {
  if (v.length !== 1 || v[0]!.t !== "rec") return null;
  const s = v[0].props.get("stratify");
  if (!s) return v[0].props.has(ANY_KEY) ? null : false;
  if (s.length === 1 && s[0]!.t === "str" && s[0].v === BOOLEAN_FLAG + "false") return false;
  return s.length > 0 && s.every((o) => o.t === "str" || o.t === "data") ? true : null;
}

export function readRoot(rt: Runtime, node: ts.Node): DataObj {
  const arg = argNode(node, 0);
  const file = arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  const root = { key: file ? `file:${file}` : `read#${rt.next()}`, file };
  return { t: "data", atoms: [atom(root)], taints: new Set() };
}

export function metricCall(rt: Runtime, args: Value[], node: ts.Node): Value {
  const preds = args.flatMap((a) => a.filter((o): o is PredObj => o.t === "pred"));
  if (!preds.length) return unknown;
  const labels = args.filter((a) => !a.some((o) => o.t === "pred"));
  return preds.map((p) => recordEval(rt, p.model, p.fit, [p], labels, node));
}

export function aibookCall(rt: Runtime, name: string, args: Value[], node: ts.Node): Value {
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
      const isOptions = (i: number) => !!call.arguments[i] && (ts.isObjectLiteralExpression(call.arguments[i]!) || (args[i]!.length > 0 && args[i]!.every((o) => o.t === "rec")));
      const frameForm = args.length === 1 || (args.length === 2 && isOptions(1));
      const optsNode = frameForm ? call.arguments[1] : call.arguments[2];
      const opts = literalOptions(optsNode);
      const shuffleNode = opts?.get("shuffle");
      const shuffled = !(shuffleNode && shuffleNode.kind === ts.SyntaxKind.FalseKeyword);
      // Options kept in a variable: read from the record it holds.
      const stratified = optsNode && !ts.isObjectLiteralExpression(optsNode) ? stratifiedFromValue(args[frameForm ? 1 : 2] ?? unknown) : stratifiedOption(optsNode);
      const split = recordSplit(rt, node, "random", stratified, shuffled);
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
