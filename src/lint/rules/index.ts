/**
 * Every static rule, in the order pitfalls.md lists them. The CLI, the language server and the
 * tests take the list from here, so a new rule is one file plus one line.
 */
import type { Rule } from "../engine/types";
import { evaluateOnTrain } from "./evaluate-on-train";
import { multiTestLeakage } from "./multi-test-leakage";
import { noBaseline } from "./no-baseline";
import { overlapLeakage } from "./overlap-leakage";
import { preprocessingLeakage } from "./preprocessing-leakage";
import { unstratifiedSplit } from "./unstratified-split";

export const staticRules: readonly Rule[] = [
  overlapLeakage,
  evaluateOnTrain,
  preprocessingLeakage,
  multiTestLeakage,
  unstratifiedSplit,
  noBaseline,
];

export function ruleById(id: string): Rule | undefined {
  return staticRules.find((r) => r.meta.id === id);
}
