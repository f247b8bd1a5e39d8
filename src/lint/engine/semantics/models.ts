/**
 * What model and transformer methods do: fit records a training (or a preprocessing step), predict makes predictions, evaluate and score measure.
 */
import ts from "typescript";
import { resamplers } from "../knowledge";
import { atomsOf, dataOf, join, taintsOf, unknown, type ModelObj, type PredObj, type Value } from "../values";
import { elementOf, getProperty } from "./access";
import { type Runtime, argNode, fitModel, fitStep, literalOptions, newModel, num, readHints, recordEval, transformed } from "./core";

export function modelMethod(rt: Runtime, m: ModelObj, name: string, args: Value[], node: ts.Node): Value {
  switch (name) {
    case "fit":
    case "train":
    case "fitDataset": {
      if (m.role === "transformer") {
        fitStep(rt, m, args[0] ?? unknown, node);
        return [m];
      }
      if (m.role === "unsupervised") return [m];
      const fit = fitModel(rt, m, args, node);
      if (m.lib === "tf") {
        const opts = literalOptions(argNode(node, name === "fitDataset" ? 1 : 2));
        if (opts?.has("validationSplit")) recordEval(rt, m, fit, args[0] ?? unknown, [], node, true).evaluation.validationSplit = true;
        if (opts?.has("validationData")) {
          const held = getProperty(rt, args[name === "fitDataset" ? 1 : 2] ?? unknown, "validationData");
          recordEval(rt, m, fit, join(elementOf(rt, held, [num(0)]), dataOf(held).filter((d) => !d.elem)), [], node);
        }
        return unknown;
      }
      return name === "train" ? unknown : [m];
    }
    case "fitTransform":
    case "fit_transform":
    case "fitResample":
    case "fit_resample": {
      fitStep(rt, m, args[0] ?? unknown, node);
      if (resamplers.has(m.cls) || name.startsWith("fitR") || name === "fit_resample") {
        const parts = args.map((a) => transformed(m, a));
        return [{ t: "arr", elems: parts, elem: join(...parts) }, ...parts[0]!];
      }
      return transformed(m, args[0] ?? unknown);
    }
    case "transform":
    case "inverseTransform":
      return transformed(m, args[0] ?? unknown);
    case "predict":
    case "predictProba":
    case "predict_proba":
    case "predictClasses":
    case "classify": {
      if (m.role === "transformer" || m.role === "unsupervised") return unknown;
      const x = args[0] ?? unknown;
      const atoms = atomsOf(x);
      if (atoms.length) rt.facts.predictions.push({ model: m, fit: m.fit, atoms, node: rt.anchor(node) });
      return [{ t: "pred", model: m, fit: m.fit, atoms, taints: taintsOf(x) } satisfies PredObj];
    }
    case "evaluate":
    case "score": {
      if (m.role === "transformer" || m.role === "unsupervised") return unknown;
      const s = recordEval(rt, m, m.fit, args[0] ?? unknown, args.slice(1), node);
      return [s, { t: "arr", elems: [[s], [s]], elem: [s] }];
    }
    case "evaluateDataset": {
      const s = recordEval(rt, m, m.fit, args[0] ?? unknown, [], node);
      return [s];
    }
    case "clone": {
      const copy = newModel(rt, m.cls, m.lib, node);
      copy.role = m.role;
      copy.complexity = m.complexity;
      copy.hints = { ...m.hints };
      return [copy];
    }
    case "compile":
    case "add":
      readHints(m, node);
      return unknown;
    default:
      return unknown;
  }
}
