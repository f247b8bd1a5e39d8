/**
 * multi-test-leakage: test-set scores of several models (or hyperparameter values) are compared to
 * keep the best one. The winner's test score is then picked for being high, so it overestimates.
 */
import ts from "typescript";
import { isHeldOut, isValidationRows } from "../engine/queries";
import type { ScoreObj } from "../engine/values";
import type { Atom } from "../engine/rows";
import type { Rule } from "../engine/types";

/** Cross-validation folds written by hand: their scores are not the test set's. */
const foldRows = (s: ScoreObj) => s.evaluation.atoms.every((a) => a.cuts.some((c) => "split" in c && c.split?.kind === "kfold"));

const testScores = (scores: ScoreObj[]): ScoreObj[] =>
  scores.filter((s) => s.evaluation.fit && !s.evaluation.cv && isHeldOut(s.evaluation) && !isValidationRows(s.evaluation.atoms) && !foldRows(s));

/** Rows that are the test side of a split (and not a validation part cut from a training part). */
function onTestPart(atoms: readonly Atom[]): boolean {
  return (
    atoms.length > 0 &&
    !isValidationRows(atoms) &&
    atoms.every((a) => {
      const parts = a.cuts.filter((c) => c.kind === "part" && c.split.kind !== "kfold");
      const last = parts[parts.length - 1];
      return last?.kind === "part" && last.side === "test";
    })
  );
}

/** Does the comparison choose something: a `?:`, or an `if` that assigns, returns or collects? */
function selects(node: ts.Node): boolean {
  if (!ts.isBinaryExpression(node)) return true; // Math.max/min, sort: choosing by nature
  for (let child: ts.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && parent.condition === child) return true;
    if (ts.isIfStatement(parent) && parent.expression === child) {
      let acts = false;
      const visit = (n: ts.Node): void => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) acts = true;
        else if (ts.isReturnStatement(n) || ts.isBreakStatement(n)) acts = true;
        else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(push|set|add)$/.test(n.expression.name.text)) acts = true;
        if (!acts) ts.forEachChild(n, visit);
      };
      visit(parent.thenStatement);
      return acts;
    }
    if (!ts.isBinaryExpression(parent) && !ts.isParenthesizedExpression(parent) && !ts.isPrefixUnaryExpression(parent)) return false;
  }
  return false;
}

export const multiTestLeakage: Rule = {
  meta: {
    id: "multi-test-leakage",
    severity: "warning",
    description: "One test set is used to choose between models, then reported as the estimate.",
    fixes: [],
    docs: `# multi-test-leakage

One test set is used to choose between several models or hyperparameter values (compare the test
scores, keep the best), and the chosen model's test score is then the reported estimate. The best of
several noisy scores is biased upwards: the test set has become part of training.

## Incorrect
\`\`\`ts
for (const k of [1, 3, 5, 7]) {
  const knn = new KNeighborsClassifier({ k }).fit(xTrain, yTrain);
  const score = metrics.accuracy(yTest, knn.predict(xTest));
  if (score > best.score) best = { k, score };
}
\`\`\`

## Correct
\`\`\`ts
const board = compareModels({ k3: new KNeighborsClassifier({ k: 3 }), k9: new KNeighborsClassifier({ k: 9 }) }, xTrain, yTrain, { folds: 5, metric: "f1" });
const chosen = board.best().model.clone().fit(xTrain, yTrain);
evaluate(chosen, xTest, yTest); // the test set, once
\`\`\`

## What to do instead
Choose on a validation split cut from the training part, or by cross-validation on the training part
(\`compareModels\`, \`crossValidate\`), and touch the test set once at the end.`,
  },
  create(context) {
    // compareModels(..., xTest, yTest): a leaderboard built on the test part chooses on it.
    const boards = new Map<ts.Node, Set<unknown>>();
    for (const f of context.facts.fits)
      if (f.cv && ts.isCallExpression(f.node) && /compareModels$/.test(f.node.expression.getText()) && onTestPart(f.atoms))
        boards.set(f.node, (boards.get(f.node) ?? new Set()).add(f.model));
    for (const [node, models] of boards)
      if (models.size > 1)
        context.report({
          node,
          message:
            `These models are compared on the test part: the leaderboard's winner is chosen on the rows meant for the final estimate, ` +
            `so its test score is biased upwards. Compare them on the training part (compareModels(models, xTrain, yTrain)) and evaluate the winner on the test part once.`,
        });
    for (const c of context.facts.compares) {
      const left = testScores(c.left);
      const right = testScores(c.right);
      const differentFits = left.some((l) => right.some((r) => l.evaluation.fit !== r.evaluation.fit));
      if (!differentFits || !selects(c.node)) continue;
      const evals = [...new Set([...left, ...right].map((s) => s.evaluation.node))];
      context.report({
        node: c.node,
        message:
          `Test-set scores of different models are compared here to keep the best (scores from ${evals.map((n) => context.where(n)).join("; ")}): ` +
          `the winner's test score is then biased upwards. Choose by cross-validation on the training part (compareModels) or on a validation split, ` +
          `and evaluate on the test set once at the end.`,
        related: evals.map((node) => ({ node, message: "a test-set score used for the choice" })),
      });
    }
  },
};
