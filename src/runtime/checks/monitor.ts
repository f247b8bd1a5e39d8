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
import { checkImbalancedAccuracy } from "./imbalanced-accuracy";
import { checkMissingValues, countMissing } from "./missing-values";
import type { ObservedEvent } from "./observe";
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

interface LabelGroup<Site> {
  labels: unknown[];
  metrics: Set<string>;
  /** Accuracy calls, one per site key. */
  accuracySites: Map<string, Site>;
}

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
        return;
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
    const seen = new Set<string>();
    return out.filter((f) => {
      if (this.off.has(f.rule)) return false;
      const key = `${f.rule}@${this.siteKey(f.site)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private add(findings: CheckFinding[], site: Site, related: { site: Site; message: string }[] = []): void {
    for (const f of findings) this.fixed.push({ ...f, site, related });
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
    if (!group) this.groups.set(key, (group = { labels, metrics: new Set(), accuracySites: new Map() }));
    for (const m of event.metrics) group.metrics.add(m);
    if (event.metrics.includes("accuracy")) group.accuracySites.set(this.siteKey(site), site);

    // Which model measured on which rows: given directly, or through its predictions.
    let model = event.model;
    let X = event.X;
    if (model === undefined && isObject(event.yPred)) {
      const prediction = this.predictions.get(event.yPred);
      if (prediction) ({ model, X } = prediction);
    }
    if (!isObject(model) || X === undefined) return;
    const fit = this.fits.get(model);
    if (!fit || fit.X === X) return; // an evaluation on the training rows is not a leak of test rows
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

/** A pipeline whose steps impute handles missing values itself. */
function imputes(model: unknown): boolean {
  const steps = (model as { steps?: unknown })?.steps;
  return Array.isArray(steps) && steps.some((s) => /imputer/i.test(String((s as { estimatorName?: string })?.estimatorName ?? (s as object)?.constructor?.name ?? "")));
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
