/**
 * preprocessing-leakage: a data-dependent step (scaler, imputer, statistic, encoder, PCA, feature
 * selection, oversampling) was fitted on rows that later serve as test rows, so the test set
 * leaked into the model's inputs.
 */
import ts from "typescript";
import { isHeldOut } from "../engine/queries";
import { relateRows } from "../engine/rows";
import type { EvalFact, StepFact } from "../engine/values";
import type { LintFix, Rule, RuleContext } from "../engine/types";

/**
 * The mechanical case: `new Step(...).fitTransform(X)` feeds the split, and the model is built with
 * `new Model(...)`. Split the raw X instead, and build `pipeline(new Step(...), new Model(...))`,
 * which the notebook already fits on the training part.
 */
function pipelineFix(context: RuleContext, step: StepFact, e: EvalFact): LintFix[] {
  const call = step.node;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return [];
  const receiver = call.expression.expression;
  if (call.expression.name.text !== "fitTransform" || !ts.isNewExpression(receiver) || call.arguments.length !== 1) return [];
  const modelNew = e.model?.node;
  if (!modelNew || !ts.isNewExpression(modelNew) || !e.fit) return [];
  const stepText = receiver.getText();
  const edits: LintFix["edits"] = [
    { kind: "replace", range: context.range(call), newText: call.arguments[0]!.getText() },
    { kind: "replace", range: context.range(modelNew), newText: `pipeline(${stepText}, ${modelNew.getText()})` },
  ];
  const file = modelNew.getSourceFile();
  const imported = file.statements.some((s) => ts.isImportDeclaration(s) && /\bpipeline\b/.test(s.getText()));
  if (!imported && !/\bpipeline\b/.test(call.getSourceFile().text)) {
    const at = context.range(file.statements[0] ?? modelNew);
    edits.push({ kind: "replace", range: { cell: at.cell, line: 1, column: 1, endLine: 1, endColumn: 1 }, newText: `import { pipeline } from "aibook";\n` });
  }
  return [{ title: `Move ${receiver.expression.getText()} into pipeline(...) with the model, fitted on the training part`, edits }];
}

export const preprocessingLeakage: Rule = {
  meta: {
    id: "preprocessing-leakage",
    severity: "error",
    description: "A preprocessing step is fitted on data that still holds the test rows.",
    fixes: ["Move the step into pipeline(step, model) and fit the pipeline on the training part."],
    docs: `# preprocessing-leakage

A data-dependent step — a scaler, an imputer or a \`fillna\` with a statistic of the data, an
encoder, feature selection, PCA, oversampling — is fitted on data that still contains the test rows,
and those test rows are later used to evaluate. The test set has shaped the inputs: the score is
optimistic.

## Incorrect
\`\`\`ts
const scaled = new StandardScaler().fitTransform(X);
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(scaled, y, { stratify: true });
\`\`\`
\`\`\`ts
const filled = df.fillNa([df["co2"].mean()], { columns: ["co2"] }); // mean of every row
\`\`\`

## Correct
\`\`\`ts
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(X, y, { stratify: true });
const model = pipeline(new StandardScaler(), new LogisticRegression()).fit(xTrain, yTrain);
evaluate(model, xTest, yTest);
\`\`\`

## What to do instead
Split first; fit the step on the training part only (\`scaler.fit(xTrain)\`, then \`transform\` both
parts), or put it inside \`pipeline(...)\` and fit the pipeline on the training part.`,
  },
  create(context) {
    const leaks = new Map<StepFact, EvalFact[]>();
    for (const e of context.facts.evals) {
      // A validation split inside tfjs fit only steers training; the estimate is measured elsewhere.
      if (!e.model || e.validationSplit || !isHeldOut(e)) continue;
      for (const step of e.taints) {
        const r = relateRows(e.atoms, step.atoms);
        if (r === "identical" || r === "overlap") leaks.set(step, [...(leaks.get(step) ?? []), e]);
      }
    }
    for (const [step, evals] of leaks) {
      // Name the model the notebook is about, not its baseline.
      const shown = [...evals].sort((a, b) => Number(/^Dummy/.test(a.model!.cls)) - Number(/^Dummy/.test(b.model!.cls)));
      const e = shown[0]!;
      const what = /^(the|a) /.test(step.name)
        ? `${step.name[0]!.toUpperCase()}${step.name.slice(1)} is computed on`
        : /^oversampling/.test(step.name)
          ? "Oversampling (rows repeated by concatenation) is done on"
          : `${step.name} is fitted on`;
      context.report({
        node: step.node,
        message:
          `${what} data that still holds the test rows, and those rows then evaluate ${e.model!.cls} (${context.where(e.node)}): ` +
          `the test set leaks into the model's inputs and the score is optimistic. Split first and fit this step on the training part only, ` +
          `or put it into pipeline(step, model) fitted on the training part.`,
        related: shown.slice(0, 3).map((x) => ({ node: x.node, message: "the test rows this step saw are used to evaluate here" })),
        fixes: pipelineFix(context, step, e),
      });
    }
  },
};
