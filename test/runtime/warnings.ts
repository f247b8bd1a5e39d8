/** Runs `run` with console.warn captured: its value and the warnings it printed. */
export function capturingWarnings<T>(run: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...parts: unknown[]) => void warnings.push(parts.join(" "));
  try {
    return { value: run(), warnings };
  } finally {
    console.warn = original;
  }
}
