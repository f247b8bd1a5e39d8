/**
 * `compareModels({ name: model, ... }, X, y, { folds, metric })`: a cross-validated leaderboard,
 * simplest model first, so that a complex model has to earn its place against a baseline.
 * `best()` is the best mean score, and a tie goes to the simpler model. Scores come from
 * crossValidate (a clone fitted per fold, classification folds stratified).
 */
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { VIEWS_VERSION, type LeaderboardPayload, type LeaderboardRow, type Task } from "../../protocol/views";
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { toVector } from "../core/data";
import { toColumns } from "./columns";
import { complexityRank } from "./complexity";
import { crossValidateAs, type ScoreName } from "../split/cross-validate";
import { SCORERS } from "./measures";
import type { SupervisedModel } from "../core/estimator";
import { isClassifierLike, modelName } from "./model-output";
import { mean } from "./stats";
import { cutTo, displayWidth, formatValue, TERMINAL_WIDTH, textTable } from "./text";
import { recordRun } from "../history/record-run";

export interface CompareOptions {
  folds?: number;
  /** A metric name (see SCORERS); default balancedAccuracy for classification, r2 for regression. */
  metric?: string;
  task?: Task;
}

/** Scores closer than this count as a tie (floating-point noise between equal models). */
const TIE = 1e-12;

/**
 * A leaderboard row as user code sees it: `model` is the model object as passed in (unfitted:
 * each fold fitted a clone), so `board.best().model.clone().fit(xTrain, yTrain)` refits the
 * winner; the payload's display name is `modelName`.
 */
export interface LeaderboardEntry<M = unknown> extends Omit<LeaderboardRow, "model"> {
  model: M;
  /** The model's display name, e.g. "Pipeline(StandardScaler → LogisticRegression)". */
  modelName: string;
  /** Same object as `model` (the name this field had first). */
  estimator: M;
}

export class Leaderboard<M = unknown> implements Displayable {
  constructor(
    readonly payload: LeaderboardPayload,
    private readonly estimators: Map<string, M>,
  ) {}
  /** Rows ordered simplest model first. */
  get rows(): LeaderboardEntry<M>[] {
    return this.payload.entries.map(({ model: modelName, ...e }) => {
      const model = this.estimators.get(e.name) as M;
      return { ...e, model, modelName, estimator: model };
    });
  }
  /** The row with the best mean score (ties go to the simpler model). */
  best(): LeaderboardEntry<M> {
    const row = this.rows.find((r) => r.name === this.payload.best);
    if (!row) throw new AibookError("compareModels: every model failed, so there is no best one; see the errors in the table.");
    return row;
  }
  toMimeBundle(): MimeItem[] {
    return [
      { mime: Mime.leaderboard, data: this.payload },
      { mime: Mime.text, data: leaderboardText(this.payload) },
    ];
  }
  toJSON(): LeaderboardPayload {
    return this.payload;
  }
  toString(): string {
    return leaderboardText(this.payload);
  }
}

export function bestEntry(entries: LeaderboardRow[], greaterIsBetter: boolean): LeaderboardRow | null {
  let best: LeaderboardRow | null = null;
  for (const e of entries) {
    if (e.mean === null) continue;
    const better = best === null || (greaterIsBetter ? e.mean > best.mean! + TIE : e.mean < best.mean! - TIE);
    if (better) best = e;
  }
  return best;
}

export function leaderboardText(p: LeaderboardPayload): string {
  const headers = ["", "model", `${p.metric} mean`, "std", "fit ms", ""];
  const rows = p.entries.map((e) => [e.name, e.model, e.mean, e.std, Math.round(e.fitTimeMs), e.error ? "error (below)" : e.name === p.best ? "<- best" : ""]);
  // A failed model has no score ("—", not NaN), and its error is written out in full under the
  // table: cut to a cell's width it lost the part that says what to do.
  const errors = p.entries.filter((e) => e.error).map((e) => `${e.name}: ${e.error}`);
  // Pipelines' names are long: the model column gets what the other columns leave of a
  // terminal's width, so a row with "<- best" still fits on one line.
  const width = (j: number) => Math.max(displayWidth(headers[j]), ...rows.map((r) => displayWidth(cutTo(formatValue(r[j]), 48))));
  const others = [0, 2, 3, 4, 5].reduce((sum, j) => sum + width(j), 0) + 2 * 5;
  const modelWidth = Math.max(16, Math.min(48, TERMINAL_WIDTH - others));
  for (const r of rows) r[1] = cutTo(String(r[1]), modelWidth);
  const table = textTable(headers, rows, { maxWidth: 48, missing: [undefined, undefined, "—", "—"] as string[] });
  return `compareModels: ${p.folds}-fold cross-validation on ${p.rows} rows, ${p.metric} (${p.greaterIsBetter ? "higher" : "lower"} is better), simplest first\n${table}${p.best ? `\n\nBest: ${p.best} (${formatValue(p.entries.find((e) => e.name === p.best)?.mean)})` : ""}${errors.length ? `\n\nErrors:\n${errors.join("\n")}` : ""}`;
}

export function compareModels<M>(models: Record<string, M>, X: unknown, y: unknown, options: CompareOptions = {}): Leaderboard<M> {
  checkOptions("compareModels", options, ["folds", "metric", "task"]);
  if (Array.isArray(models)) models = byModelName(models as M[]);
  const names = Object.keys(models ?? {});
  if (names.length === 0) throw new AibookError("compareModels: pass the models as { name: model, ... }; got none.");
  const labels = toVector(y, "compareModels y");
  const { rowCount, names: features } = toColumns(X, "compareModels X");
  if (rowCount !== labels.length) throw new AibookError(`compareModels: X has ${rowCount} rows but y has ${labels.length}; they must describe the same rows.`);
  const isClassifierModel = names.some((n) => isClassifierLike(models[n]));
  const task: Task = options.task ?? (options.metric ? SCORERS[options.metric]?.task : undefined) ?? (isClassifierModel || labels.some((v) => typeof v === "string") ? "classification" : "regression");
  const metric = options.metric ?? (task === "classification" ? "balancedAccuracy" : "r2");
  const scorer = SCORERS[metric];
  if (!scorer) throw new AibookError(`compareModels: unknown metric "${metric}". Known metrics: ${Object.keys(SCORERS).join(", ")}.`);
  const folds = options.folds ?? 5;
  // A bad fold count is the call's mistake, not each model's: say so once, before any fit.
  if (typeof folds !== "number" || !Number.isInteger(folds) || folds < 2) throw new AibookError(`compareModels: folds must be an integer of at least 2; got ${JSON.stringify(folds)}.`);
  if (folds > rowCount) throw new AibookError(`compareModels: folds = ${folds} but X has only ${rowCount} rows.`);
  const order = names.map((name, i) => ({ name, i, rank: complexityRank(models[name]) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  const entries: LeaderboardRow[] = order.map(({ name, rank }) => {
    const model = models[name];
    const row: LeaderboardRow = { name, model: modelName(model), mean: null, std: null, scores: [], fitTimeMs: 0, complexity: rank };
    try {
      const cv = crossValidateAs(`compareModels (${name})`, model as SupervisedModel, X, y, { folds, metrics: metric as ScoreName, stratify: task === "classification" });
      row.scores = cv.folds.map((f) => finite(f[metric]));
      row.mean = finite(cv.mean[metric]);
      row.std = finite(cv.std[metric]);
      row.fitTimeMs = mean(cv.fitTimes) ?? 0;
    } catch (error) {
      if (!(error instanceof AibookError)) throw error;
      row.error = error.message;
    }
    return row;
  });
  if (entries.every((e) => e.error)) throw new AibookError(`compareModels: every model failed. First error (${entries[0].name}): ${entries[0].error}`);
  const best = bestEntry(entries, scorer.greaterIsBetter);
  const payload: LeaderboardPayload = { kind: "leaderboard", version: VIEWS_VERSION, metric, greaterIsBetter: scorer.greaterIsBetter, task, folds, rows: rowCount, features: features.length, entries, best: best?.name ?? null };
  recordRun(payload);
  return new Leaderboard(payload, new Map(names.map((n) => [n, models[n]])));
}

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** `compareModels([a, b], ...)`: rows named by the models' names ("GaussianNB", "GaussianNB 2"), not "0", "1". */
function byModelName<M>(models: M[]): Record<string, M> {
  const out: Record<string, M> = {};
  for (const model of models) {
    const base = modelName(model);
    let name = base;
    for (let k = 2; name in out; k++) name = `${base} ${k}`;
    out[name] = model;
  }
  return out;
}
