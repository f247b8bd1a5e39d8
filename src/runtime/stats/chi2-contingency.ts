/**
 * Chi-square test of independence on a contingency table, as scipy.stats.chi2_contingency
 * (Yates' correction when there is one degree of freedom), and Cramér's V, its effect size
 * (scipy.stats.contingency.association, uncorrected). The runtime rules compare the label
 * distribution of training and test rows with them.
 */
import { AibookError } from "../core/errors";
import type { Label } from "../core/data";
import { checkOptions } from "../options";
import { sortedLabels } from "../metrics/labels";
import { chiSquareSf } from "./special";

export interface Chi2Result {
  statistic: number;
  pValue: number;
  dof: number;
  expected: number[][];
}

export function chi2Contingency(table: number[][], options: { correction?: boolean } = {}): Chi2Result {
  checkOptions("chi2Contingency", options, ["correction"]);
  checkTable(table, "chi2Contingency");
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((a, r) => a + r[j], 0));
  const total = rows.reduce((a, b) => a + b, 0);
  const expected = table.map((_, i) => cols.map((c) => (rows[i] * c) / total));
  const zero = expected.findIndex((r) => r.some((e) => e === 0));
  if (zero >= 0) {
    throw new AibookError(`chi2Contingency: a row or column of the table sums to zero (expected frequency 0 in row ${zero}); drop empty rows and columns first.`);
  }
  const dof = table.length * table[0].length - table.length - table[0].length + 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof, expected };
  const correct = (options.correction ?? true) && dof === 1;
  let statistic = 0;
  table.forEach((r, i) =>
    r.forEach((o, j) => {
      const e = expected[i][j];
      let observed = o;
      if (correct) {
        const diff = e - o;
        observed = o + Math.sign(diff) * Math.min(0.5, Math.abs(diff));
      }
      statistic += (observed - e) ** 2 / e;
    }),
  );
  return { statistic, pValue: chiSquareSf(statistic, dof), dof, expected };
}

/** Cramér's V = sqrt(χ² / (n · (min(rows, columns) − 1))), without Yates' correction. */
export function cramersV(table: number[][]): number {
  checkTable(table, "cramersV");
  const n = table.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
  const k = Math.min(table.length, table[0].length);
  if (k < 2) throw new AibookError("cramersV: the table needs at least two rows and two columns.");
  const { statistic } = chi2Contingency(table, { correction: false });
  return Math.sqrt(statistic / (n * (k - 1)));
}

/** A samples × labels table of counts (e.g. training labels vs test labels), labels sorted. */
export function labelTable(...samples: Label[][]): { labels: Label[]; table: number[][] } {
  const labels = sortedLabels(...samples);
  const at = new Map(labels.map((l, i) => [l, i]));
  const table = samples.map((s) => {
    const row = new Array(labels.length).fill(0);
    for (const v of s) row[at.get(v)!]++;
    return row;
  });
  return { labels, table };
}

function checkTable(table: number[][], where: string): void {
  if (!Array.isArray(table) || !table.length || !Array.isArray(table[0]) || !table[0].length) {
    throw new AibookError(`${where}: expected a non-empty table of counts (an array of rows).`);
  }
  const width = table[0].length;
  table.forEach((r, i) => {
    if (r.length !== width) throw new AibookError(`${where}: row ${i} has ${r.length} counts, row 0 has ${width}.`);
    r.forEach((v, j) => {
      if (!(v >= 0)) throw new AibookError(`${where}: the count at row ${i}, column ${j} is ${v}; counts must be non-negative numbers.`);
    });
  });
}
