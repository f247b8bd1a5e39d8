/**
 * no-baseline: a complex model is evaluated and nothing simpler is, so nobody knows whether the
 * complexity buys anything over predicting the majority class.
 */
import ts from "typescript";
import type { FitFact } from "../engine/values";
import type { LintFix, Rule, RuleContext } from "../engine/types";
import { isClassifier } from "../engine/queries";

/** The held-out features and labels of an evaluation call, when they are plain to read. */
function evaluatedOn(node: ts.Node): [string, string] | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const args = node.arguments.map((a) => a.getText());
  if (/(^|\.)evaluate$/.test(node.expression.getText()) && args.length >= 3) return [args[1]!, args[2]!];
  const predict = node.arguments.find((a) => ts.isCallExpression(a) && /\.predict$/.test(a.expression.getText())) as ts.CallExpression | undefined;
  const labels = node.arguments.find((a) => a !== predict);
  if (predict?.arguments[0] && labels) return [predict.arguments[0].getText(), labels.getText()];
  return undefined;
}

function baselineFix(context: RuleContext, fit: FitFact, evaluation: ts.Node): LintFix[] {
  const call = fit.node;
  const at = context.range(call);
  const text = call.getText();
  const m = /\.(fit|train)\(\s*([\w.$\[\]"']+)\s*,\s*([\w.$\[\]"']+)/.exec(text);
  if (!m) return [];
  const [x, y] = [m[2], m[3]];
  const held = evaluatedOn(evaluation);
  const cls = isClassifier(fit.model) ? "DummyClassifier" : fit.model.role === "regressor" ? "DummyRegressor" : undefined;
  if (!cls) return [];
  return [{
    title: `Add a ${cls} baseline cell`,
    edits: [
      {
        kind: "insertCell",
        afterCell: at.cell,
        source:
          `import { ${cls}, evaluate } from "aibook";\n\n// A baseline: the score any model must beat.\nconst baseline = new ${cls}().fit(${x}, ${y});` +
          (held ? `\nevaluate(baseline, ${held[0]}, ${held[1]}, { name: "baseline" });` : ""),
      },
    ],
  }];
}

export const noBaseline: Rule = {
  meta: {
    id: "no-baseline",
    severity: "information",
    description: "A complex model is evaluated without a simple baseline.",
    fixes: ["Insert a cell that fits a DummyClassifier (or DummyRegressor) baseline on the same training data."],
    docs: `# no-baseline

A complex model (random forest, gradient boosting, neural network, kernel SVM) is evaluated, and no
simpler model (a dummy/majority baseline, linear or logistic regression, a decision tree, naive
Bayes) is evaluated on the same task anywhere in the notebook. Without one, a score of 0.93 may be
no better than always predicting the majority class.

## Incorrect
\`\`\`ts
const forest = new RandomForestClassifier().fit(xTrain, yTrain);
evaluate(forest, xTest, yTest);
\`\`\`

## Correct
\`\`\`ts
evaluate(new DummyClassifier().fit(xTrain, yTrain), xTest, yTest, { name: "majority" });
const forest = new RandomForestClassifier().fit(xTrain, yTrain);
evaluate(forest, xTest, yTest);
\`\`\`

## What to do instead
Start simple — a \`DummyClassifier\`/\`DummyRegressor\`, then a linear model — and earn the complexity.`,
  },
  create(context) {
    const { evals, fits } = context.facts;
    const evaluated = (complexity: string) => evals.filter((e) => e.model && e.model.complexity === complexity);
    if (evaluated("simple").length > 0 || evals.some((e) => e.baseline)) return;
    const done = new Set<unknown>();
    for (const e of evaluated("complex")) {
      const model = e.model!;
      if (done.has(model)) continue;
      done.add(model);
      const fit = e.fit ?? fits.find((f) => f.model === model);
      if (!fit) continue;
      context.report({
        node: fit.node,
        message:
          `${model.cls} is evaluated (${context.where(e.node)}), but no simpler model is evaluated anywhere in the notebook: ` +
          `nothing shows the complexity is worth it. Evaluate a DummyClassifier/DummyRegressor baseline, then a linear model or a small tree, on the same split.`,
        related: [{ node: e.node, message: "the complex model is evaluated here" }],
        fixes: baselineFix(context, fit, e.node),
      });
    }
  },
};
