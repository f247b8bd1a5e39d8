/**
 * Questions the rules ask about the recorded facts, phrased once so that the rules agree: was an
 * evaluation on held-out rows, is a model a classifier, is a set of rows a validation part.
 */
import { relateRows, type Atom } from "./rows";
import type { EvalFact, Facts, ModelObj } from "./values";

/** How an evaluation's rows relate to the rows its model was trained on. */
export function evalRelation(e: EvalFact): "identical" | "overlap" | "disjoint" | "unknown" {
  if (e.cv) return "disjoint";
  if (!e.fit || e.fit.atoms.length === 0) return "unknown";
  return relateRows(e.atoms, e.fit.atoms);
}

export function isHeldOut(e: EvalFact): boolean {
  return evalRelation(e) === "disjoint";
}

export function isClassifier(m: ModelObj): boolean {
  return m.role === "classifier" || m.hints.classification === true;
}

/** A validation part: rows cut out of a training part, so choosing on them keeps the test set clean. */
export function isValidationRows(atoms: readonly Atom[]): boolean {
  return (
    atoms.length > 0 &&
    atoms.every((a) => {
      const trainAt = a.cuts.findIndex((c) => c.kind === "part" && (c.side === "train" || c.side === "rest"));
      return trainAt >= 0 && a.cuts.slice(trainAt + 1).some((c) => c.kind === "part" || c.kind === "slice");
    })
  );
}

export function evalsOf(facts: Facts, model: ModelObj): EvalFact[] {
  return facts.evals.filter((e) => e.model === model);
}
