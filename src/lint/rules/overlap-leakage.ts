/**
 * overlap-leakage: rows used to evaluate a model were also used to train it, so the score measures
 * memory, not generalisation. Found when the evaluated rows share rows with the training rows for
 * sure (a subset, overlapping slices, the test part concatenated back) but are not the very same set
 * (that is evaluate-on-train).
 */
import { forkCut } from "../engine/rows";
import { evalRelation } from "../engine/queries";
import type { Rule } from "../engine/types";

export const overlapLeakage: Rule = {
  meta: {
    id: "overlap-leakage",
    severity: "error",
    description: "A model is evaluated on rows it was trained on.",
    fixes: [],
    docs: `# overlap-leakage

Rows that are used to evaluate a model were also used to train it: the score measures how well the
model remembers, not how it will do on new data.

## Incorrect
\`\`\`ts
const clf = new LogisticRegression().fit(X, y);            // all rows
const { xTest, yTest } = trainTestSplit(X, y, { stratify: true });
evaluate(clf, xTest, yTest);                                // test rows were in the fit
\`\`\`
\`\`\`ts
const trainX = features.slice(0, 120);
const testX = features.slice(100);                          // rows 100..119 are in both
\`\`\`

## Correct
\`\`\`ts
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { stratify: true });
const clf = new LogisticRegression().fit(xTrain, yTrain);
evaluate(clf, xTest, yTest);
\`\`\`

## What to do instead
Split first, train only on the training part, and keep the test part out of every fit.`,
  },
  create(context) {
    for (const e of context.facts.evals) {
      if (e.cv || !e.fit || e.fit.cv || !e.model) continue;
      if (evalRelation(e) !== "overlap") continue;
      const fit = e.fit;
      const related = [{ node: e.node, message: "the model is evaluated here, on rows it was trained on" }];
      const fork = e.atoms.flatMap((a) => fit.atoms.map((b) => forkCut(a, b) ?? forkCut(b, a))).find((c) => c && "split" in c && c.split);
      if (fork && "split" in fork && fork.split && fork.split.node !== fit.node)
        related.push({ node: fork.split.node, message: "the evaluation rows are cut out here, but the training rows still hold them" });
      context.report({
        node: fit.node,
        message:
          `${e.model.cls} is trained on rows that are also used to evaluate it (${context.where(e.node)}: \`${context.text(e.node, 50)}\`), ` +
          `so its score is too good to be true. Keep the evaluation rows out of training: split once, fit on the training part only, and evaluate on the rows the model never saw.`,
        related,
      });
    }
  },
};
