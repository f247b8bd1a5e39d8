/**
 * evaluate-on-train: a model's quality is reported only on the rows it was trained on. Showing the
 * training score next to a held-out score is fine; only the training score is not.
 */
import { evalRelation, evalsOf } from "../engine/queries";
import type { Rule } from "../engine/types";

export const evaluateOnTrain: Rule = {
  meta: {
    id: "evaluate-on-train",
    severity: "warning",
    description: "A model is evaluated only on its training data.",
    fixes: [],
    docs: `# evaluate-on-train

A model's quality is reported only on the data it was trained on, and the notebook never evaluates
that model on held-out data. A training score says how well the model fits what it saw, not how it
will do on new rows.

## Incorrect
\`\`\`ts
const tree = new DecisionTreeClassifier().fit(xTrain, yTrain);
metrics.recall(yTrain, tree.predict(xTrain));
\`\`\`

## Correct
\`\`\`ts
const tree = new DecisionTreeClassifier().fit(xTrain, yTrain);
evaluate(tree, xTrain, yTrain, { name: "training rows" }); // the gap is worth showing
evaluate(tree, xTest, yTest, { name: "held-out rows" });
\`\`\`

## What to do instead
Evaluate on a held-out test part (\`trainTestSplit\`) or by cross-validation (\`crossValidate\`).`,
  },
  create(context) {
    for (const model of context.facts.models) {
      const evals = evalsOf(context.facts, model);
      if (evals.length === 0 || !evals.every((e) => !e.cv && evalRelation(e) === "identical")) continue;
      for (const e of evals)
        context.report({
          node: e.node,
          message:
            `${model.cls} is evaluated on the same rows it was trained on (${context.where(e.fit!.node)}), and nowhere on held-out rows: ` +
            `this score says how well it remembers, not how it will predict. Evaluate it on a test part or with crossValidate.`,
          related: [{ node: e.fit!.node, message: "the model is trained on these rows here" }],
        });
    }
  },
};
