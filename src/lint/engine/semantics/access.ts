/**
 * Property reads, element reads and arithmetic on abstract values.
 */
import ts from "typescript";
import { ANY_KEY, unknown, type DataObj, type NumObj, type Obj, type StatObj, type Value } from "../values";
import { type Runtime, fresh, lenSym, num, sameRows } from "./core";

/** + - * / on abstract values: scores stay scores, data stays data (picking up statistics), numbers fold. */
export function arithmetic(rt: Runtime, left: Value, right: Value, op: string, _node: ts.Node): Value {
  const all = [...left, ...right];
  const scores = all.filter((o) => o.t === "score");
  if (scores.length) return scores;
  const datas = all.filter((o): o is DataObj => o.t === "data");
  const stats = all.filter((o): o is StatObj => o.t === "stat");
  if (datas.length) return [sameRows(datas[0]!, [datas.slice(1), stats])];
  if (stats.length) return stats;
  // "0:" + cut: text with the number spelled in, as a template literal spells it (row ranges).
  if (op === "+" && left.length === 1 && right.length === 1 && (left[0]!.t === "str" || right[0]!.t === "str")) {
    const spell = (o: Obj): string =>
      o.t === "str" ? o.v : o.t === "num" ? (o.sym === null ? String(o.k) : `\u0001${o.sym}\u0002${o.k}\u0003`) : "\u0004";
    return [{ t: "str", v: spell(left[0]!) + spell(right[0]!) }];
  }
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

export const notRows = new Set(["columns", "dtypes", "size", "ndim", "rank", "dtype", "name", "config"]);

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
        else out.push(...(o.props.get(ANY_KEY) ?? unknown));
        break;
    }
  }
  return [...new Set(out)];
}
