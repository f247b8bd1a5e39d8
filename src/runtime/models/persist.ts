/**
 * `saveModel` / `loadModel`: a fitted model or whole pipeline as one versioned JSON file, so a
 * notebook's model can be reloaded in a plain Node process (`import { loadModel } from "aibook"`)
 * and predict the same values. The file names its format and version; options and learned
 * state are plain JSON.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { estimatorFromJSON, type BaseEstimator, type Params, type SavedEstimator } from "../core/estimator";

export const MODEL_FORMAT = "aibook-model";
export const MODEL_FORMAT_VERSION = 1;

export interface SavedModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  savedAt: string;
  /** The estimator (a pipeline nests its steps). */
  model: SavedEstimator;
}

interface Saveable {
  toJSON(): SavedEstimator;
  readonly estimatorName: string;
  readonly isFitted?: boolean;
}

/** The path argument, refused unless it is a non-empty string (path.resolve would throw a bare TypeError, or "" resolve to the folder). */
function checkPath(file: unknown, where: string, example: string): string {
  if (typeof file === "string" && file.trim() !== "") return file;
  const got = file === undefined || file === null ? String(file) : typeof file === "string" ? "an empty string" : typeof file;
  throw new AibookError(`${where}: the path must be a file name, e.g. ${example}; got ${got}.`);
}

/** Writes `model` to `file` (relative paths resolve against the notebook's folder) and returns the absolute path. */
export function saveModel(model: Saveable, file: string): string {
  if (!model || typeof model.toJSON !== "function") throw new AibookError(`saveModel: the first argument must be a model or a pipeline.`);
  if (model.isFitted === false) throw new AibookError(`saveModel: ${model.estimatorName} is not fitted yet; call fit(X, y) before saving it.`);
  const target = path.resolve(checkPath(file, "saveModel", `saveModel(model, "model.json")`));
  const saved: SavedModelFile = { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION, savedAt: new Date().toISOString(), model: model.toJSON() };
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, JSON.stringify(saved, encodeValue), "utf8");
  } catch (error) {
    // A directory of that name, no permission, a full disk: say which file, not just the errno.
    throw new AibookError(`saveModel: cannot write ${target}: ${(error as Error).message}`);
  }
  return target;
}

/**
 * What `loadModel` returns when no type is given: the file may hold any model or pipeline, so its
 * usual methods are typed as present (a method the saved model lacks throws when called). Before,
 * the default was BaseEstimator, and `loadModel("model.json").predict(X)` — the production
 * script the notebook leads to — was a type error ("Property 'predict' does not exist").
 * `loadModel<MyModel>(file)` narrows it.
 */
export interface LoadedModel extends BaseEstimator<Params> {
  fit(X: unknown, y?: unknown): this;
  predict(X: unknown): Label[] & number[];
  predictProba(X: unknown): number[][];
  transform(X: unknown): unknown;
  /** The class labels of a classifier (undefined for other models). */
  readonly classes?: Label[];
}

/** Reads a file written by saveModel and rebuilds the fitted model or pipeline. */
export function loadModel<M = LoadedModel>(file: string): M {
  const source = path.resolve(checkPath(file, "loadModel", `loadModel("model.json")`));
  let text: string;
  try {
    text = readFileSync(source, "utf8");
  } catch (error) {
    throw new AibookError(`loadModel: cannot read ${source}: ${(error as Error).message}`);
  }
  let saved: SavedModelFile;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new AibookError(`loadModel: ${source} is not valid JSON (${(error as Error).message}).`);
  }
  if (saved?.format !== MODEL_FORMAT || typeof saved.version !== "number") {
    throw new AibookError(`loadModel: ${source} is not an aibook model file (no "format": "${MODEL_FORMAT}").`);
  }
  if (saved.version > MODEL_FORMAT_VERSION) {
    throw new AibookError(`loadModel: ${source} was saved in model format ${saved.version}; this aibook reads up to ${MODEL_FORMAT_VERSION}. Update aibook.`);
  }
  try {
    return estimatorFromJSON(saved.model) as M;
  } catch (error) {
    throw new AibookError(`loadModel: ${source}: ${(error as Error).message}`);
  }
}

/** Typed arrays as plain arrays (JSON.stringify would write them as objects). */
function encodeValue(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
