/**
 * The mime types aibook's rich outputs use. The runtime produces them, the kernel sends them,
 * the renderers (notebook-renderers/) draw them and the metrics panel reads them, so they are
 * named once, here. Every rich output also carries a `text/plain` item for other front ends.
 */
export const Mime = {
  table: "application/vnd.aibook.table+json",
  profile: "application/vnd.aibook.profile+json",
  evaluation: "application/vnd.aibook.evaluation+json",
  leaderboard: "application/vnd.aibook.leaderboard+json",
  chart: "application/vnd.aibook.chart+json",
  splitCheck: "application/vnd.aibook.split-check+json",
  stdout: "application/vnd.code.notebook.stdout",
  stderr: "application/vnd.code.notebook.stderr",
  error: "application/vnd.code.notebook.error",
  text: "text/plain",
  json: "application/json",
} as const;

export type AibookMime = (typeof Mime)[keyof typeof Mime];

/** One item of a rich output: what the runtime's `toMime()` and the kernel's display produce. */
export interface MimeItem {
  mime: string;
  data: unknown;
}

/**
 * Objects that know how to show themselves implement this (reports, charts, tables).
 * The kernel calls it for a cell's last value and for `display(value)`.
 */
export interface Displayable {
  toMimeBundle(): MimeItem[];
}

export const DISPLAY = "toMimeBundle";

export function isDisplayable(value: unknown): value is Displayable {
  return typeof value === "object" && value !== null && typeof (value as Displayable)[DISPLAY] === "function";
}
