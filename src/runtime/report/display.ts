/**
 * How any value is shown: reports and charts by their own views, DataFrames and Series as
 * tables, tensors as their shape and values, everything else as text. `display(value)` shows more
 * than one thing from a cell: the kernel installs a hook that sends the bundle as an output; in a
 * plain Node script the text form goes to stdout, so the same code still prints something useful.
 */
import { inspect } from "node:util";
import { Mime, isDisplayable, type MimeItem } from "../../protocol/mime";
import { isTensor } from "../core/data";
import { TableView } from "./table";

/** The kernel sets `globalThis[DISPLAY_HOOK] = (bundle) => …` to send outputs of the running cell. */
export const DISPLAY_HOOK = Symbol.for("aibook.display");

function isDataFrameLike(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Array.isArray((v as { columns?: unknown }).columns) && "values" in v && "index" in v;
}

/** The mime bundle a value is shown with (always ending with a text/plain item). */
export function mimeBundleOf(value: unknown): MimeItem[] {
  if (isDisplayable(value)) return value.toMimeBundle();
  if (isDataFrameLike(value)) return new TableView(value).toMimeBundle();
  if (isTensor(value)) {
    const t = value as { shape: number[]; dtype?: string };
    return [{ mime: Mime.text, data: `Tensor shape [${t.shape.join(", ")}]${t.dtype ? ` ${t.dtype}` : ""}\n${inspect(value.arraySync(), { depth: 4, maxArrayLength: 20, breakLength: 100 })}` }];
  }
  if (typeof value === "string") return [{ mime: Mime.text, data: value }];
  return [{ mime: Mime.text, data: inspect(value, { depth: 4, maxArrayLength: 50, breakLength: 100 }) }];
}

/** Show one or more values as outputs of the running cell (stdout text outside the kernel). */
export function display(...values: unknown[]): void {
  const hook = (globalThis as Record<symbol, unknown>)[DISPLAY_HOOK];
  for (const value of values) {
    const bundle = mimeBundleOf(value);
    if (typeof hook === "function") hook(bundle);
    else process.stdout.write(String(bundle.find((i) => i.mime === Mime.text)?.data ?? "") + "\n");
  }
}
