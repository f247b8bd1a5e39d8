/**
 * A minimal SVG plot frame: linear scales with round tick values, axes, grid lines and axis
 * labels. Charts, ROC curves, residual plots and histograms all draw into it, so they share one
 * look and stay light (no charting library in the notebook webview).
 */
import { fmt, s } from "./dom";

export interface PlotOptions {
  width?: number;
  height?: number;
  x: [number, number];
  y: [number, number];
  xLabel?: string;
  yLabel?: string;
  /** Category names along x instead of numeric ticks (bar charts). */
  xCategories?: string[];
  /** x values are epoch milliseconds: ticks are dates. */
  xTime?: boolean;
  title?: string;
}

export interface Plot {
  svg: SVGSVGElement;
  /** Layer to draw marks into. */
  marks: SVGGElement;
  x(v: number): number;
  y(v: number): number;
  innerWidth: number;
  innerHeight: number;
}

/** Round tick values covering [lo, hi] (1, 2, 5 x 10^k steps). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => raw <= st) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** Date ticks on whole years (or months, or days) for a span of epoch milliseconds. */
export function timeTicks(lo: number, hi: number, count = 5): { at: number; label: string }[] {
  const day = 86_400_000;
  const a = new Date(lo), b = new Date(hi);
  const years = b.getUTCFullYear() - a.getUTCFullYear();
  if (years >= 2) {
    const step = ticks(a.getUTCFullYear(), b.getUTCFullYear(), count).filter((y) => Number.isInteger(y));
    return step.map((y) => ({ at: Date.UTC(y, 0, 1), label: String(y) })).filter((t) => t.at >= lo && t.at <= hi);
  }
  if (hi - lo > 60 * day) {
    const out: { at: number; label: string }[] = [];
    const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
    const every = Math.max(1, Math.ceil(months / count));
    for (let d = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + 1, 1)); d.getTime() <= hi; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + every, 1))) {
      out.push({ at: d.getTime(), label: d.toISOString().slice(0, 7) });
    }
    return out;
  }
  return ticks(lo / day, hi / day, count).map((t) => ({ at: t * day, label: new Date(t * day).toISOString().slice(0, 10) }));
}

/** A domain padded so that no mark sits on the frame, and never empty. */
export function extent(values: number[], pad = 0.04): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

export function plot(o: PlotOptions): Plot {
  const width = o.width ?? 420, height = o.height ?? 260;
  const yTicks = ticks(o.y[0], o.y[1]).map((t) => ({ at: t, label: fmt(t, 3) }));
  // Room for the longest tick label (1.00e+21 is wider than 0.5): 11px text is about 6.5px a character.
  const labelRoom = Math.max(0, ...yTicks.map((t) => t.label.length)) * 6.5 + 8 + (o.yLabel ? 18 : 4);
  const m = { left: Math.max(52, Math.ceil(labelRoom)), right: 12, top: o.title ? 22 : 10, bottom: o.xLabel ? 40 : 26 };
  const iw = width - m.left - m.right, ih = height - m.top - m.bottom;
  const [x0, x1] = o.x, [y0, y1] = o.y;
  const x = (v: number) => m.left + ((v - x0) / (x1 - x0 || 1)) * iw;
  const y = (v: number) => m.top + ih - ((v - y0) / (y1 - y0 || 1)) * ih;
  const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (o.title) svg.appendChild(s("text", { class: "plot-title", x: m.left, y: 14, "font-weight": 600 }, o.title));
  const grid = s("g");
  for (const t of yTicks) {
    grid.appendChild(s("line", { class: "gridline", x1: m.left, x2: m.left + iw, y1: y(t.at), y2: y(t.at) }));
    grid.appendChild(s("text", { x: m.left - 6, y: y(t.at) + 4, "text-anchor": "end" }, t.label));
  }
  if (o.xCategories) {
    const band = iw / o.xCategories.length;
    const every = Math.max(1, Math.ceil(o.xCategories.length / Math.max(1, Math.floor(iw / 60))));
    o.xCategories.forEach((c, i) => {
      if (i % every) return;
      const cut = [...c].length > 12;
      const label = cut ? [...c].slice(0, 11).join("") + "…" : c;
      grid.appendChild(s("text", { x: m.left + band * (i + 0.5), y: m.top + ih + 16, "text-anchor": "middle" }, label, cut ? s("title", {}, c) : null));
    });
  } else {
    const xTicks = o.xTime ? timeTicks(x0, x1, Math.max(2, Math.floor(iw / 80))) : ticks(x0, x1, Math.max(2, Math.floor(iw / 70))).map((t) => ({ at: t, label: fmt(t, 3) }));
    for (const t of xTicks) {
      grid.appendChild(s("line", { class: "gridline", y1: m.top, y2: m.top + ih, x1: x(t.at), x2: x(t.at) }));
      grid.appendChild(s("text", { x: x(t.at), y: m.top + ih + 16, "text-anchor": "middle" }, t.label));
    }
  }
  svg.appendChild(grid);
  svg.appendChild(s("line", { class: "axis", x1: m.left, x2: m.left + iw, y1: m.top + ih, y2: m.top + ih }));
  svg.appendChild(s("line", { class: "axis", x1: m.left, x2: m.left, y1: m.top, y2: m.top + ih }));
  if (o.xLabel) svg.appendChild(s("text", { x: m.left + iw / 2, y: height - 6, "text-anchor": "middle" }, o.xLabel));
  if (o.yLabel) svg.appendChild(s("text", { x: 12, y: m.top + ih / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${m.top + ih / 2})` }, o.yLabel));
  const marks = s("g");
  svg.appendChild(marks);
  return { svg, marks, x, y, innerWidth: iw, innerHeight: ih };
}

/** Small histogram bars without axes, for profile cards. */
export function sparkBars(counts: number[], width = 160, height = 36, color = "var(--vscode-charts-blue, #3794ff)"): SVGSVGElement {
  const svg = s("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  const max = Math.max(1, ...counts);
  const w = width / Math.max(1, counts.length);
  counts.forEach((c, i) => {
    const bh = (c / max) * (height - 2);
    svg.appendChild(s("rect", { x: i * w + 0.5, y: height - bh, width: Math.max(1, w - 1), height: bh, fill: color }, s("title", {}, String(c))));
  });
  return svg;
}
