/**
 * Turns a value into the mime bundle a notebook shows: objects that render themselves
 * (`toMimeBundle()`), danfojs DataFrame/Series as a table, tensors as shape and values, and
 * anything else as inspected text. Every bundle carries a text/plain item for plain front ends
 * (the CLI's text output, other notebook tools).
 */
import { inspect } from "node:util";
import { isDisplayable, Mime, type MimeItem } from "../../protocol/mime";
import { danfoTable, isDanfo } from "./table";

export function mimeBundle(value: unknown): MimeItem[] {
  if (isDisplayable(value)) {
    const items = value.toMimeBundle();
    return items.some((item) => item.mime === Mime.text) ? items : [...items, { mime: Mime.text, data: plainText(value) }];
  }
  if (isDanfo(value)) return [{ mime: Mime.table, data: danfoTable(value) }, { mime: Mime.text, data: danfoText(value) }];
  if (isTensor(value)) return tensorBundle(value);
  return [{ mime: Mime.text, data: plainText(value) }];
}

/** As Node's REPL prints values: strings quoted, objects inspected a few levels deep. */
export function plainText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

function danfoText(value: { toString(): string }): string {
  try {
    return value.toString();
  } catch {
    return plainText(value);
  }
}

interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  arraySync(): unknown;
}

function isTensor(value: unknown): value is TensorLike {
  const v = value as TensorLike;
  return typeof value === "object" && value !== null && Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.arraySync === "function";
}

const MAX_TENSOR_VALUES = 10_000;

function tensorBundle(tensor: TensorLike): MimeItem[] {
  const header = `Tensor ${tensor.dtype} shape [${tensor.shape.join(", ")}]`;
  if (tensor.size > MAX_TENSOR_VALUES) return [{ mime: Mime.text, data: `${header} (${tensor.size} values, not shown)` }];
  const values = tensor.arraySync();
  return [
    { mime: Mime.json, data: { shape: tensor.shape, dtype: tensor.dtype, values } },
    { mime: Mime.text, data: `${header}\n${inspect(values, { depth: 8, maxArrayLength: 100, breakLength: 100 })}` },
  ];
}
