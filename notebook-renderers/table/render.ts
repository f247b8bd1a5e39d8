/**
 * The table view: a virtualized grid that draws only the rows in sight, so a DataFrame of
 * 100,000 rows scrolls as smoothly as one of ten. Column headers show the type and how many
 * values are missing, and sort the rows on click (ascending, descending, original order);
 * missing values are marked in the cells.
 */
import { missingText, type CellValue, type ColumnType, type TablePayload } from "../../src/protocol/views";
import { ensureStyle, fmt, h, unreadable } from "../shared/dom";
import { useTheme } from "../shared/theme";

const ROW_HEIGHT = 24;
const VISIBLE_ROWS = 16;
const OVERSCAN = 6;
/** Room for a vertical scrollbar, so that it never forces a horizontal one. */
const SCROLLBAR_ALLOWANCE = 16;

const CSS = `
.aibook-table .viewport { overflow: auto; position: relative; border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); }
.aibook-table .head { position: sticky; top: 0; z-index: 1; display: grid; background: var(--vscode-editor-background, #fff);
  border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.5)); }
.aibook-table .head > div { padding: 2px 8px; cursor: pointer; user-select: none; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.aibook-table .head > div:hover { background: var(--vscode-list-hoverBackground, rgba(128,128,128,.1)); }
.aibook-table .head .name { font-weight: 600; }
.aibook-table .head .type { font-size: 0.85em; color: var(--vscode-descriptionForeground, #717171); }
.aibook-table .head .nmiss { font-size: 0.85em; color: var(--aibook-warning-text); margin-left: 6px; }
.aibook-table .body { position: relative; }
.aibook-table .tr { position: absolute; left: 0; display: grid; height: ${ROW_HEIGHT}px; line-height: ${ROW_HEIGHT}px; }
.aibook-table .tr.odd { background: var(--vscode-list-hoverBackground, rgba(128,128,128,.05)); }
.aibook-table .tr > div { padding: 0 8px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.aibook-table .idx { color: var(--vscode-descriptionForeground, #717171); text-align: right; font-variant-numeric: tabular-nums; }
.aibook-table [aria-sort="ascending"] .name::after { content: " ▲"; font-size: .8em; }
.aibook-table [aria-sort="descending"] .name::after { content: " ▼"; font-size: .8em; }
`;

type Direction = "ascending" | "descending" | "none";

function isNumeric(type: string): boolean {
  return type === "number" || type === "integer";
}

/** Row order sorted by one column; missing values always go last. */
export function sortOrder(p: TablePayload, column: number, direction: Direction): Uint32Array {
  const n = p.data[0]?.length ?? 0;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (direction === "none") return order;
  const values = p.data[column];
  const sign = direction === "ascending" ? 1 : -1;
  const numeric = isNumeric(p.columns[column].type);
  const collator = new Intl.Collator(undefined, { numeric: true });
  return order.sort((a, b) => {
    const va = values[a], vb = values[b];
    if (va === null || vb === null) return va === vb ? a - b : va === null ? 1 : -1;
    const c = numeric && typeof va === "number" && typeof vb === "number" ? va - vb : collator.compare(String(va), String(vb));
    return c === 0 ? a - b : sign * c;
  });
}

/** Most decimals padding may add: beyond this, zeros would hide the digits that matter. */
const MAX_PADDED_DECIMALS = 4;
/** Rows looked at for column widths and decimals (measuring every row would not scale). */
const SAMPLE_ROWS = 200;

function cellText(v: CellValue, decimals = 0, type: ColumnType = "number"): string {
  if (v === null) return missingText(type);
  if (typeof v !== "number") return String(v);
  const text = fmt(v, 6);
  if (!decimals || !/^-?[\d,]+(\.\d+)?$/.test(text)) return text;
  const have = text.split(".")[1]?.length ?? 0;
  return have >= decimals ? text : `${text}${have ? "" : "."}${"0".repeat(decimals - have)}`;
}

/**
 * Decimals that line a number column up on its decimal point, as pandas prints 2.8 under 2.65 as
 * 2.80: the most any sampled value shows, or 0 (no padding) when that is more than
 * MAX_PADDED_DECIMALS or a value is shown in exponent form.
 */
export function columnDecimals(values: CellValue[], type: string): number {
  if (type !== "number") return 0;
  let most = 0;
  for (let r = 0; r < Math.min(values.length, SAMPLE_ROWS); r++) {
    const v = values[r];
    if (typeof v !== "number") continue;
    const text = fmt(v, 6);
    if (!/^-?[\d,]+(\.\d+)?$/.test(text)) return 0;
    most = Math.max(most, text.split(".")[1]?.length ?? 0);
  }
  return most <= MAX_PADDED_DECIMALS ? most : 0;
}

/** Column widths in px from the header and a sample of values (measuring every row would not scale). */
function widths(p: TablePayload, n: number, decimals: number[]): number[] {
  const sample = Math.min(n, SAMPLE_ROWS);
  const idxWidth = Math.max(3, String(p.index?.[n - 1] ?? n).length) * 8 + 16;
  return [idxWidth, ...p.columns.map((c, j) => {
    let chars = Math.max(c.name.length * 1.15, c.type.length + (c.missing ? ` ${fmt(c.missing)} missing`.length : 0));
    for (let r = 0; r < sample; r++) chars = Math.max(chars, cellText(p.data[j][r], decimals[j], c.type).length);
    return Math.min(320, Math.max(60, Math.ceil(chars * 7.5 + 24)));
  })];
}

export function renderTable(container: HTMLElement, payload: unknown): void {
  const p = payload as TablePayload;
  if (!p || p.kind !== "table" || !Array.isArray(p.columns) || !Array.isArray(p.data)) return unreadable(container, "table", "the output is not an aibook table payload.");
  useTheme();
  ensureStyle("aibook-table", CSS);
  const n = p.data[0]?.length ?? 0;
  const decimals = p.columns.map((c, j) => columnDecimals(p.data[j], c.type));
  const cols = widths(p, n, decimals);
  const template = cols.map((w) => `${w}px`).join(" ");
  const total = cols.reduce((a, b) => a + b, 0);

  let order = sortOrder(p, 0, "none");
  let sortColumn = -1;
  let direction: Direction = "none";

  const head = h("div", { class: "head", role: "row" }, h("div", { class: "idx", role: "columnheader" }, ""));
  head.style.gridTemplateColumns = template;
  head.style.width = `${total}px`;
  const headers = p.columns.map((c, j) => {
    const cell = h(
      "div",
      { role: "columnheader", tabindex: 0, "aria-sort": "none", title: `${c.name} (${c.type}${c.missing ? `, ${c.missing} missing` : ""}) — click to sort`, "data-column": j },
      h("span", { class: "name" }, c.name),
      h("br"),
      h("span", { class: "type" }, c.type),
      c.missing ? h("span", { class: "nmiss" }, `${fmt(c.missing)} missing`) : null,
    );
    if (isNumeric(c.type)) cell.classList.add("num");
    cell.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") (event.preventDefault(), cell.click());
    });
    cell.addEventListener("click", () => {
      direction = sortColumn !== j ? "ascending" : direction === "ascending" ? "descending" : direction === "descending" ? "none" : "ascending";
      sortColumn = direction === "none" ? -1 : j;
      order = sortOrder(p, j, direction);
      headers.forEach((hc, k) => hc.setAttribute("aria-sort", k === sortColumn ? direction : "none"));
      draw(true);
    });
    head.appendChild(cell);
    return cell;
  });

  const body = h("div", { class: "body", role: "rowgroup" });
  body.style.height = `${n * ROW_HEIGHT}px`;
  body.style.width = `${total}px`;
  const viewport = h("div", { class: "viewport", role: "grid", "aria-rowcount": n, tabindex: 0 }, head, body);
  viewport.style.maxHeight = `${(VISIBLE_ROWS + 2) * ROW_HEIGHT + 8}px`;
  // As wide as its columns (plus a vertical scrollbar when the rows scroll), not the whole output:
  // a narrow table otherwise sits in a wide empty frame.
  viewport.style.width = `${total + 2 + (n > VISIBLE_ROWS ? SCROLLBAR_ALLOWANCE : 0)}px`;
  viewport.style.maxWidth = "100%";

  let first = -1, last = -1, pending = false;
  function draw(force = false): void {
    pending = false;
    const top = Math.max(0, viewport.scrollTop - 2 * ROW_HEIGHT);
    const height = viewport.clientHeight || VISIBLE_ROWS * ROW_HEIGHT;
    const from = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const to = Math.min(n, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    if (!force && from === first && to === last) return;
    first = from;
    last = to;
    // Rows are recycled: scrolling rewrites the text of a few dozen cells, it creates nothing.
    while (pool.length < to - from) pool.push(newRow());
    for (let k = from; k < to; k++) fillRow(pool[k - from], k);
    for (let i = to - from; i < pool.length; i++) pool[i].remove();
    for (let i = 0; i < to - from; i++) if (!pool[i].isConnected) body.appendChild(pool[i]);
  }

  const pool: HTMLElement[] = [];
  function newRow(): HTMLElement {
    const row = h("div", { class: "tr", role: "row" }, h("div", { class: "idx" }));
    row.style.gridTemplateColumns = template;
    row.style.width = `${total}px`;
    for (let j = 0; j < p.columns.length; j++) row.appendChild(h("div", { role: "gridcell" }));
    return row;
  }
  function fillRow(row: HTMLElement, k: number): void {
    const r = order[k];
    row.style.top = `${k * ROW_HEIGHT}px`;
    row.setAttribute("aria-rowindex", String(k + 1));
    row.classList.toggle("odd", k % 2 === 1);
    const cells = row.children;
    cells[0].textContent = String(p.index?.[r] ?? r);
    for (let j = 0; j < p.columns.length; j++) {
      const v = p.data[j][r];
      const cell = cells[j + 1] as HTMLElement;
      const type = p.columns[j].type;
      cell.textContent = cellText(v, decimals[j], type);
      // A missing number stays right-aligned with its column, as pandas prints NaN.
      cell.className = v === null ? (isNumeric(type) || type === "empty" ? "missing num" : "missing") : typeof v === "number" ? "num" : "";
      if (typeof v === "string" && v.length > 40) cell.title = v;
      else cell.removeAttribute("title");
    }
  }
  viewport.addEventListener("scroll", () => {
    if (!pending) (pending = true), requestAnimationFrame(() => draw());
  });

  const shown = n < p.rowCount || p.columns.length < p.columnCount ? ` — showing the first ${fmt(n)} rows and ${p.columns.length} columns` : "";
  container.replaceChildren(
    h(
      "div",
      { class: "aibook-view aibook-table" },
      p.title ? h("div", { class: "title" }, p.title) : null,
      h("div", { class: "summary" }, `${fmt(p.rowCount)} rows × ${fmt(p.columnCount)} columns${shown}`),
      viewport,
    ),
  );
  draw(true);
}
