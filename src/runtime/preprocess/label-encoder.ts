/**
 * LabelEncoder: labels to 0..k-1 in sorted order (scikit-learn's classes_), and back. For a
 * target; features take OneHotEncoder, since codes would invent an order between categories.
 */
import { AibookError } from "../core/errors";
import { StatefulEstimator, registerEstimator } from "../core/estimator";
import { isSeries, showValue, toLabels, toVector, type Label } from "../core/data";
import { sortLabelList } from "../metrics/labels";
import type { Series } from "danfojs-node";
import { danfo } from "../data/frame";

interface State {
  classes: Label[];
}

export class LabelEncoder extends StatefulEstimator<Record<string, never>, State> {
  static override readonly estimatorName = "LabelEncoder";

  constructor(options: Partial<Record<string, never>> = {}) {
    super({}, options);
  }

  get classes(): Label[] {
    this.assertFitted("classes");
    return [...this.state!.classes];
  }

  fit(y: unknown): this {
    // NaN is a missing label (scikit-learn would make it a class): refused here as in every classifier.
    const labels = toLabels(y, `${this.estimatorName}.fit`);
    if (!labels.length) throw new AibookError(`${this.estimatorName}.fit: y has no values.`);
    const classes = [...new Set(labels)];
    const number = classes.find((c) => typeof c === "number");
    const text = classes.find((c) => typeof c === "string");
    if (number !== undefined && text !== undefined) {
      // scikit-learn refuses this too: numbers and strings have no common sorted order.
      throw new AibookError(
        `${this.estimatorName}.fit: y mixes numbers and text (${JSON.stringify(number)} and ${JSON.stringify(text)}); the classes would have no sorted order. ` +
          `Convert the labels to one kind first, e.g. y.map(String).`,
      );
    }
    this.state = { classes: sortLabelList(classes) };
    this.markFitted();
    return this;
  }

  transform(y: unknown): unknown {
    this.assertFitted("transform");
    const where = `${this.estimatorName}.transform`;
    const index = new Map(this.state!.classes.map((c, k) => [c, k]));
    const codes = toLabels(y, where).map((v, i) => {
      const k = index.get(v);
      if (k === undefined) throw new AibookError(`${where}: y holds ${JSON.stringify(v)} at row ${i}, a label not seen in fit (${this.state!.classes.map((c) => JSON.stringify(c)).join(", ")}).`);
      return k;
    });
    return like(y, codes);
  }

  fitTransform(y: unknown): unknown {
    return this.fit(y).transform(y);
  }

  inverseTransform(codes: unknown): unknown {
    this.assertFitted("inverseTransform");
    const classes = this.state!.classes;
    const labels = toVector(codes, `${this.estimatorName}.inverseTransform`).map((k, i) => {
      if (typeof k !== "number" || !Number.isInteger(k) || k < 0 || k >= classes.length) {
        throw new AibookError(`${this.estimatorName}.inverseTransform: value ${showValue(k)} at row ${i} is not a code between 0 and ${classes.length - 1}.`);
      }
      return classes[k];
    });
    return like(codes, labels);
  }
}

/** A Series back for a Series (same index and name), an array otherwise. */
function like(input: unknown, values: Label[]): unknown {
  if (!isSeries(input)) return values;
  const s = input as unknown as { index: (number | string)[]; columns?: string[] };
  return new (danfo().Series)(values as number[], { index: [...s.index], columns: s.columns });
}

registerEstimator(LabelEncoder);
