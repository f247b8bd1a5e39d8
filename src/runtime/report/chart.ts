/**
 * `chart.histogram | scatter | line | bar`: small charts for a quick look at data and results.
 * Each returns a view whose payload the chart renderer draws as SVG; the text form is a table
 * with bars of "#" so that a terminal shows the same shape.
 */
import { Mime, type Displayable, type MimeItem } from "../../protocol/mime";
import { POINT_LIMIT, VIEWS_VERSION, type ChartPayload, type HistogramChart, type XYChart, type BarChart } from "../../protocol/views";
import { AibookError } from "../core/errors";
import { toColumns } from "./columns";
import { isMissing, numberFromText } from "../core/data";
import { checkOptions } from "../options";
import { binCount, histogram as bin, sampleIndices } from "./stats";
import { formatValue, textTable } from "./text";

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

export class ChartView implements Displayable {
  constructor(readonly payload: ChartPayload) {}
  toMimeBundle(): MimeItem[] {
    return [
      { mime: Mime.chart, data: this.payload },
      { mime: Mime.text, data: chartText(this.payload) },
    ];
  }
  toString(): string {
    return chartText(this.payload);
  }
}

const base = (o: ChartOptions) => ({
  kind: "chart" as const,
  version: VIEWS_VERSION,
  ...(o.title !== undefined ? { title: o.title } : {}),
  ...(o.xLabel !== undefined ? { xLabel: o.xLabel } : {}),
  ...(o.yLabel !== undefined ? { yLabel: o.yLabel } : {}),
});

/** Numbers of a 1-D input (array, Series, one-column frame); missing values are skipped. */
function numbers(x: unknown, what: string): number[] {
  const { columns, names } = toColumns(x, what);
  if (columns.length !== 1) throw new AibookError(`${what} must be one column of numbers; got ${names.length} columns (${names.slice(0, 5).join(", ")}). Pick one: df["${names[0] ?? "col"}"].`);
  return columns[0].map((v, i) => {
    if (isMissing(v)) return NaN;
    // Text is read as numpy reads it: Number() would turn " " into 0, "0x10" into 16 and [5] into 5.
    const n = typeof v === "number" ? v : v instanceof Date ? v.getTime() : typeof v === "string" ? numberFromText(v) : typeof v === "boolean" ? Number(v) : NaN;
    if (Number.isNaN(n)) throw new AibookError(`${what}: value ${Array.isArray(v) ? `[${String(v)}] (an array)` : JSON.stringify(v)} at row ${i} is not a number.`);
    return n;
  });
}

function isRecordOfColumns(x: unknown): boolean {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !("values" in x);
}

function firstNumeric(columns: [string, unknown][]): string | undefined {
  return columns.find(([, v]) => Array.isArray(v) && v.some((e) => typeof e === "number"))?.[0];
}

/** Named groups: a record of columns, or a single column named by `fallback`. */
function groups(x: unknown, what: string, fallback: string): [string, unknown][] {
  if (typeof x === "object" && x !== null && !Array.isArray(x) && !("values" in x) && Object.values(x).every((v) => Array.isArray(v) || (typeof v === "object" && v !== null && "values" in v))) {
    return Object.entries(x);
  }
  const { names, columns } = toColumns(x, what);
  if (columns.length > 1) return names.map((n, j) => [n, columns[j]]);
  return [[names[0] === "value" || names[0] === "0" ? fallback : names[0], columns[0] ?? []]];
}

/**
 * Histogram of one column, of several groups over shared bins (`{ train: a, test: b }`), or of a
 * table's columns named as line and scatter name them: `histogram(df, { x: "age" })`.
 */
export function histogram(data: unknown, options: ChartOptions & { bins?: number; x?: string | string[] } = {}): ChartView {
  checkOptions("chart.histogram", options, ["title", "xLabel", "yLabel", "bins", "x"]);
  const { x: pick, ...rest } = options;
  options = rest;
  const { bins: wanted } = options;
  // bins: 0 drew an empty chart and bins: "5" fifteen bins: refuse them, as numpy.histogram does.
  if (wanted !== undefined && !(typeof wanted === "number" && Number.isInteger(wanted) && wanted >= 1)) {
    throw new AibookError(`chart.histogram: bins must be a whole number ≥ 1, e.g. { bins: 20 }; got ${typeof wanted === "number" ? wanted : JSON.stringify(wanted)}.`);
  }
  let picked: [string, unknown][];
  if (pick !== undefined) {
    const names = typeof pick === "string" ? [pick] : pick;
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string")) throw new AibookError(`chart.histogram: x must name a column or a list of columns, e.g. { x: "age" }; got ${JSON.stringify(pick)}.`);
    picked = names.map((n) => [n, column(data, n, "chart.histogram")]);
    if (names.length === 1 && options.xLabel === undefined) options = { ...options, xLabel: names[0] };
  } else {
    picked = groups(data, "chart.histogram", "values");
  }
  const whole = picked.length > 1 && pick === undefined && !isRecordOfColumns(data);
  const named = picked.map(([n, v]) => {
    let values: number[];
    try {
      values = numbers(v, `chart.histogram (${n})`);
    } catch (error) {
      // A whole table: say how to pick its numeric columns.
      if (whole && error instanceof AibookError) throw new AibookError(`${error.message} Pick the numeric columns to count, e.g. chart.histogram(df, { x: "${firstNumeric(picked) ?? "column"}" }).`);
      throw error;
    }
    // Missing values are skipped (as pandas' hist does); an infinite one has no bin and would vanish silently.
    const inf = values.findIndex((x) => x === Infinity || x === -Infinity);
    if (inf >= 0) throw new AibookError(`chart.histogram (${n}): value ${values[inf]} at row ${inf} has no bin; replace or drop it (numpy.histogram refuses it too).`);
    return [n, values.filter(Number.isFinite)] as const;
  });
  const all = named.flatMap(([, v]) => v);
  if (all.length === 0) throw new AibookError("chart.histogram: no numbers to count (every value is missing).");
  let lo = Infinity, hi = -Infinity;
  for (const v of all) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const bins = options.bins ?? binCount(all.length);
  const edges = bin(all, bins, lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi]).edges;
  const range: [number, number] = [edges[0], edges[edges.length - 1]];
  const payload: HistogramChart = { ...base(options), chart: "histogram", edges, series: named.map(([name, v]) => ({ name, counts: bin(v, bins, range).counts })) };
  return new ChartView(payload);
}

const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds when every present value is a Date or an ISO date string, else null. */
function asTimes(x: unknown): number[] | null {
  const { columns } = toColumns(x, "chart x");
  if (columns.length !== 1) return null;
  let seen = 0;
  const out = columns[0].map((v) => {
    if (v === null || v === undefined || v === "") return NaN;
    seen++;
    if (v instanceof Date) return v.getTime();
    if (typeof v === "string" && ISO_DATE.test(v)) return Date.parse(v.length === 7 ? `${v}-01` : v);
    return null;
  });
  return seen > 0 && out.every((v) => v !== null) ? (out as number[]) : null;
}

/** Columns of a table named as pandas' `df.plot(x=..., y=...)` names them: `{ x: "date", y: "co2" }` or `y: ["a", "b"]`. */
export interface ColumnChoice {
  x?: string;
  y?: string | string[];
}

function isColumnChoice(o: unknown): o is ColumnChoice & ChartOptions & { name?: string } {
  if (typeof o !== "object" || o === null || Array.isArray(o) || "values" in o) return false;
  const { x, y } = o as { x?: unknown; y?: unknown };
  return typeof x === "string" || typeof y === "string" || (Array.isArray(y) && y.length > 0 && y.every((n) => typeof n === "string"));
}

/** One column of a table by name, with an error that lists the table's columns. */
function column(data: unknown, name: string, what: string): unknown[] {
  const { names, columns } = toColumns(data, what);
  const j = names.indexOf(name);
  if (j < 0) throw new AibookError(`${what}: no column "${name}"; the columns are ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", ..." : ""}.`);
  return columns[j];
}

/** line/scatter of a table's columns: x (or the row position) against each y column. */
function xyColumns(kind: "scatter" | "line", data: unknown, choice: ColumnChoice & ChartOptions & { name?: string }): ChartView {
  const { names } = toColumns(data, `chart.${kind}`);
  const yNames = choice.y === undefined ? names.filter((n) => n !== choice.x) : typeof choice.y === "string" ? [choice.y] : choice.y;
  const { x: xName, y: _y, ...rest } = choice;
  const options = { xLabel: xName, ...(yNames.length === 1 ? { yLabel: yNames[0] } : {}), ...rest };
  if (xName === undefined) return xy(kind, Object.fromEntries(yNames.map((n) => [n, column(data, n, `chart.${kind}`)])), undefined, options);
  const xs = column(data, xName, `chart.${kind}`);
  if (yNames.length === 1) return xy(kind, xs, column(data, yNames[0], `chart.${kind}`), { name: yNames[0], ...options });
  const views = yNames.map((n) => xy(kind, xs, column(data, n, `chart.${kind}`), { name: n, ...options }).payload as XYChart);
  return new ChartView({ ...views[0], series: views.flatMap((v) => v.series), sampled: views.some((v) => v.sampled) });
}

function xy(kind: "scatter" | "line", x: unknown, y: unknown, options: ChartOptions & { name?: string }): ChartView {
  if (isColumnChoice(y)) return xyColumns(kind, x, { ...options, ...y });
  let series: { name: string; x: number[]; y: number[] }[];
  let xTime = false;
  if (y === undefined || (typeof y === "object" && y !== null && !Array.isArray(y) && !("values" in y))) {
    // line(values) / line({ a: values, b: values }): x is the position.
    const opts = (y ?? {}) as ChartOptions & { name?: string };
    options = { ...options, ...opts };
    series = groups(x, `chart.${kind}`, options.name ?? "y").map(([name, v]) => {
      const ys = numbers(v, `chart.${kind} (${name})`);
      return { name, x: ys.map((_, i) => i), y: ys };
    });
  } else {
    const times = asTimes(x);
    if (times) xTime = true;
    const xs = times ?? numbers(x, `chart.${kind} x`);
    const ys = numbers(y, `chart.${kind} y`);
    if (xs.length !== ys.length) throw new AibookError(`chart.${kind}: x has ${xs.length} values but y has ${ys.length}; they must pair up.`);
    series = [{ name: options.name ?? "y", x: xs, y: ys }];
  }
  let sampled = false;
  series = series.map((s) => {
    const keep = s.x.map((_, i) => i).filter((i) => Number.isFinite(s.x[i]) && Number.isFinite(s.y[i]));
    const idx = keep.length > POINT_LIMIT ? sampleIndices(keep.length, POINT_LIMIT).map((i) => keep[i]) : keep;
    if (idx.length < keep.length) sampled = true;
    return { name: s.name, x: idx.map((i) => s.x[i]), y: idx.map((i) => s.y[i]) };
  });
  const payload: XYChart = { ...base(options), chart: kind, series, sampled, ...(xTime ? { xTime } : {}) };
  return new ChartView(payload);
}

/** `scatter(x, y, options)`: one point per row; or `scatter(df, { x: "a", y: "b" })`. */
export function scatter(x: unknown, y: unknown, options: ChartOptions & { name?: string } = {}): ChartView {
  return xy("scatter", x, y, options);
}

/** `line(x, y, options)`, `line(values)`, `line({ train: losses, test: losses })`, or `line(df, { x: "date", y: "co2" })`. */
export function line(x: unknown, y?: unknown, options: ChartOptions & { name?: string } = {}): ChartView {
  return xy("line", x, y, options);
}

/** `bar(categories, values)`, `bar(series)` (its labels are the categories), `bar({ a: 3, b: 5 })`, `bar(categories, { train: [...], test: [...] })`, or `bar(df, { x: "cat", y: "n" })`. */
export function bar(categories: unknown, values?: unknown, options: ChartOptions = {}): ChartView {
  if (isColumnChoice(values) && typeof values.x === "string") {
    const { x, y, ...rest } = values;
    const ys = y === undefined ? toColumns(categories, "chart.bar").names.filter((n) => n !== x) : typeof y === "string" ? [y] : y;
    const series = Object.fromEntries(ys.map((n) => [n, column(categories, n, "chart.bar")]));
    return bar(column(categories, x, "chart.bar"), series, { xLabel: x, ...rest, ...options });
  }
  if (values === undefined && (Array.isArray(categories) || (typeof categories === "object" && categories !== null && "values" in categories))) {
    // bar(series) as pandas' series.plot.bar(): the row labels are the categories (valueCounts()).
    const { names, columns, index, rowCount } = toColumns(categories, "chart.bar");
    const labels = index ?? Array.from({ length: rowCount }, (_, i) => i);
    const name = (n: string) => (names.length === 1 && (n === "0" || n === "value") ? "value" : n);
    return bar(labels, Object.fromEntries(names.map((n, j) => [name(n), columns[j]])), options);
  }
  let cats: string[];
  let series: BarChart["series"];
  if (typeof categories === "object" && categories !== null && !Array.isArray(categories) && !("values" in categories)) {
    const entries = Object.entries(categories as Record<string, unknown>);
    options = { ...options, ...((values as ChartOptions) ?? {}) };
    cats = entries.map(([k]) => k);
    series = [{ name: "value", values: entries.map(([k, v]) => checkBar(v, k)) }];
  } else {
    cats = toColumns(categories, "chart.bar categories").columns[0]?.map((c) => String(c)) ?? [];
    series = groups(values, "chart.bar values", "value").map(([name, v]) => ({ name, values: numbers(v, `chart.bar (${name})`).map((n) => (Number.isFinite(n) ? n : null)) }));
    for (const s of series) {
      if (s.values.length !== cats.length) throw new AibookError(`chart.bar: ${cats.length} categories but ${s.values.length} values in "${s.name}".`);
    }
  }
  const payload: BarChart = { ...base(options), chart: "bar", categories: cats, series };
  return new ChartView(payload);
}

function checkBar(v: unknown, k: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "number") throw new AibookError(`chart.bar: the value of "${k}" is ${JSON.stringify(v)}; bars need numbers.`);
  return Number.isFinite(v) ? v : null;
}

export const chart = { histogram, scatter, line, bar };

const BAR = 30;
function bars(values: (number | null)[]): string[] {
  const max = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  return values.map((v) => "#".repeat(max > 0 ? Math.round((Math.abs(v ?? 0) / max) * BAR) : 0));
}

/** Text form: the numbers behind the chart, with "#" bars where a bar makes sense. */
export function chartText(p: ChartPayload): string {
  const title = `${p.title ?? p.chart}${p.xLabel || p.yLabel ? ` (${[p.xLabel, p.yLabel].filter(Boolean).join(" vs ")})` : ""}`;
  if (p.chart === "histogram") {
    const rows = p.series[0].counts.map((_, i) => [`[${formatValue(p.edges[i])}, ${formatValue(p.edges[i + 1])}${i === p.edges.length - 2 ? "]" : ")"}`, ...p.series.map((s) => s.counts[i])]);
    const b = bars(p.series[0].counts);
    return `${title}\n${textTable(["bin", ...p.series.map((s) => s.name), ""], rows.map((r, i) => [...r, b[i]]), { maxWidth: 40 })}`;
  }
  if (p.chart === "bar") {
    const b = bars(p.series[0]?.values ?? []);
    return `${title}\n${textTable(["", ...p.series.map((s) => s.name), ""], p.categories.map((c, i) => [c, ...p.series.map((s) => s.values[i]), b[i]]), { maxWidth: 40 })}`;
  }
  const lines = p.series.map((s) => {
    const rows = s.x.map((x, i) => [p.xTime ? new Date(x).toISOString().slice(0, 10) : x, s.y[i]]);
    return `${s.name}: ${s.x.length} points${p.sampled ? " (sampled)" : ""}\n${textTable([p.xLabel ?? "x", p.yLabel ?? "y"], rows, { head: 5, tail: 2 })}`;
  });
  return `${title} — ${p.chart}\n${lines.join("\n\n")}`;
}
