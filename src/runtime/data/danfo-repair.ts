/**
 * A repair of danfojs-node 1.2's row selection by a boolean mask. `df.query(mask)`,
 * `df.iloc({ rows: mask })` and `series.iloc(mask)` turn each `true` into the row's *label*
 * and then read the row at that *position*: on a frame whose index is not 0..n-1 (what
 * dropMissing, dropDuplicates, trainTestSplit and timeSplit return, keeping pandas' labels)
 * they silently return the wrong rows, or throw "Cannot read properties of undefined".
 * The mask is turned into row positions before danfojs sees it, which is what it meant.
 */
const REPAIRED = Symbol.for("aibook.danfoMaskRepaired");

type Method = (this: unknown, ...args: unknown[]) => unknown;

function rowCount(self: unknown): number | undefined {
  const index = (self as { index?: unknown } | null)?.index;
  return Array.isArray(index) ? index.length : undefined;
}

/** The positions of the `true`s when `rows` is a boolean mask (array or Series) of one value per row; else `rows`. */
export function maskPositions(rows: unknown, n: number | undefined): unknown {
  const values = typeof rows === "object" && rows !== null && !Array.isArray(rows) && Array.isArray((rows as { values?: unknown }).values) ? (rows as { values: unknown[] }).values : rows;
  if (!Array.isArray(values) || values.length === 0 || values.length !== n) return rows;
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "boolean") return rows;
    if (v) out.push(i);
  }
  return out;
}

/**
 * Wraps the method where it is defined: danfojs-node's DataFrame and Series extend the base
 * classes, and frames made by danfojs itself (a query's result, a column) are base instances.
 */
function wrap(proto: object | undefined, name: string, make: (original: Method) => Method): void {
  let owner = proto;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner) as object | undefined;
  const original = (owner as Record<string, unknown> | undefined)?.[name];
  if (!owner || typeof original !== "function" || (original as unknown as Record<symbol, unknown>)[REPAIRED]) return;
  const repaired = make(original as Method);
  Object.defineProperty(repaired, REPAIRED, { value: true });
  (owner as Record<string, unknown>)[name] = repaired;
}

/** Repairs the danfojs namespace's DataFrame and Series methods once; returns the namespace. */
export function repairDanfo<T>(dfd: T): T {
  const ns = dfd as Record<string | symbol, unknown> | undefined;
  if (!ns || typeof ns !== "object" && typeof ns !== "function") return dfd;
  const frameProto = (ns.DataFrame as { prototype?: object } | undefined)?.prototype;
  const seriesProto = (ns.Series as { prototype?: object } | undefined)?.prototype;
  wrap(frameProto, "query", (original) => function query(this: unknown, condition?: unknown, ...rest: unknown[]) {
    return original.call(this, maskPositions(condition, rowCount(this)), ...rest);
  });
  wrap(frameProto, "iloc", (original) => function iloc(this: unknown, args?: unknown, ...rest: unknown[]) {
    if (typeof args === "object" && args !== null && "rows" in args) {
      const rows = maskPositions((args as { rows: unknown }).rows, rowCount(this));
      return original.call(this, { ...(args as object), rows }, ...rest);
    }
    return original.call(this, args, ...rest);
  });
  wrap(seriesProto, "iloc", (original) => function iloc(this: unknown, rows?: unknown, ...rest: unknown[]) {
    return original.call(this, maskPositions(rows, rowCount(this)), ...rest);
  });
  return dfd;
}
