/**
 * The runtime rules as a running notebook sees them: fed every observed split, fit, prediction
 * and evaluation (with the call site the kernel captured), it keeps what later checks need and
 * gives the current findings, each anchored at a call site. No I/O and no kernel here, so it is
 * tested with plain values.
 *
 * Conservative on purpose: where it cannot tell which rows a model saw, it says nothing.
 */
import { analyzeSplit } from "./analyze-split";
import { checkDuplicates, countDuplicateRows } from "./duplicate-leakage";
import { checkHandMeasured, checkImbalancedAccuracy } from "./imbalanced-accuracy";
import { checkMissingValues, countMissing } from "./missing-values";
import type { ObservedEvent } from "./observe";
import { checkTemporalLeakage, findTimeColumn, hasOrderingColumn, isSortedByTime } from "./temporal-leakage";
import { keyOf, labelsOf, nameOf, rowsOf, type Rows } from "./tabular";
import { thresholdsOf, type CheckFinding, type RuntimeRuleSettings, type RuntimeThresholds } from "./types";

export interface AnchoredFinding<Site> extends CheckFinding {
  site: Site;
  related: { site: Site; message: string }[];
}

interface SplitRecord<Site> {
  site: Site;
  parts: unknown[];
}

interface FitRecord<Site> {
  site: Site;
  X: unknown;
  y: unknown;
  call: string;
}

/** Rows of a root data set that a value holds, as taken by slices, samples and iloc. */
interface Taken<Site> {
  root: object;
  rows: number[];
  random: boolean;
  site: Site;
  /** Values computed row by row from taken rows (`train.map((r) => r.features)`): the same rows, not the root's values. */
  projected?: boolean;
}

interface LabelGroup<Site> {
  labels: unknown[];
  metrics: Set<string>;
  /** Accuracy calls, one per site key. */
  accuracySites: Map<string, Site>;
}

const MAX_LABEL_GROUPS = 200;

/** A classifier's predictions for rows whose true labels are known (the test part of a split). */
interface LabelledPrediction<Site> {
  site: Site;
  model: object;
  labels: unknown[];
  key: string;
}

const MAX_LABELLED_PREDICTIONS = 200;

export class RuntimeMonitor<Site> {
  private readonly t: RuntimeThresholds;
  private readonly off: Set<string>;
  private readonly enabled: boolean;
  private readonly fixed: AnchoredFinding<Site>[] = [];
  private readonly splitOf = new WeakMap<object, { split: SplitRecord<Site>; role: number }>();
  private readonly fits = new WeakMap<object, FitRecord<Site>>();
  private readonly predictions = new WeakMap<object, { model: unknown; X: unknown }>();
  private readonly groups = new Map<string, LabelGroup<Site>>();
  /** Row counts of the runtime's splits: parts transformed later (scaled, columns dropped) still count as theirs. */
  private readonly splitSizes: { train: number; test: number }[] = [];
  private readonly taken = new WeakMap<object, Taken<Site>>();
  /** Frames keep their row labels through drop/loc: the taken rows of a frame, by its index. */
  private readonly takenByIndex = new Map<string, Taken<Site>>();
  /** Predictions on labelled test rows, to learn later whether any metric measured them. */
  private readonly labelledPredictions: LabelledPrediction<Site>[] = [];
  /** Models some metric measured (directly or through their predictions). */
  private readonly measuredModels = new WeakSet<object>();
  /** (model, rows) pairs already checked as a hand-made split, so a loop reports once. */
  private readonly checked = new WeakMap<object, WeakSet<object>>();
  /** (model, rows) pairs already checked as a hand-made split while their labels were unknown. */
  private readonly checkedWithoutLabels = new WeakMap<object, WeakSet<object>>();

  constructor(
    settings: RuntimeRuleSettings = {},
    /** A key per site, so that one call reported twice (a loop) gives one finding. */
    private readonly siteKey: (site: Site) => string = (site) => String(site),
  ) {
    this.t = thresholdsOf(settings);
    this.off = new Set(settings.off ?? []);
    this.enabled = settings.enabled !== false;
  }

  observe(event: ObservedEvent, site: Site): void {
    if (!this.enabled) return;
    switch (event.kind) {
      case "split":
        return this.onSplit(event, site);
      case "fit":
        return this.onFit(event, site);
      case "predict":
        if (isObject(event.output)) this.predictions.set(event.output, { model: event.model, X: event.X });
        return this.notePrediction(event.model, event.X, this.onMeasured(event.model, event.X, undefined, site), site);
      case "rows":
        return this.onRows(event, site);
      case "evaluate":
        return this.onEvaluate(event, site);
    }
  }

  /** Every finding that holds now, in the order the calls were made. */
  findings(): AnchoredFinding<Site>[] {
    const out = [...this.fixed];
    for (const group of this.groups.values()) {
      const found = checkImbalancedAccuracy(group.labels, group.metrics, this.t);
      for (const f of found) for (const site of group.accuracySites.values()) out.push({ ...f, site, related: [] });
    }
    // Predictions on imbalanced test labels that no metric ever measured: measured by hand (hits / n).
    for (const p of this.labelledPredictions) {
      if (this.measuredModels.has(p.model) || this.groups.has(p.key)) continue;
      for (const f of checkHandMeasured(p.labels, this.t)) out.push({ ...f, site: p.site, related: [] });
    }
    const seen = new Set<string>();
    return out.filter((f) => {
      if (this.off.has(f.rule)) return false;
      const key = `${f.rule}@${this.siteKey(f.site)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private readonly fixedKeys = new Set<string>();

  /** Keeps a finding once per rule and call site (a loop repeats its calls). */
  private add(findings: CheckFinding[], site: Site, related: { site: Site; message: string }[] = []): void {
    for (const f of findings) {
      const key = `${f.rule}@${this.siteKey(site)}`;
      if (this.fixedKeys.has(key)) continue;
      this.fixedKeys.add(key);
      this.fixed.push({ ...f, site, related });
    }
  }

  private onSplit(event: Extract<ObservedEvent, { kind: "split" }>, site: Site): void {
    const split: SplitRecord<Site> = { site, parts: event.parts };
    event.parts.forEach((part, role) => isObject(part) && this.splitOf.set(part, { split, role }));
    const xy = event.parts.length === 4;
    const trainX = rowsOf(event.parts[0]);
    const testX = rowsOf(event.parts[1]);
    if (!trainX || !testX) return;
    this.splitSizes.push({ train: trainX.rows.length, test: testX.rows.length });
    const trainY = xy ? labelsOf(event.parts[2]) : undefined;
    const testY = xy ? labelsOf(event.parts[3]) : undefined;
    const analysis = analyzeSplit({ trainX, testX, trainY, testY, method: event.info.method, timeColumn: event.info.column }, this.t);
    this.add(analysis.findings, site);
  }

  private onFit(event: Extract<ObservedEvent, { kind: "fit" }>, site: Site): void {
    if (isObject(event.model)) this.fits.set(event.model, { site, X: event.X, y: event.y, call: event.call });
    const X = imputes(event.model) ? undefined : rowsOf(event.X);
    const y = event.y === undefined ? undefined : labelsOf(event.y);
    const counts = countMissing(X, y, nameOf(event.y) ?? "target");
    this.add(checkMissingValues(counts, X?.rows.length ?? y?.length ?? 0, event.call), site);
  }

  private onEvaluate(event: Extract<ObservedEvent, { kind: "evaluate" }>, site: Site): void {
    const labels = labelsOf(event.yTrue);
    if (!labels) return;
    const key = fingerprint(labels);
    let group = this.groups.get(key);
    if (!group) {
      // Labels of many evaluations (a loop over folds): the oldest go first, memory stays bounded.
      if (this.groups.size >= MAX_LABEL_GROUPS) this.groups.delete(this.groups.keys().next().value as string);
      this.groups.set(key, (group = { labels, metrics: new Set(), accuracySites: new Map() }));
    }
    for (const m of event.metrics) group.metrics.add(m);
    if (event.metrics.includes("accuracy")) group.accuracySites.set(this.siteKey(site), site);

    // Which model measured on which rows: given directly, or through its predictions.
    let model = event.model;
    let X = event.X;
    if (model === undefined && isObject(event.yPred)) {
      const prediction = this.predictions.get(event.yPred);
      if (prediction) ({ model, X } = prediction);
    }
    if (isObject(model)) this.measuredModels.add(model);
    this.onMeasured(model, X, labels, site);
  }

  private onRows(event: Extract<ObservedEvent, { kind: "rows" }>, site: Site): void {
    if (!isObject(event.source) || !isObject(event.result)) return;
    const length = rowCountOf(event.source);
    // Rows cut from a projection start a data set of their own: the projection may have been reordered since (a shuffle in place).
    const known = this.taken.get(event.source);
    const parent = (known && !known.projected ? known : undefined) ?? { root: event.source, rows: Array.from({ length }, (_, i) => i), random: false, site: undefined as unknown as Site };
    const entry: Taken<Site> = { root: parent.root, rows: event.rows.map((r) => parent.rows[r]), random: parent.random || event.random, site };
    if (entry.rows.some((r) => r === undefined)) return;
    this.taken.set(event.result, entry);
    const index = indexKey(event.result);
    if (index) {
      if (this.takenByIndex.size > 1000) this.takenByIndex.clear();
      this.takenByIndex.set(index, entry);
    }
  }

  /** Whether a value holds rows taken from a data set (a part of a hand-made split). */
  holdsTakenRows(value: unknown): boolean {
    return isObject(value) && this.taken.has(value);
  }

  /**
   * `part.map((r) => r.features)`: one value per row of a taken part, so the same rows of the same
   * data set (the model is often fitted on such a projection of the records a split cut).
   */
  observeProjection(source: object, result: object): void {
    const entry = this.taken.get(source);
    if (entry && !entry.projected && this.enabled) this.taken.set(result, { ...entry, projected: true });
  }

  private takenOf(value: unknown): Taken<Site> | undefined {
    if (!isObject(value)) return undefined;
    const direct = this.taken.get(value);
    if (direct) return direct;
    const index = indexKey(value);
    return index ? this.takenByIndex.get(index) : undefined;
  }

  /**
   * A model measured on rows X (a prediction, or a metric with its labels): a hand-made split is
   * checked once its two parts are known, and test rows copying training rows are counted.
   */
  private onMeasured(model: unknown, X: unknown, labels: unknown[] | undefined, site: Site): unknown[] | undefined {
    if (!isObject(model) || !isObject(X)) return undefined;
    const fit = this.fits.get(model);
    if (!fit || fit.X === X) return undefined; // an evaluation on the training rows is not a leak of test rows
    let seen = this.checked.get(model);
    if (!seen) this.checked.set(model, (seen = new WeakSet()));
    if (seen.has(X)) return undefined;
    // A prediction whose labels are unknown is looked at once; a metric with the labels later looks again.
    let bare = this.checkedWithoutLabels.get(model);
    if (!bare) this.checkedWithoutLabels.set(model, (bare = new WeakSet()));
    if (!labels && bare.has(X)) return undefined;
    const handMade = this.handMadeSplit(fit, X, labels);
    labels ??= handMade?.testY;
    if (!labels) {
      bare.add(X);
      return undefined;
    }
    seen.add(X);
    this.countCopies(fit, X, labels, site);
    return handMade?.testY;
  }

  /**
   * A classifier predicting the test features of a split (the runtime's, or one made by hand whose
   * test labels are known): if no metric ever measures these predictions, the notebook measures them by hand.
   */
  private notePrediction(model: unknown, X: unknown, handMadeLabels: unknown[] | undefined, site: Site): void {
    if (!isObject(model) || !isObject(X) || !this.fits.has(model) || !isClassifierModel(model)) return;
    const part = this.splitOf.get(X);
    const labels = part && part.role === 1 && part.split.parts.length === 4 ? labelsOf(part.split.parts[3]) : handMadeLabels;
    if (!labels || this.labelledPredictions.length >= MAX_LABELLED_PREDICTIONS) return;
    if (this.labelledPredictions.some((p) => p.model === model && this.siteKey(p.site) === this.siteKey(site))) return;
    this.labelledPredictions.push({ site, model, labels, key: fingerprint(labels) });
  }

  /** Train and test parts taken by hand from one data set: checked like a split, anchored where the test part was taken. */
  private handMadeSplit(fit: FitRecord<Site>, X: object, labels: unknown[] | undefined): { testY?: unknown[] } | undefined {
    const train = this.takenOf(fit.X);
    const test = this.takenOf(X);
    if (!train || !test || train.root !== test.root || test.site === undefined) return undefined;
    const inTrain = new Set(train.rows);
    if (test.rows.every((r) => inTrain.has(r))) return undefined; // a subset of the training rows: not a split
    const trainX = rowsOf(fit.X);
    const testX = rowsOf(X);
    const trainY = fit.y === undefined ? undefined : labelsOf(fit.y);
    if (!trainX || !testX || trainX.rows.length !== train.rows.length || testX.rows.length !== test.rows.length) return undefined;
    // The test labels: given, or the same rows of the array the training labels were taken from.
    let testY = labels;
    const labelled = this.takenOf(fit.y);
    if (!testY && labelled && !labelled.projected && labelled.rows.length === train.rows.length && labelled.rows.every((r, i) => r === train.rows[i])) {
      const all = labelsOf(labelled.root);
      if (all) testY = test.rows.map((r) => all[r]);
    }
    if (testY && testY.length !== testX.rows.length) testY = undefined;
    // Time order from the whole data set: the model's columns may not include the date.
    const root = rowsOf(test.root);
    const time = root ? findTimeColumn(root) : undefined;
    const random = train.random || test.random;
    // In time order: rows sorted by time and cut, or every test row after every training row (or before).
    const separated = time !== undefined && timesApart(train.rows.map((r) => time.times[r]), test.rows.map((r) => time.times[r]));
    const timeOrdered = !random && root !== undefined && (separated || (time !== undefined ? isSortedByTime(time.times) : hasOrderingColumn(root)));
    const analysis = analyzeSplit({ trainX, testX, trainY: testY ? trainY : undefined, testY: trainY ? testY : undefined, method: timeOrdered ? "time" : "unknown" }, this.t);
    const related = [{ site: fit.site, message: `the model is trained here (${fit.call}) on rows taken from the same data` }];
    // Copies are counted at the evaluation call, where a hand-made split shows itself.
    this.add(analysis.findings.filter((f) => f.rule === "non-representative-test"), test.site, related);
    // Rows cut in no time order (shuffled by hand, or never sorted) mix past and future like a random split.
    if (time) this.add(checkTemporalLeakage({ name: time.name, train: train.rows.map((r) => time.times[r]), test: test.rows.map((r) => time.times[r]) }, random || !timeOrdered), test.site, related);
    return { testY };
  }

  private countCopies(fit: FitRecord<Site>, X: unknown, labels: unknown[], site: Site): void {
    const evaluated = isObject(X) ? this.splitOf.get(X) : undefined;
    const trained = isObject(fit.X) ? this.splitOf.get(fit.X) : undefined;
    if (evaluated && trained && evaluated.split === trained.split) return; // the split call already had its say
    const testRows = rowsOf(X);
    const trainRows = rowsOf(fit.X);
    const trainY = fit.y === undefined ? undefined : labelsOf(fit.y);
    if (!testRows || !trainRows || !trainY || trainY.length !== trainRows.rows.length || labels.length !== testRows.rows.length) return;
    if (sameTable(testRows, trainRows)) return; // the training rows again, as another object
    // Parts of a runtime split, transformed since (a scaler, dropped columns): the split call already had its say.
    if (this.splitSizes.some((s) => s.train === trainRows.rows.length && s.test === testRows.rows.length)) return;
    const count = countDuplicateRows(trainRows, testRows, trainY, labels);
    this.add(checkDuplicates(count, this.t, "evaluation"), site, [{ site: fit.site, message: `the model is trained here (${fit.call})` }]);
  }
}

/** A model that learned classes (the runtime's classifiers list them; others give class probabilities). */
function isClassifierModel(model: object): boolean {
  const m = model as { classes?: unknown; predictProba?: unknown; steps?: unknown[] };
  try {
    if (Array.isArray(m.classes) && m.classes.length > 0) return true;
    if (typeof m.predictProba === "function" && !Array.isArray(m.steps)) return true;
    // The ml.js classifiers the kernel instruments, by their library's class (their regressors end in Regression).
    if (/^(RandomForestClassifier|DecisionTreeClassifier|KNN|GaussianNB|MultinomialNB|LogisticRegression)$/.test(model.constructor?.name ?? "")) return true;
    const last = Array.isArray(m.steps) ? m.steps[m.steps.length - 1] : undefined;
    return isObject(last) && isClassifierModel(last);
  } catch {
    return false;
  }
}

/** A pipeline whose steps impute handles missing values itself. */
function imputes(model: unknown): boolean {
  const steps = (model as { steps?: unknown })?.steps;
  return Array.isArray(steps) && steps.some((s) => /imputer/i.test(String((s as { estimatorName?: string })?.estimatorName ?? (s as object)?.constructor?.name ?? "")));
}

/** All of one side is at or after all of the other: a split by time. */
function timesApart(a: (number | undefined)[], b: (number | undefined)[]): boolean {
  const x = a.filter((t): t is number => t !== undefined);
  const y = b.filter((t): t is number => t !== undefined);
  if (!x.length || !y.length) return false;
  const min = (v: number[]) => v.reduce((m, t) => (t < m ? t : m), Infinity);
  const max = (v: number[]) => v.reduce((m, t) => (t > m ? t : m), -Infinity);
  const [minX, maxX, minY, maxY] = [min(x), max(x), min(y), max(y)];
  return maxX <= minY || maxY <= minX;
}

/** Rows of an array, frame, series or tensor. */
function rowCountOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  const shape = (value as { shape?: unknown }).shape;
  if (Array.isArray(shape) && typeof shape[0] === "number") return shape[0];
  const values = (value as { values?: unknown }).values;
  return Array.isArray(values) ? values.length : 0;
}

/** A frame's or series' row labels as a key (they survive drop, loc and column picks). */
function indexKey(value: unknown): string | undefined {
  if (Array.isArray(value) || !isObject(value)) return undefined;
  try {
    const index = (value as { index?: unknown }).index;
    return Array.isArray(index) && index.length ? `index:${fingerprint(index)}` : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is object {
  return (typeof v === "object" || typeof v === "function") && v !== null;
}

function sameTable(a: Rows, b: Rows): boolean {
  if (a.rows.length !== b.rows.length) return false;
  for (let i = 0; i < a.rows.length; i++) {
    const r = a.rows[i];
    const s = b.rows[i];
    if (r.length !== s.length) return false;
    for (let j = 0; j < r.length; j++) if (keyOf(r[j]) !== keyOf(s[j])) return false;
  }
  return true;
}

/** Equal labels give equal keys, whatever object holds them (yTest, yTest.values, a copy). */
function fingerprint(labels: unknown[]): string {
  let h = 2166136261;
  for (const v of labels) {
    const k = keyOf(v);
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 31, 16777619);
  }
  return `${labels.length}:${(h >>> 0).toString(36)}`;
}
