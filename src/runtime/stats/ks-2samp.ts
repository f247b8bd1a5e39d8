/**
 * Two-sample Kolmogorov–Smirnov test (two-sided), as scipy.stats.ks_2samp: the largest gap
 * between the two empirical distribution functions, with scipy's p-value choice — exact when
 * both samples have at most 10,000 values, else the asymptotic distribution of D_n at
 * n = round(n1·n2 / (n1 + n2)). The non-representative-test rule uses it per numeric feature.
 */
import { AibookError } from "../core/errors";
import { checkOptions } from "../options";
import { kolmogorovSf, probOutsideLattice, probOutsideSquare } from "./ks-distribution";

export interface KsResult {
  statistic: number;
  pValue: number;
  method: "exact" | "asymp";
}

const MAX_AUTO_N = 10000;

export function ks2Samp(a: ArrayLike<number>, b: ArrayLike<number>, options: { method?: "auto" | "exact" | "asymp" } = {}): KsResult {
  checkOptions("ks2Samp", options, ["method"]);
  const x = sortedFinite(a, "first");
  const y = sortedFinite(b, "second");
  const n1 = x.length;
  const n2 = y.length;
  if (!n1 || !n2) throw new AibookError("ks2Samp: both samples need at least one value.");
  // Largest |F1 − F2| over all observed values (ties handled by stepping past equal values).
  let i = 0;
  let j = 0;
  let maxS = 0;
  let minS = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  let d = -minS > maxS ? -minS : maxS;
  const g = gcd(n1, n2);
  let method = options.method ?? "auto";
  if (method === "auto") method = Math.max(n1, n2) <= MAX_AUTO_N ? "exact" : "asymp";
  else if (method === "exact" && n1 / g >= 2147483647 / (n2 / g)) method = "asymp";
  if (method === "exact") {
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideLattice(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic: d, pValue: p, method };
    method = "asymp";
  }
  const en = (n1 * n2) / (n1 + n2);
  return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSf(roundHalfEven(en), d))), method: "asymp" };
}

function sortedFinite(values: ArrayLike<number>, which: string): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) throw new AibookError(`ks2Samp: the ${which} sample holds NaN at position ${i}; drop missing values first.`);
  }
  return out.sort();
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
