/**
 * Support vector classification as libsvm (scikit-learn's SVC): one-vs-one binary machines
 * solved by SMO, voting for predict, and with `probability: true` Platt scaling fitted on
 * 5-fold decision values plus pairwise coupling, as libsvm's -b 1.
 */
import type { Label } from "../core/data";
import { BaseEstimator, registerEstimator, type Classifier } from "../core/estimator";
import { createRandom, type Random } from "../random";
import { progress } from "../core/progress";
import { kernelFunction, resolveGamma, solveSmo, type KernelFn, type KernelSpec } from "./svmSolver";
import { argmax, checkChoice, checkNumber, fitClasses, fitMatrix, predictMatrix } from "./shared";

export type SVCOptions = {
  kernel: "rbf" | "linear" | "poly" | "sigmoid";
  c: number;
  gamma: number | "scale" | "auto";
  degree: number;
  coef0: number;
  probability: boolean;
  tol: number;
  seed: number | undefined;
}

interface PairMachine {
  /** Classes (indices) voted for by a positive / negative decision. */
  positive: number;
  negative: number;
  /** Indices into `vectors` and their coefficients alpha_i * y_i. */
  index: number[];
  coef: number[];
  rho: number;
  probA?: number;
  probB?: number;
}

interface SVCState {
  classes: Label[];
  spec: KernelSpec;
  vectors: number[][];
  machines: PairMachine[];
}

interface BinaryFit {
  rows: number[];
  coef: number[];
  rho: number;
}

type SmoProgress = (iterations: number, gap: number) => void;

function trainBinary(X: number[][], rows: number[], positive: (r: number) => boolean, c: number, kernel: KernelFn, tol: number, onProgress?: SmoProgress): BinaryFit {
  const n = rows.length;
  const y = Int8Array.from(rows, (r) => (positive(r) ? 1 : -1));
  const result = solveSmo({
    X: rows.map((r) => X[r]),
    y,
    p: new Float64Array(n).fill(-1),
    C: new Float64Array(n).fill(c),
    alpha: new Float64Array(n),
    kernel,
    eps: tol,
    onProgress,
  });
  const keep: number[] = [];
  const coef: number[] = [];
  result.alpha.forEach((a, i) => {
    if (a > 0) {
      keep.push(rows[i]);
      coef.push(a * y[i]);
    }
  });
  return { rows: keep, coef, rho: result.rho };
}

function decision(fit: { coef: number[]; rho: number }, kernelValues: (k: number) => number): number {
  let s = -fit.rho;
  for (let k = 0; k < fit.coef.length; k++) s += fit.coef[k] * kernelValues(k);
  return s;
}

export class SVC extends BaseEstimator<SVCOptions> implements Classifier {
  static override readonly estimatorName = "SVC";
  #state?: SVCState;

  constructor(options: Partial<SVCOptions> = {}) {
    super({ kernel: "rbf", c: 1, gamma: "scale", degree: 3, coef0: 0, probability: false, tol: 1e-3, seed: undefined }, options);
    // As scikit-learn (hasattr(svc, "predict_proba") is False without probability=True): reports
    // and crossValidate then use labels instead of calling a method that cannot answer.
    if (!this.params.probability) Object.defineProperty(this, "predictProba", { value: undefined, enumerable: false });
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.#state!.classes];
  }

  /** Support vectors (rows of the training data with a nonzero dual coefficient). */
  get supportVectors(): number[][] {
    this.assertFitted("supportVectors");
    return this.#state!.vectors.map((r) => [...r]);
  }

  fit(X: unknown, y: unknown): this {
    const where = `${this.estimatorName}.fit`;
    const kernel = checkChoice(where, "kernel", this.params.kernel, ["rbf", "linear", "poly", "sigmoid"] as const);
    const c = checkNumber(where, "c", this.params.c, 0, false, true);
    const tol = checkNumber(where, "tol", this.params.tol, 0, false, true);
    const { values } = fitMatrix(X, where);
    const { classes, codes } = fitClasses(y, values.length, where);
    const spec: KernelSpec = { kernel, gamma: resolveGamma(this.params.gamma, values, where), degree: this.params.degree, coef0: this.params.coef0 };
    const kfn = kernelFunction(spec);
    const random = createRandom(this.params.seed);
    const byClass = classes.map((_, k) => values.map((_, i) => i).filter((i) => codes[i] === k));
    const vectorIndex = new Map<number, number>();
    const vectors: number[][] = [];
    const machines: PairMachine[] = [];
    const report = progress(where, "class pair", (classes.length * (classes.length - 1)) / 2);
    const smo = (pair: string, iterations: number, gap: number) => `${pair}: SMO iteration ${iterations}, gap ${gap.toExponential(2)} (stops below ${tol})`;
    for (let a = 0; a < classes.length; a++) {
      for (let b = a + 1; b < classes.length; b++) {
        const rows = [...byClass[a], ...byClass[b]];
        const isA = (r: number) => codes[r] === a;
        const pair = `${String(classes[a])} vs ${String(classes[b])}`;
        const fit = trainBinary(values, rows, isA, c, kfn, tol, (iterations, gap) => report.tick(machines.length, smo(pair, iterations, gap)));
        const machine: PairMachine = { positive: a, negative: b, index: [], coef: fit.coef, rho: fit.rho };
        for (const r of fit.rows) {
          if (!vectorIndex.has(r)) {
            vectorIndex.set(r, vectors.length);
            vectors.push(values[r]);
          }
          machine.index.push(vectorIndex.get(r)!);
        }
        if (this.params.probability) {
          Object.assign(machine, plattForPair(values, rows, isA, c, kfn, tol, random, (fold, iterations, gap) => report.tick(machines.length, smo(`${pair}, Platt fold ${fold}/5`, iterations, gap))));
        }
        machines.push(machine);
        report.tick(machines.length, `${pair}: ${fit.rows.length} support vectors`);
      }
    }
    report.finish(`${vectors.length} support vectors`);
    this.#state = { classes, spec, vectors, machines };
    this.markFitted();
    return this;
  }

  /** One decision value per pair of classes (one in all for two classes; positive means classes[1]). */
  decisionFunction(X: unknown): number[][] {
    this.assertFitted("decisionFunction");
    const values = this.#pairDecisions(X, "decisionFunction");
    return this.#state!.classes.length === 2 ? values.map(([d]) => [-d]) : values;
  }

  #pairDecisions(X: unknown, method: string): number[][] {
    const { vectors, machines, spec } = this.#state!;
    const kfn = kernelFunction(spec);
    return predictMatrix(X, vectors[0]?.length ?? 0, `${this.estimatorName}.${method}`).map((x) => {
      const k = vectors.map((v) => kfn(v, x));
      return machines.map((m) => decision(m, (i) => k[m.index[i]]));
    });
  }

  predict(X: unknown): Label[] {
    this.assertFitted("predict");
    const { classes, machines } = this.#state!;
    return this.#pairDecisions(X, "predict").map((dec) => {
      const votes = new Array(classes.length).fill(0);
      machines.forEach((m, i) => votes[dec[i] > 0 ? m.positive : m.negative]++);
      return classes[argmax(votes)];
    });
  }

  /** Platt-scaled probabilities; only with `probability: true` (otherwise this is undefined, as in scikit-learn). */
  predictProba(X: unknown): number[][] {
    this.assertFitted("predictProba");
    const { classes, machines } = this.#state!;
    const K = classes.length;
    return this.#pairDecisions(X, "predictProba").map((dec) => {
      const r = Array.from({ length: K }, () => new Array(K).fill(0));
      machines.forEach((m, i) => {
        const p = Math.min(Math.max(sigmoidPredict(dec[i], m.probA!, m.probB!), 1e-7), 1 - 1e-7);
        r[m.positive][m.negative] = p;
        r[m.negative][m.positive] = 1 - p;
      });
      return coupling(r);
    });
  }

  protected saveState(): SVCState {
    return this.#state!;
  }

  protected loadState(state: unknown): void {
    this.#state = state as SVCState;
  }
}

/** libsvm's svm_binary_svc_probability: decision values from 5-fold CV, then a sigmoid fit. */
function plattForPair(X: number[][], rows: number[], isA: (r: number) => boolean, c: number, kfn: KernelFn, tol: number, random: Random, onProgress: (fold: number, iterations: number, gap: number) => void) {
  const folds = 5;
  const order = random.permutation(rows.length).map((i) => rows[i]);
  const dec = new Array(order.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const start = Math.floor((f * order.length) / folds);
    const end = Math.floor(((f + 1) * order.length) / folds);
    const train = [...order.slice(0, start), ...order.slice(end)];
    const pos = train.filter(isA).length;
    if (pos === 0 || pos === train.length) {
      for (let i = start; i < end; i++) dec[i] = pos === 0 ? -1 : 1;
      continue;
    }
    const fit = trainBinary(X, train, isA, c, kfn, tol, (iterations, gap) => onProgress(f + 1, iterations, gap));
    for (let i = start; i < end; i++) dec[i] = decision(fit, (k) => kfn(X[fit.rows[k]], X[order[i]]));
  }
  const [probA, probB] = sigmoidTrain(dec, order.map((r) => isA(r)));
  return { probA, probB };
}

/** Platt's sigmoid fitted by Newton's method with backtracking (Lin, Lin & Weng 2007). */
function sigmoidTrain(dec: number[], positive: boolean[]): [number, number] {
  const prior1 = positive.filter(Boolean).length;
  const prior0 = positive.length - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = positive.map((p) => (p ? hi : lo));
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  const objective = (a: number, b: number) =>
    dec.reduce((s, d, i) => {
      const f = d * a + b;
      return s + (f >= 0 ? t[i] * f + Math.log1p(Math.exp(-f)) : (t[i] - 1) * f + Math.log1p(Math.exp(f)));
    }, 0);
  let fval = objective(A, B);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    dec.forEach((d, i) => {
      const f = d * A + B;
      const p = f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
      const q = 1 - p;
      const d2 = p * q;
      h11 += d * d * d2;
      h22 += d2;
      h21 += d * d2;
      const d1 = t[i] - p;
      g1 += d * d1;
      g2 += d1;
    });
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const f = objective(A + step * dA, B + step * dB);
      if (f < fval + 1e-4 * step * gd) {
        A += step * dA;
        B += step * dB;
        fval = f;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return [A, B];
}

function sigmoidPredict(dec: number, A: number, B: number): number {
  const f = dec * A + B;
  return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
}

/** Pairwise coupling (Wu, Lin & Weng 2004, method 2), as libsvm's multiclass_probability. */
function coupling(r: number[][]): number[] {
  const k = r.length;
  const Q = Array.from({ length: k }, () => new Array(k).fill(0));
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      Q[t][t] += r[j][t] * r[j][t];
      Q[t][j] = -r[j][t] * r[t][j];
    }
  }
  const p = new Array(k).fill(1 / k);
  const Qp = new Array(k).fill(0);
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t][j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < 0.005 / k) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t][t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t][t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t][j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
  return p;
}

registerEstimator(SVC);
