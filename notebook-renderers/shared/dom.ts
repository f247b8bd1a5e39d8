/**
 * DOM building for renderers and the metrics panel. Every value that comes from data becomes a
 * text node (createTextNode / textContent), never markup: a cell holding `<img src=x onerror=…>`
 * is shown as those characters. There is deliberately no helper that takes HTML.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined | null>;

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
}

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    // Event handlers are attached with addEventListener, never as attributes.
    if (/^on/i.test(k)) throw new Error(`attribute ${k} is not allowed`);
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** An HTML element with attributes and text/element children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes and children. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Numbers for reading at a glance: 4 significant digits, thousands grouped, missing as "–". */
export function fmt(value: unknown, digits = 4): string {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "–";
  if (typeof value !== "number") return String(value);
  const v = value === 0 ? 0 : value; // -0 would read as a different number; it equals 0
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString("en-US");
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) return v.toExponential(2);
  return Number(v.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "–";
  const p = share * 100;
  return `${p === 0 || p >= 10 ? Math.round(p) : p.toFixed(1)}%`;
}

/** Adds a stylesheet once per document (renderers share one notebook webview). */
export function ensureStyle(id: string, css: string): void {
  if (document.getElementById(id)) return;
  const style = h("style", { id });
  // Under a strict CSP (the metrics panel) a <style> needs the page's nonce, which the page
  // publishes in <meta property="csp-nonce">; notebook output webviews allow inline styles.
  const nonce = document.querySelector('meta[property="csp-nonce"]')?.getAttribute("content");
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  document.head.appendChild(style);
}

/** A message in place of a view whose payload this renderer cannot read. */
export function unreadable(container: HTMLElement, what: string, detail: string): void {
  container.replaceChildren(h("div", { class: "aibook-view aibook-error" }, `Cannot show this ${what}: ${detail}`));
}
