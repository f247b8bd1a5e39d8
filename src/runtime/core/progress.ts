/**
 * Progress lines for fits that can take a while (forests, boosting, MLPs): at most one line a
 * second, and nothing for a fit that ends sooner, so short fits stay quiet while a long one is
 * never silent (the kernel streams console output into the cell as it comes).
 */
export const progressSettings = { intervalMs: 1000 };

export interface Progress {
  /** `done` of `total` units finished; `detail` is appended (e.g. the loss). */
  tick(done: number, detail?: string): void;
  /** A closing line, printed only if progress was shown. */
  finish(summary: string): void;
}

/** `total` is left out where the count of units is not known in advance (an SMO solve). */
export function progress(who: string, unit: string, total: number | undefined, enabled = true): Progress {
  const started = Date.now();
  let last = started;
  let shown = false;
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  return {
    tick(done, detail) {
      const now = Date.now();
      if (!enabled || now - last < progressSettings.intervalMs) return;
      last = now;
      shown = true;
      console.log(`${who}: ${unit} ${done}${total === undefined ? "" : `/${total}`}${detail ? `, ${detail}` : ""} (${seconds()} s)`);
    },
    finish(summary) {
      if (enabled && shown) console.log(`${who}: done, ${summary} (${seconds()} s)`);
    },
  };
}
