/**
 * Warnings the runtime prints (scikit-learn's ConvergenceWarning and friends), once per message
 * for each piece of synchronous work: crossValidate or compareModels fit the same model five
 * times, and five identical lines would bury the one that matters. Python's warnings module does
 * the same by default (one per place). The same message prints again in a later cell.
 */
const shown = new Set<string>();

export function warnOnce(message: string): void {
  if (shown.has(message)) return;
  if (shown.size === 0) queueMicrotask(() => shown.clear());
  shown.add(message);
  console.warn(message);
}
