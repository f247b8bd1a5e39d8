/**
 * unstratified-split: a train/test split of a classification problem that keeps no class
 * proportions (trainTestSplit without stratify, df.sample, shuffle-then-slice, plain slicing).
 * Rare classes can end up under- or over-represented in the test part.
 */
import ts from "typescript";
import { forkCut, relateRows, type Cut, type SplitFact } from "../engine/rows";
import { isClassifier } from "../engine/queries";
import type { FitFact } from "../engine/values";
import type { LintFix, Rule, RuleContext } from "../engine/types";

function stratifyFix(context: RuleContext, split: SplitFact): LintFix[] {
  const call = split.node;
  if (!ts.isCallExpression(call) || !/trainTestSplit$/.test(call.expression.getText())) return [];
  const args = call.arguments;
  const options = args.length >= 2 && ts.isObjectLiteralExpression(args[args.length - 1]!) ? (args[args.length - 1] as ts.ObjectLiteralExpression) : undefined;
  const frameForm = args.length === 1 || (args.length === 2 && options !== undefined);
  if (frameForm) return []; // the label column's name is the user's to write
  const value = "true";
  if (options) {
    const brace = context.range(options);
    const start = { ...brace, endLine: brace.line, endColumn: brace.column + 1 };
    const inner = options.properties.length ? `{ stratify: ${value}, ` : `{ stratify: ${value} `;
    const firstToken = options.getText().slice(0, options.properties.length ? options.properties[0]!.getStart() - options.getStart() : 1);
    return [{ title: "Stratify the split on the labels", edits: [{ kind: "replace", range: { ...start, endColumn: start.column + firstToken.length }, newText: inner }] }];
  }
  const close = context.range(call);
  return [{
    title: "Stratify the split on the labels",
    edits: [{ kind: "replace", range: { cell: close.cell, line: close.endLine, column: close.endColumn - 1, endLine: close.endLine, endColumn: close.endColumn - 1 }, newText: `, { stratify: ${value} }` }],
  }];
}

const random = (c: Cut | undefined): SplitFact | undefined => {
  if (!c || !("split" in c) || !c.split) return undefined;
  const s = c.split;
  if (s.kind === "sample" || s.kind === "slice") return s;
  if (s.kind === "random" && s.stratified === false) return s;
  return undefined;
};

export const unstratifiedSplit: Rule = {
  meta: {
    id: "unstratified-split",
    severity: "warning",
    description: "A classification train/test split keeps no class proportions.",
    fixes: ["Add `stratify: true` to the trainTestSplit options."],
    docs: `# unstratified-split

A train/test split of a classification problem keeps no class proportions: \`trainTestSplit\` without
\`stratify\`, \`df.sample\`, shuffle-then-slice, or plain slicing. A rare class can be missing from the
test part, or over-represented in it, and the score moves with the luck of the split.

## Incorrect
\`\`\`ts
const parts = trainTestSplit(X, y, { testSize: 0.3, seed: 2 });
new DecisionTreeClassifier().fit(parts.xTrain, parts.yTrain);
\`\`\`
\`\`\`ts
const shuffled = await df.sample(df.shape[0]);
const test = shuffled.iloc({ rows: ["0:45"] });
\`\`\`

## Correct
\`\`\`ts
const parts = trainTestSplit(X, y, { testSize: 0.3, stratify: true, seed: 2 });
\`\`\`

## What to do instead
Use \`trainTestSplit(X, y, { stratify: true })\` (or \`stratifiedKFold\`). Regression targets and
\`timeSplit\` are fine as they are.`,
  },
  create(context) {
    const { fits, evals } = context.facts;
    const report = (split: SplitFact, fit: FitFact) =>
      context.report({
        node: split.node,
        message:
          `This split of a classification problem keeps no class proportions: the labels go to ${fit.model.cls} (${context.where(fit.node)}), ` +
          `and a rare class can be missing from, or over-represented in, the test part. Split with trainTestSplit(X, y, { stratify: true }).`,
        related: [{ node: fit.node, message: "the labels of this split train a classifier here" }],
        fixes: stratifyFix(context, split),
      });
    for (const fit of fits) {
      if (!isClassifier(fit.model)) continue; // cross-validation on an unstratified training part counts too
      for (const a of fit.atoms) for (const c of a.cuts) if (c.kind === "part" && c.split.kind === "random" && c.split.stratified === false) report(c.split, fit);
    }
    // Rows a classifier is measured on, or predicts (a metric written by hand may not show as one),
    // cut from the rows it was trained on by a split that keeps no class proportions.
    const heldOut = [...evals.filter((e) => !e.cv && e.model), ...context.facts.predictions.filter((p) => p.fit && relateRows(p.atoms, p.fit.atoms) === "disjoint")];
    for (const e of heldOut) {
      if (!e.fit || e.fit.cv || !e.model || !isClassifier(e.model)) continue;
      const fit = e.fit;
      for (const a of e.atoms)
        for (const b of fit.atoms) {
          const split = random(forkCut(a, b));
          if (split) report(split, fit);
        }
    }
  },
};
