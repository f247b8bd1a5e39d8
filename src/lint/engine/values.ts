/**
 * The abstract values the analysis tracks and the facts it records. A value is a union of the
 * things a variable may hold (a branch or a loop joins them); an empty union is "unknown", on
 * which every rule stays silent.
 */
import type ts from "typescript";
import { extend, uniqueAtoms, type Atom, type SplitFact } from "./rows";

export type Role = "classifier" | "regressor" | "transformer" | "unsupervised" | "unknown";
export type Complexity = "complex" | "simple" | "other";

/** Rows of data: a DataFrame, a Series, an array, a tensor, or one row of them (`elem`). */
export interface DataObj {
  t: "data";
  atoms: Atom[];
  /** Data-dependent steps whose statistics went into these values. */
  taints: Set<StepFact>;
  elem?: boolean;
  shuffled?: boolean;
  timeOrdered?: boolean;
  /** A TensorFlow.js tensor: its slice takes (begin, size), not (start, end). */
  tensor?: boolean;
  /** Literal elements, for iterating a literal array. */
  tuple?: Value[];
}

export interface ModelObj {
  t: "model";
  id: number;
  cls: string;
  lib: string;
  role: Role;
  complexity: Complexity;
  node: ts.Node;
  /** The latest fit of this model object (training call), if any. */
  fit?: FitFact;
  /** For a fitted transformer: the step its fit recorded. */
  step?: StepFact;
  /** tfjs: hints read from layers and compile options. */
  hints: { classification?: boolean };
}

/** Predictions of a model for some rows. */
export interface PredObj {
  t: "pred";
  model: ModelObj;
  fit?: FitFact;
  atoms: Atom[];
  taints: Set<StepFact>;
}

/** A measured quality: the result of an evaluation. */
export interface ScoreObj {
  t: "score";
  evaluation: EvalFact;
}

/** A statistic of the data (a mean, a standard deviation, a maximum). */
export interface StatObj {
  t: "stat";
  step: StepFact;
}

export interface NumObj {
  t: "num";
  sym: string | null;
  k: number;
}

export interface StrObj {
  t: "str";
  v: string;
}

export interface RecObj {
  t: "rec";
  props: Map<string, Value>;
}

export interface ArrObj {
  t: "arr";
  /** Elements by position when known (a literal), else null. */
  elems: Value[] | null;
  /** The union of every element (grows with push). */
  elem: Value;
}

export interface FnObj {
  t: "fn";
  node: ts.SignatureDeclaration & { body?: ts.Node };
  env: Env;
}

/** A user class: `new` runs its constructor on a record that its methods see as `this`. */
export interface ClassObj {
  t: "class";
  node: ts.ClassLikeDeclaration;
  env: Env;
}

/** A library name: a module, a function or a class of it ("aibook/trainTestSplit", "tf/layers/dense"). */
export interface LibObj {
  t: "lib";
  path: string;
}

/** The result of compareModels: a cross-validated leaderboard of the given models. */
export interface BoardObj {
  t: "board";
  models: Value;
}

export type Obj = DataObj | ModelObj | PredObj | ScoreObj | StatObj | NumObj | StrObj | RecObj | ArrObj | FnObj | LibObj | BoardObj | ClassObj;
export type Value = Obj[];

export interface Env {
  vars: Map<string, Value>;
  parent?: Env;
}

export interface FitFact {
  id: number;
  model: ModelObj;
  atoms: Atom[];
  node: ts.Node;
  /** Cross-validation fits (crossValidate, compareModels) train and evaluate inside. */
  cv?: boolean;
}

export interface StepFact {
  id: number;
  /** What the step is, for messages ("StandardScaler", "a mean", "oversampling"). */
  name: string;
  atoms: Atom[];
  node: ts.Node;
}

export interface EvalFact {
  id: number;
  model: ModelObj | null;
  fit: FitFact | undefined;
  atoms: Atom[];
  taints: Set<StepFact>;
  node: ts.Node;
  cv?: boolean;
  /** A majority baseline computed by hand (labels compared with their most frequent value). */
  baseline?: boolean;
  /** tfjs `fit(..., { validationSplit })`: the last rows of what was passed to fit, measured while training. */
  validationSplit?: boolean;
}

/** Two or more measured scores compared (a `>`, Math.max, a sort): choosing by score. */
export interface CompareFact {
  node: ts.Node;
  left: ScoreObj[];
  right: ScoreObj[];
}

/** A model asked to predict some rows (a test part, new data, the training rows again). */
export interface PredictFact {
  model: ModelObj;
  fit: FitFact | undefined;
  atoms: Atom[];
  node: ts.Node;
}

export interface Facts {
  fits: FitFact[];
  /** Predictions, measured or not: a metric written by hand may hide from evaluations. */
  predictions: PredictFact[];
  steps: StepFact[];
  evals: EvalFact[];
  splits: SplitFact[];
  compares: CompareFact[];
  models: ModelObj[];
  /** Statements the analysis failed on (a bug in the linter, never the user's fault): skipped, kept for tests. */
  internalErrors: string[];
}

export const unknown: Value = [];

/** The member of a record read or written with a key the analysis cannot spell (a Map, `table[key]`). */
export const ANY_KEY = "\u0000any";

/** A `true`/`false` literal stored in a record (options in a variable), spelled as this prefix and the word. */
export const BOOLEAN_FLAG = "\u0000bool:";

export function join(...values: Value[]): Value {
  const out: Obj[] = [];
  for (const v of values) for (const o of v) if (!out.includes(o)) out.push(o);
  return out;
}

export function dataOf(v: Value): DataObj[] {
  return v.filter((o): o is DataObj => o.t === "data");
}

export function modelsOf(v: Value): ModelObj[] {
  return v.filter((o): o is ModelObj => o.t === "model");
}

export function scoresOf(v: Value): ScoreObj[] {
  return v.filter((o): o is ScoreObj => o.t === "score");
}

const arrIds = new WeakMap<ArrObj, number>();
let arrCounter = 0;

/**
 * The rows an array of rows holds (`[X[i]]`, rows pushed one by one): some of the rows it took
 * them from, marked with a filter of its own, so two arrays built from one source are not the same.
 */
export function rowsOfArray(a: ArrObj): DataObj | undefined {
  const rows = dataOf(a.elem);
  if (!rows.length) return undefined;
  let id = arrIds.get(a);
  if (id === undefined) arrIds.set(a, (id = ++arrCounter));
  const key = `built#${id}`;
  return {
    t: "data",
    atoms: uniqueAtoms(rows.flatMap((d) => d.atoms.map((x) => extend(x, { kind: "filter", key })))),
    taints: new Set(rows.flatMap((d) => [...d.taints])),
  };
}

/** Rows a value holds: data rows, arrays of rows, or the rows predictions were made for. */
export function atomsOf(v: Value): Atom[] {
  const out: Atom[] = [];
  const add = (atoms: Atom[]) => {
    for (const a of atoms) if (!out.some((x) => x.key === a.key)) out.push(a);
  };
  for (const o of v) {
    if (o.t === "data" || o.t === "pred") add(o.atoms);
    else if (o.t === "arr") add(rowsOfArray(o)?.atoms ?? []);
  }
  return out;
}

export function taintsOf(v: Value, depth = 2, out = new Set<StepFact>()): Set<StepFact> {
  for (const o of v) {
    if (o.t === "data" || o.t === "pred") for (const s of o.taints) out.add(s);
    if (o.t === "stat") out.add(o.step);
    if (o.t === "model" && o.step) out.add(o.step);
    if (depth > 0 && o.t === "arr") taintsOf(o.elem, depth - 1, out);
    if (depth > 0 && o.t === "rec") for (const p of o.props.values()) taintsOf(p, depth - 1, out);
  }
  return out;
}

export function lookup(env: Env, name: string): Value | undefined {
  for (let e: Env | undefined = env; e; e = e.parent) {
    const v = e.vars.get(name);
    if (v) return v;
  }
  return undefined;
}

/** Assign to the nearest scope that declares the name (or the outermost one). */
export function assign(env: Env, name: string, value: Value): void {
  for (let e: Env | undefined = env; e; e = e.parent) {
    if (e.vars.has(name) || !e.parent) {
      e.vars.set(name, value);
      return;
    }
  }
}
