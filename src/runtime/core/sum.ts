/**
 * numpy's summation, to the last bit. np.sum of a contiguous float64 array (a pandas column, a
 * 1-D target) adds blocks of up to 8192 values, each by pairwise summation with eight running
 * sums; a plain left-to-right loop rounds differently, which shows in a mean of 1e9-sized values
 * (and so in every value scaled or centred by it) and in what a constant column of 0.1s scales
 * to. scikit-learn's means, variances and regression metrics are such sums, so the same order
 * gives the same values.
 */

/** numpy's buffer size: a reduction sees the array in chunks of this many values. */
const BUFFER = 8192;

/** np.sum(values) for a contiguous float64 array. */
export function numpySum(values: ArrayLike<number>): number {
  let total = 0;
  for (let start = 0; start < values.length; start += BUFFER) total += pairwiseSum(values, start, Math.min(BUFFER, values.length - start));
  return total;
}

/** numpy's pairwise_sum (loops_utils.h): below 8 a plain loop, to 128 eight accumulators, above that halves. */
function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const k = start + i;
      r0 += a[k];
      r1 += a[k + 1];
      r2 += a[k + 2];
      r3 += a[k + 3];
      r4 += a[k + 4];
      r5 += a[k + 5];
      r6 += a[k + 6];
      r7 += a[k + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

/**
 * How numpy adds up a column of X (np.sum(X, axis=0)): pairwise when the column is contiguous —
 * a pandas DataFrame (column-major, whether read from CSV, built from a dict or from records) or
 * a single column — but left to right, row after row, down a row-major array of several columns
 * (np.array of nested lists, what a number[][] stands for).
 */
export function sumsColumnwise(input: { named: boolean }, columns: number): boolean {
  return input.named || columns === 1;
}

/** The sum of one column of X in numpy's order (see sumsColumnwise). */
export function columnSum(column: ArrayLike<number>, columnwise: boolean): number {
  if (columnwise) return numpySum(column);
  let total = 0;
  for (let i = 0; i < column.length; i++) total += column[i];
  return total;
}

/** np.mean(X, axis=0), each column summed in numpy's order for that input (see sumsColumnwise). */
export function columnMeans(rows: ArrayLike<number>[], columns: number, columnwise: boolean): number[] {
  const column = new Float64Array(rows.length);
  return Array.from({ length: columns }, (_, j) => {
    for (let i = 0; i < rows.length; i++) column[i] = rows[i][j];
    return columnSum(column, columnwise) / rows.length;
  });
}
